import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>;

/** An impersonation session remembers the administrator's session it was started from (issue 12). */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('auth_sessions').addColumn('parent_token_hash', 'text').execute();
  await db.schema.createIndex('auth_sessions_expires_at').on('auth_sessions').column('expires_at').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('auth_sessions_expires_at').execute();
  await db.schema.alterTable('auth_sessions').dropColumn('parent_token_hash').execute();
}
