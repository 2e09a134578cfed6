import type { UserType } from '../../../store/schema.js';

/** `*50` logs an agent in, `*51` out (PRODUCT.md 2); the phone's send key (#) may follow. */
export function parseAgentLoginCode(dialled: string): { loggedIn: boolean } | undefined {
  const code = dialled.replace(/#$/, '');
  if (code === '*50') return { loggedIn: true };
  if (code === '*51') return { loggedIn: false };
  return undefined;
}

/**
 * Only agents and floating agents have a login (CXone's attendant user types): the
 * attendant rings an agent's device only while they are logged in; other types always ring.
 */
export const hasAgentLogin = (type: UserType): boolean => type === 'agent' || type === 'floating_agent';
