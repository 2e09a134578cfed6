import type { Kysely } from 'kysely';
import { unwatchTables, watchTables, type WatchedTable } from '../../../store/change-triggers.js';

type AnyDb = Kysely<any>;

/**
 * The executive's settings and pool on the change feed, for the call path's cache of them
 * (executive-cache.ts): a change to an executive's settings or pool reports the executive;
 * a change to an assistant's divert reports the assistant (whose executives are dropped).
 */
const WATCHED: readonly WatchedTable[] = [
  { table: 'executive_settings', column: 'executive_user_id' },
  { table: 'executive_assistants', column: 'executive_user_id' },
  { table: 'assistant_settings', column: 'assistant_user_id' },
];

export async function up(db: AnyDb): Promise<void> { await watchTables(db, WATCHED); }
export async function down(db: AnyDb): Promise<void> { await unwatchTables(db, WATCHED); }
