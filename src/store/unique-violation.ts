import { AppError, conflictOn } from '../errors.js';

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
 * Whether `error` is a duplicate-key refusal at all and, if so, which constraint it broke.
 * Recognised by the driver's error code, never by the wording of its message: PostgreSQL's
 * error carries the constraint name; SQLite's carries none, only the key list it documents
 * after the code (`users.organisation_id, users.extension`, or `index 'name'` for an index
 * on expressions), compared whole with those of `known` (undefined when none matches).
 */
export function uniqueViolationOf(error: unknown, known: readonly UniqueConstraint[] = KNOWN_CONSTRAINTS): { constraint: string | undefined } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, constraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (code === PG_UNIQUE_VIOLATION) return { constraint: typeof constraint === 'string' ? constraint : undefined };
  if (typeof code !== 'string' || !SQLITE_DUPLICATE_CODES.has(code)) return undefined;
  const keys = typeof message === 'string' ? message.slice(message.indexOf(': ') + 2) : '';
  const match = known.find((k) => keys === `index '${k.name}'` || (k.columns.length > 0 && keys === k.columns.map((c) => `${k.table}.${c}`).join(', ')));
  return { constraint: match?.name };
}

/**
 * The unique keys an API write can collide with, as the migrations declare them
 * (`migrations/20261123-0001-core.ts`, `20261201-0001-tenant-uniqueness.ts`), and the
 * field each protects. The e-mail index is on `lower(email)`: SQLite names it.
 */
const FIELD_OF_CONSTRAINT: ReadonlyArray<UniqueConstraint & { field: string; code: string }> = [
  { name: 'users_org_extension', table: 'users', columns: ['organisation_id', 'extension'], field: 'extension', code: 'extension-taken' },
  { name: 'dids_pkey', table: 'dids', columns: ['number'], field: 'dids', code: 'did-taken' },
  { name: 'locations_device_unique', table: 'locations', columns: ['address'], field: 'locations', code: 'device-taken' },
  { name: 'users_email_unique', table: 'users', columns: [], field: 'email', code: 'email-taken' },
  { name: 'organisations_company_did_unique', table: 'organisations', columns: ['company_did'], field: 'companyDid', code: 'did-taken' },
];
const KNOWN_CONSTRAINTS: readonly UniqueConstraint[] = FIELD_OF_CONSTRAINT;

/**
 * A 409 for a unique violation, naming the field the broken constraint protects (else a
 * general one), or undefined when `error` is no unique violation. Routes check for a taken
 * value before they write and say which field; this is the answer for the race in between.
 */
export function conflictFromUniqueViolation(error: unknown): AppError | undefined {
  const violation = uniqueViolationOf(error);
  if (!violation) return undefined;
  const known = FIELD_OF_CONSTRAINT.find((k) => k.name === violation.constraint);
  if (known) return conflictOn(known.field, known.code, 'already used elsewhere');
  return new AppError(409, 'already-taken', 'a value in this request was just taken by someone else; reload and try again');
}
