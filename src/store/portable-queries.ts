import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/**
 * Query pieces SQLite and PostgreSQL would otherwise answer differently. Repositories use
 * these instead of `like` or comparisons across types, so a search gives the same rows
 * on either store.
 */

/** A column's value as text, whatever its type: `cast(x as text)` reads the same on both. */
export function asText(column: string): RawBuilder<string> {
  return sql<string>`cast(${sql.ref(column)} as text)`;
}

/**
 * `column` contains `text`, ignoring case. SQLite's LIKE ignores ASCII case and
 * PostgreSQL's does not, so both sides are lowered; `%`, `_` and `\` in `text` match
 * themselves. Works on any column type (a number is searched as its digits).
 */
export function containsText(column: string, text: string): Expression<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${asText(column)}) like ${pattern} escape '\\'`;
}
