import { sql, type Kysely } from 'kysely';
import { storeDialect } from '../db.js';

type AnyDb = Kysely<any>;

/**
 * What the in-memory caches of rarely-changing data (src/store/change-feed.ts) watch, with
 * the column naming the row they cache (a user's, an organisation's). Triggers, not the
 * writers, report changes: every writer (API, CSV import, CLI, another controller, an
 * operator's psql) is seen.
 */
export const WATCHED: ReadonlyArray<{ table: string; column: string }> = [
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
    for (const { table, column } of WATCHED) {
      await sql`CREATE TRIGGER ${sql.raw(`${table}_change_feed`)} AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
        FOR EACH ROW EXECUTE FUNCTION switchboard_notify_change(${sql.lit(column)})`.execute(db);
    }
    return;
  }
  await db.schema.createTable('store_changes')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .execute();
  for (const { table, column } of WATCHED) {
    for (const [event, row] of [['INSERT', 'NEW'], ['UPDATE', 'NEW'], ['DELETE', 'OLD']] as const) {
      const also = event === 'UPDATE' ? ` INSERT INTO store_changes (table_name, row_id) SELECT '${table}', OLD.${column} WHERE OLD.${column} IS NOT NEW.${column};` : '';
      await sql.raw(`CREATE TRIGGER ${table}_change_feed_${event.toLowerCase()} AFTER ${event} ON ${table}
        BEGIN INSERT INTO store_changes (table_name, row_id) VALUES ('${table}', ${row}.${column});${also} END`).execute(db);
    }
  }
}

export async function down(db: AnyDb): Promise<void> {
  if (storeDialect(db) === 'postgres') {
    for (const { table } of WATCHED) await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_change_feed`)} ON ${sql.table(table)}`.execute(db);
    await sql`DROP FUNCTION IF EXISTS switchboard_notify_change()`.execute(db);
    return;
  }
  for (const { table } of WATCHED) {
    for (const event of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER IF EXISTS ${table}_change_feed_${event}`).execute(db);
  }
  await db.schema.dropTable('store_changes').execute();
}
