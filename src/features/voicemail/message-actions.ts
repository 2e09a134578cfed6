import { readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { UserProfile } from '../../users/settings/user-repository.js';
import type { MediaStore } from './media-store.js';
import { getBox } from './settings/mailbox-repository.js';
import { registerMessage } from './settings/message-repository.js';
import type { VoicemailMessage } from './settings/voicemail-schema.js';
import { wavDurationSeconds } from './policy/recording-name.js';
import type { Clock } from '../../clock.js';
import { runChild } from '../../process/run-child.js';

/**
 * Copies a message into another user's mailbox (by phone or from the portal), with an
 * optional spoken introduction placed before it. The copy is a message of its own: its
 * own file, its own notification, the original caller kept.
 */
export async function forwardMessage(
  deps: { db: Kysely<Database>; clock: Clock },
  media: MediaStore,
  original: VoicemailMessage,
  to: UserProfile,
  by: UserProfile,
  introduction?: Buffer,
): Promise<VoicemailMessage> {
  const name = `vm-fwd-${to.id}-${deps.clock.now().getTime()}-${randomBytes(4).toString('hex')}`;
  let audio = readFileSync(media.messagePath(original.audio_file));
  if (introduction) {
    const introPath = media.messagePath(`${name}.intro.wav`);
    media.writeMessage(`${name}.intro.wav`, introduction);
    const joined = media.messagePath(`${name}.joined.wav`);
    try {
      await runChild('sox', [introPath, media.messagePath(original.audio_file), joined], { timeoutMs: 60_000 });
      audio = readFileSync(joined);
    } finally {
      rmSync(introPath, { force: true });
      rmSync(joined, { force: true });
    }
  }
  const audioFile = media.writeMessage(`${name}.wav`, audio);
  const box = await getBox(deps.db, to.id);
  const notifyTo = box.notify !== 'none' && to.email ? { address: to.email, attach: box.notify === 'email-attachment' } : undefined;
  const { message } = await registerMessage(deps.db, {
    mailboxUserId: to.id, recordingName: name, callerName: original.caller_name, callerNumber: original.caller_number,
    reason: 'forwarded', receivedAt: deps.clock.now().toISOString(), durationSeconds: wavDurationSeconds(audio),
    sizeBytes: audio.length, audioFile, forwardedByUserId: by.id,
  }, notifyTo, deps.clock.now());
  // The original's transcription still describes the caller's words.
  await deps.db.updateTable('voicemail_messages').set({
    transcription: introduction ? null : original.transcription,
    transcription_status: introduction ? 'pending' : original.transcription_status,
  }).where('id', '=', message.id).execute();
  const stored = await deps.db.selectFrom('voicemail_messages').selectAll().where('id', '=', message.id).executeTakeFirstOrThrow();
  return stored;
}
