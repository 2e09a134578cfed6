import { sql, type Kysely } from 'kysely';
import { watchTables, unwatchTables, type WatchedTable } from '../change-triggers.js';
import { storeDialect } from '../db.js';

type AnyDb = Kysely<any>;

/**
 * What the in-memory caches of rarely-changing data (src/store/change-feed.ts) watch, with
 * the column naming the row they cache (a user's, an organisation's). Triggers, not the
 * writers, report changes: every writer (API, CSV import, CLI, another controller, an
 * operator's psql) is seen.
 */
export const WATCHED: readonly WatchedTable[] = [
  { table: 'users', column: 'id' },
  { table: 'user_services', column: 'user_id' },
  { table: 'locations', column: 'user_id' },
  { table: 'dids', column: 'user_id' },
  { table: 'organisations', column: 'id' },
];

/**
 * PostgreSQL: each change NOTIFYs `switchboard_changes` with `<schema>.<table>:<id>`, delivered to
 * every controller's LISTEN connection at commit. SQLite (one file, in-process writers and
 * the odd CLI process): each change appends to `store_changes`, read in-process before a
 * cached answer is given.
 */
export async function up(db: AnyDb): Promise<void> {
  if (storeDialect(db) === 'postgres') {
    await sql`CREATE OR REPLACE FUNCTION switchboard_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE row_id text;
      BEGIN
        IF TG_OP = 'DELETE' THEN row_id := to_jsonb(OLD) ->> TG_ARGV[0]; ELSE row_id := to_jsonb(NEW) ->> TG_ARGV[0]; END IF;
        PERFORM pg_notify('switchboard_changes', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME || ':' || row_id);
        IF TG_OP = 'UPDATE' AND (to_jsonb(OLD) ->> TG_ARGV[0]) IS DISTINCT FROM row_id THEN
          PERFORM pg_notify('switchboard_changes', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME || ':' || (to_jsonb(OLD) ->> TG_ARGV[0]));
        END IF;
        RETURN NULL;
      END $$`.execute(db);
    await watchTables(db, WATCHED);
    return;
  }
  await db.schema.createTable('store_changes')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .execute();
  await watchTables(db, WATCHED);
}

export async function down(db: AnyDb): Promise<void> {
  if (storeDialect(db) === 'postgres') {
    await unwatchTables(db, WATCHED);
    await sql`DROP FUNCTION IF EXISTS switchboard_notify_change()`.execute(db);
    return;
  }
  await unwatchTables(db, WATCHED);
  await db.schema.dropTable('store_changes').execute();
}
