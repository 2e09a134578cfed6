/**
 * A unique index or primary key, named the way each store reports a row that breaks it:
 * PostgreSQL by the constraint's (or index's) name, SQLite by its table and columns.
 */
export interface UniqueConstraint {
  /** The constraint or unique index name (a primary key is `<table>_pkey` on PostgreSQL). */
  name: string;
  table: string;
  columns: readonly string[];
}

/** PostgreSQL's SQLSTATE for unique_violation. */
const PG_UNIQUE_VIOLATION = '23505';
/** better-sqlite3's extended result codes for a duplicate key. */
const SQLITE_DUPLICATE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/**
 * Whether `error` is a write refused because it would duplicate `constraint`. Recognised
 * by the driver's error code, never by the wording of its message: PostgreSQL's error
 * carries the constraint name; SQLite's carries no name, only the list it documents after
 * the code (`users.organisation_id, users.extension`, or `index 'name'` for an index on
 * expressions), which is compared whole.
 */
export function isUniqueViolation(error: unknown, constraint: UniqueConstraint): boolean {
  return uniqueViolationOf(error, [constraint])?.constraint === constraint.name;
}

/**
 * Whether `error` is a duplicate-key refusal at all and, if so, which constraint it broke:
 * PostgreSQL names it; on SQLite it is the one of `known` whose key list SQLite reported
 * (undefined when none is).
 */
export function uniqueViolationOf(error: unknown, known: readonly UniqueConstraint[] = []): { constraint: string | undefined } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, constraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (code === PG_UNIQUE_VIOLATION) return { constraint: typeof constraint === 'string' ? constraint : undefined };
  if (typeof code !== 'string' || !SQLITE_DUPLICATE_CODES.has(code)) return undefined;
  const keys = typeof message === 'string' ? message.slice(message.indexOf(': ') + 2) : '';
  const match = known.find((k) => keys === `index '${k.name}'` || keys === k.columns.map((c) => `${k.table}.${c}`).join(', '));
  return { constraint: match?.name };
}
