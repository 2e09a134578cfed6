import type { Kysely } from 'kysely';
import type { LiveEvents } from '../../../calls/live-events.js';
import type { Database } from '../../../store/schema.js';

/**
 * Logs an agent in or out, from the phone (`*50`/`*51`) or the portal alike, and tells
 * the live view. The attendant's availability rule reads the same column.
 */
export async function setAgentLogin(db: Kysely<Database>, live: LiveEvents, user: { id: number; organisationId: number }, loggedIn: boolean): Promise<void> {
  await db.updateTable('users').set({ logged_in: loggedIn ? 1 : 0 }).where('id', '=', user.id).execute();
  live.publish({ organisationId: user.organisationId, kind: loggedIn ? 'agent.logged-in' : 'agent.logged-out', userIds: [user.id], data: { userId: user.id, loggedIn } });
}
