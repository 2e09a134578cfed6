import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>;

/**
 * A system administrator creates and lists organisations (issue 12); every other
 * administrator sees only their own. A flag on a user of some organisation (the first,
 * usually), set by `switchboard init` or another system administrator, never by the
 * user API.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('users').addColumn('system_admin', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('users').dropColumn('system_admin').execute();
}
