/**
 * What the operator console shows of a call at the company number, and who may use the
 * console: pure decisions, no ARI and no store.
 */

/** Where a caller is in the attendant's menu, in the words the console shows. */
export type MenuStep = 'greeting' | 'main-menu' | 'confirming-a-name' | 'choosing-from-a-list' | 'put-through';

/** The console's view of a call: in the menu, waiting for a person (the operator), ringing someone, talking, parked. */
export type ConsoleCallState = 'menu' | 'waiting' | 'ringing' | 'connected' | 'parked';

/** The attendant session's states (flows/attendant-call.ts), as the console shows them; undefined: not shown (leaving a message). */
export function consoleCallState(attendantState: string): ConsoleCallState | undefined {
  switch (attendantState) {
    case 'menu': return 'menu';
    case 'operator': return 'waiting';
    case 'connecting': return 'ringing';
    case 'connected': return 'connected';
    default: return undefined;
  }
}

/** The lowest parking slot (1, 2, …) no call of the organisation holds. */
export function firstFreeParkSlot(taken: Iterable<number>): number {
  const used = new Set(taken);
  let slot = 1;
  while (used.has(slot)) slot += 1;
  return slot;
}

/**
 * The operator console is for the organisation's operator (the user whose extension is
 * the operator destination, the `0` of the menu) and its administrators: nobody else,
 * and never another organisation's.
 */
export function mayUseOperatorConsole(viewer: { role: string; extension: string; organisationId: number }, org: { id: number; operator_destination: string | null }): boolean {
  if (viewer.organisationId !== org.id) return false;
  return viewer.role === 'admin' || (org.operator_destination !== null && org.operator_destination === viewer.extension);
}
