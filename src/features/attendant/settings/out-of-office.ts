import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import { isOutOfOffice, type OutOfOffice } from '../policy/availability.js';
import './attendant-schema.js';

export interface OutOfOfficeWrite {
  /** ISO instant; omitted or null: from now. */
  startsAt?: string | null;
  /** ISO instant; omitted or null: until cleared. */
  endsAt?: string | null;
  /** A backup other than the user's default, for while they are away. */
  backupUserId?: number | null;
}

/**
 * Sets a user's out of office (the portal, the API and the voicemail phone menu all call
 * this). While it applies, the attendant sends their calls to the backup, else to
 * voicemail with the out-of-office greeting.
 */
export async function setOutOfOffice(db: Kysely<Database>, userId: number, write: OutOfOfficeWrite = {}): Promise<OutOfOffice> {
  const values = { starts_at: write.startsAt ?? null, ends_at: write.endsAt ?? null, backup_user_id: write.backupUserId ?? null, set_at: new Date().toISOString() };
  await db.insertInto('attendant_out_of_office').values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values)).execute();
  return { startsAt: values.starts_at, endsAt: values.ends_at, backupUserId: values.backup_user_id };
}

export async function clearOutOfOffice(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('attendant_out_of_office').where('user_id', '=', userId).execute();
}

/** The stored setting, whether or not it applies now. */
export async function getOutOfOffice(db: Kysely<Database>, userId: number): Promise<OutOfOffice | undefined> {
  const row = await db.selectFrom('attendant_out_of_office').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row ? { startsAt: row.starts_at, endsAt: row.ends_at, backupUserId: row.backup_user_id } : undefined;
}

/** Whether the user is out of office at `now` (for the voicemail greeting choice, the live view). */
export async function isUserOutOfOffice(db: Kysely<Database>, userId: number, now: Date): Promise<boolean> {
  return isOutOfOffice(await getOutOfOffice(db, userId), now);
}

/** Everyone's out of office at `now`, by user id (the portal's live view). */
export async function outOfOfficeNow(db: Kysely<Database>, now: Date): Promise<Map<number, boolean>> {
  const rows = await db.selectFrom('attendant_out_of_office').selectAll().execute();
  return new Map(rows.map((row) => [row.user_id, isOutOfOffice({ startsAt: row.starts_at, endsAt: row.ends_at, backupUserId: row.backup_user_id }, now)]));
}
