import type { Kysely } from 'kysely';

// Migrations describe the schema as it was then, not as the Database interface says now.
type AnyDb = Kysely<any>;

/** The organisation's outbound route: the dial prefix (null: no outside calls) and the caller ID outside parties see. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('attendant_settings').addColumn('outbound_prefix', 'text', (c) => c.defaultTo('9')).execute();
  await db.schema.alterTable('attendant_settings').addColumn('outbound_caller_id', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('attendant_settings').dropColumn('outbound_caller_id').execute();
  await db.schema.alterTable('attendant_settings').dropColumn('outbound_prefix').execute();
}
