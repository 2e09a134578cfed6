import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { DemoUsers } from '../../demo/seed.js';
import { setNotify, updateOrgSettings } from './settings/mailbox-repository.js';

/**
 * The voicemail feature's part of the demo organisation: the defaults written out so
 * the portal shows them, the executive notified with the audio attached, and the
 * general Sales mailbox (it has no e-mail address) not notified.
 */
export async function seedVoicemailDemo(db: Kysely<Database>, users: DemoUsers): Promise<void> {
  await updateOrgSettings(db, users.organisationId, { max_pin_attempts: 3, allow_forward_to_users: 1, retention_days: 30, max_message_seconds: 180, max_silence_seconds: 5 });
  await setNotify(db, users.executive.id, 'email-attachment');
  await setNotify(db, users.generalMailbox.id, 'none');
}
