import type { UserProfile } from '../../../users/settings/user-repository.js';

/** How the actor stands towards an executive's settings. */
export type ExecutiveAccess = 'none' | 'assistant' | 'full';

/**
 * BroadWorks: the executive and their organisation's administrators manage everything;
 * an assistant in the pool reads and changes filtering, screening and alerting, never the
 * pool; anyone else nothing.
 */
export function executiveAccess(actor: UserProfile, executive: UserProfile, actorIsInPool: boolean): ExecutiveAccess {
  if (actor.organisationId !== executive.organisationId) return 'none';
  if (actor.id === executive.id || actor.role === 'admin') return 'full';
  return actorIsInPool ? 'assistant' : 'none';
}

export type ExecutiveSection = 'filtering' | 'screening' | 'alerting' | 'pool';

export function mayChange(access: ExecutiveAccess, section: ExecutiveSection): boolean {
  if (access === 'full') return true;
  if (access === 'assistant') return section !== 'pool';
  return false;
}

/** An assistant's own settings (divert, opt-in): the assistant or an administrator of their organisation. */
export function mayManageAssistant(actor: UserProfile, assistant: UserProfile): boolean {
  return actor.organisationId === assistant.organisationId && (actor.id === assistant.id || actor.role === 'admin');
}
