import { sql, type ColumnDefinitionBuilder, type Kysely, type RawBuilder } from 'kysely';
import { storeDialect } from './db.js';

// Migrations take Kysely<any>: they describe the schema as it was then.
type AnyDb = Kysely<any>;

/**
 * The two schema details SQLite and PostgreSQL spell differently, for migrations. Every
 * other column is `integer`, `real` or `text` on both: booleans are 0/1 integers and
 * times ISO-8601 text, so rows read back the same from either store.
 */

/** An integer primary key the store numbers: SQLite's AUTOINCREMENT, PostgreSQL's identity column. */
export function generatedId(db: AnyDb): (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return storeDialect(db) === 'postgres'
    ? (column) => column.primaryKey().generatedByDefaultAsIdentity()
    : (column) => column.primaryKey().autoIncrement();
}

/** The time a row is written, as SQLite's CURRENT_TIMESTAMP writes it (`YYYY-MM-DD HH:MM:SS`, UTC), on both. */
export function currentTimestamp(db: AnyDb): RawBuilder<string> {
  return storeDialect(db) === 'postgres'
    ? sql<string>`to_char(now() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')`
    : sql<string>`CURRENT_TIMESTAMP`;
}

/**
 * Text compared by code point, as SQLite compares all text. PostgreSQL's default collation
 * follows the server's locale, which ignores spaces and punctuation: a prefix range
 * (`>= 'john s' and < 'john s\u{10FFFF}'`) would then also match "johnson".
 */
export function codePointOrder(db: AnyDb): (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return storeDialect(db) === 'postgres' ? (column) => column.modifyEnd(sql`collate "C"`) : (column) => column;
}
