import { isUserOutOfOffice } from '../../attendant/settings/out-of-office.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import type { GreetingKind, NotifyMode, VoicemailBox, VoicemailOrgSettings } from './voicemail-schema.js';
import './voicemail-schema.js';

export const DEFAULT_BOX = (userId: number): VoicemailBox => ({
  user_id: userId, notify: 'email', pin_failures: 0, locked_at: null,
  greeting_unavailable: null, greeting_busy: null, greeting_out_of_office: null, greeting_after_hours: null, greeting_name: null,
});

export async function getBox(db: Kysely<Database>, userId: number): Promise<VoicemailBox> {
  return (await db.selectFrom('voicemail_boxes').selectAll().where('user_id', '=', userId).executeTakeFirst()) ?? DEFAULT_BOX(userId);
}

/** An empty change (`PUT {}`) keeps the row: `do update set` with no columns is not SQL. */
const isEmpty = (values: object) => Object.keys(values).length === 0;

export type BoxUpdate = Partial<Omit<VoicemailBox, 'user_id'>>;

export async function updateBox(db: Kysely<Database>, userId: number, values: BoxUpdate): Promise<VoicemailBox> {
  await db.insertInto('voicemail_boxes').values({ ...DEFAULT_BOX(userId), ...values, user_id: userId })
    .onConflict((oc) => (isEmpty(values) ? oc.column('user_id').doNothing() : oc.column('user_id').doUpdateSet(values))).execute();
  return getBox(db, userId);
}

/** The mailbox's row exists (with the defaults if it was missing), for updates that must find it. */
export async function ensureBox(db: Kysely<Database>, userId: number): Promise<void> {
  await db.insertInto('voicemail_boxes').values(DEFAULT_BOX(userId)).onConflict((oc) => oc.column('user_id').doNothing()).execute();
}

export const greetingColumn = (kind: GreetingKind) => `greeting_${kind}` as const;

export async function setGreeting(db: Kysely<Database>, userId: number, kind: GreetingKind, file: string | null): Promise<VoicemailBox> {
  return updateBox(db, userId, { [greetingColumn(kind)]: file });
}

export async function setNotify(db: Kysely<Database>, userId: number, notify: NotifyMode): Promise<VoicemailBox> {
  return updateBox(db, userId, { notify });
}

const DEFAULT_ORG = (organisationId: number): VoicemailOrgSettings => ({
  organisation_id: organisationId, max_pin_attempts: 3, allow_forward_to_users: 1, retention_days: 30, max_message_seconds: 180, max_silence_seconds: 5,
});

export async function getOrgSettings(db: Kysely<Database>, organisationId: number): Promise<VoicemailOrgSettings> {
  return (await db.selectFrom('voicemail_org_settings').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst()) ?? DEFAULT_ORG(organisationId);
}

export async function updateOrgSettings(db: Kysely<Database>, organisationId: number, values: Partial<Omit<VoicemailOrgSettings, 'organisation_id'>>): Promise<VoicemailOrgSettings> {
  // `{}` changes nothing (an upsert with an empty SET is a syntax error).
  if (Object.keys(values).length === 0) return getOrgSettings(db, organisationId);
  await db.insertInto('voicemail_org_settings').values({ ...DEFAULT_ORG(organisationId), ...values, organisation_id: organisationId })
    .onConflict((oc) => (isEmpty(values) ? oc.column('organisation_id').doNothing() : oc.column('organisation_id').doUpdateSet(values))).execute();
  return getOrgSettings(db, organisationId);
}

export async function resetPinFailures(db: Kysely<Database>, userId: number): Promise<void> {
  await updateBox(db, userId, { pin_failures: 0, locked_at: null });
}

/**
 * Out of office has one home, the attendant's setting (PRODUCT.md 4: set from the portal
 * or this phone menu, it sends attendant calls to the backup): the greeting follows it.
 */
export async function isOutOfOffice(db: Kysely<Database>, userId: number, now: Date): Promise<boolean> {
  return isUserOutOfOffice(db, userId, now);
}
