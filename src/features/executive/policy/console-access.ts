/**
 * Who may use the assistant console on an executive's calls (issue 17): an assistant in
 * the executive's pool, in the executive's organisation, acting as themselves (their own
 * phone rings, their own line is pushed). Administrators and executives use the settings
 * pages; the console acts on calls. Each refusal names why, with the status the API
 * answers: another organisation's executive is not found, exactly as if it did not exist.
 */
export interface ConsoleRefusal { status: 403 | 404; code: 'no-such-executive' | 'not-an-assistant' | 'not-in-pool'; detail: string }

interface Person { id: number; organisationId: number; services: readonly string[] }

export function consoleRefusal(actor: Person, executive: Person | undefined, actorIsInPool: boolean): ConsoleRefusal | undefined {
  if (!executive || executive.organisationId !== actor.organisationId || !executive.services.includes('executive')) {
    return { status: 404, code: 'no-such-executive', detail: 'no such executive in your organisation' };
  }
  if (!actor.services.includes('assistant')) return { status: 403, code: 'not-an-assistant', detail: 'the console is for assistants: you have no assistant service' };
  if (!actorIsInPool) return { status: 403, code: 'not-in-pool', detail: 'you are not in this executive\'s pool: their calls are not yours to see or touch' };
  return undefined;
}
