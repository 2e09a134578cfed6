import { AppError, conflictOn } from '../errors.js';

/**
 * A write refused by a unique index, whichever database refused it: SQLite
 * (better-sqlite3's `code`) or PostgreSQL (SQLSTATE 23505, with the constraint's name).
 * Routes check for a taken value before they write and say which field; this is the
 * answer for the race in between, never matched on message text.
 */
export interface UniqueViolation { constraint: string | undefined }

const SQLITE_UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

export function uniqueViolationOf(error: unknown): UniqueViolation | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (code === '23505') return { constraint: typeof constraint === 'string' ? constraint : undefined };
  if (typeof code === 'string' && SQLITE_UNIQUE_CODES.has(code)) return { constraint: undefined };
  return undefined;
}

/** The API field each unique constraint protects (PostgreSQL names the constraint; SQLite does not). */
const FIELD_OF_CONSTRAINT: Record<string, { field: string; code: string }> = {
  users_org_extension: { field: 'extension', code: 'extension-taken' },
  dids_pkey: { field: 'dids', code: 'did-taken' },
  locations_device_unique: { field: 'locations', code: 'device-taken' },
  users_email_unique: { field: 'email', code: 'email-taken' },
  organisations_company_did_unique: { field: 'companyDid', code: 'did-taken' },
};

/** A 409 for a unique violation (naming the field when the database names the constraint), else undefined. */
export function conflictFromUniqueViolation(error: unknown): AppError | undefined {
  const violation = uniqueViolationOf(error);
  if (!violation) return undefined;
  const known = violation.constraint ? FIELD_OF_CONSTRAINT[violation.constraint] : undefined;
  if (known) return conflictOn(known.field, known.code, 'already used elsewhere');
  return new AppError(409, 'already-taken', 'a value in this request was just taken by someone else; reload and try again');
}
