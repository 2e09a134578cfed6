import { sql, type Kysely } from 'kysely';
import { storeDialect } from './db.js';

type AnyDb = Kysely<any>;

/** A table the change feed watches, and the column naming the cached row a change is about. */
export interface WatchedTable { table: string; column: string }

/**
 * Reports every change to `tables` on the change feed (src/store/change-feed.ts): on
 * PostgreSQL a trigger calling `switchboard_notify_change()` (created by the core's
 * change-feed migration), on SQLite triggers appending to `store_changes`. An update that
 * moves a row to another id reports both ids.
 */
export async function watchTables(db: AnyDb, tables: readonly WatchedTable[]): Promise<void> {
  if (storeDialect(db) === 'postgres') {
    for (const { table, column } of tables) {
      await sql`CREATE TRIGGER ${sql.raw(`${table}_change_feed`)} AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
        FOR EACH ROW EXECUTE FUNCTION switchboard_notify_change(${sql.lit(column)})`.execute(db);
    }
    return;
  }
  for (const { table, column } of tables) {
    for (const [event, row] of [['INSERT', 'NEW'], ['UPDATE', 'NEW'], ['DELETE', 'OLD']] as const) {
      const also = event === 'UPDATE' ? ` INSERT INTO store_changes (table_name, row_id) SELECT '${table}', OLD.${column} WHERE OLD.${column} IS NOT NEW.${column};` : '';
      await sql.raw(`CREATE TRIGGER ${table}_change_feed_${event.toLowerCase()} AFTER ${event} ON ${table}
        BEGIN INSERT INTO store_changes (table_name, row_id) VALUES ('${table}', ${row}.${column});${also} END`).execute(db);
    }
  }
}

export async function unwatchTables(db: AnyDb, tables: readonly WatchedTable[]): Promise<void> {
  if (storeDialect(db) === 'postgres') {
    for (const { table } of tables) await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_change_feed`)} ON ${sql.table(table)}`.execute(db);
    return;
  }
  for (const { table } of tables) {
    for (const event of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER IF EXISTS ${table}_change_feed_${event}`).execute(db);
  }
}
