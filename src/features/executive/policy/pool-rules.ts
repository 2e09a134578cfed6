import type { UserProfile } from '../../../users/settings/user-repository.js';
import { MAX_POOL_SIZE } from '../settings/executive-settings.js';

export type PoolProblem = { field: string; message: string };

/**
 * BroadWorks pool rules: at most 10 assistants, each once, in the executive's own
 * organisation, holding the assistant service, and never the executive themself.
 * `candidates` are the users named, found or not.
 */
export function poolProblems(executive: UserProfile, requestedIds: number[], candidates: Map<number, UserProfile>): PoolProblem[] {
  const problems: PoolProblem[] = [];
  if (requestedIds.length > MAX_POOL_SIZE) problems.push({ field: 'assistants', message: `at most ${MAX_POOL_SIZE} assistants` });
  const seen = new Set<number>();
  requestedIds.forEach((id, index) => {
    const field = `assistants.${index}`;
    const user = candidates.get(id);
    if (seen.has(id)) problems.push({ field, message: 'listed twice' });
    seen.add(id);
    if (id === executive.id) problems.push({ field, message: 'an executive cannot be their own assistant' });
    else if (!user || user.organisationId !== executive.organisationId) problems.push({ field, message: 'no such user in this organisation' });
    else if (!user.services.includes('assistant')) problems.push({ field, message: 'this user does not have the assistant service' });
  });
  return problems;
}
