import type { Kysely } from 'kysely';
import type { Ari } from '../../../ari/ari.js';
import { AriRequestError } from '../../../ari/ari-rest.js';
import { ignoreGone } from '../../../ari/ari.js';
import type { Clock } from '../../../clock.js';
import type { Logger } from '../../../log.js';
import type { Database } from '../../../store/schema.js';
import { getUser } from '../../../users/settings/user-repository.js';
import type { MediaStore } from '../media-store.js';
import { getBox } from '../settings/mailbox-repository.js';
import { findMessageByRecording, registerMessage } from '../settings/message-repository.js';
import type { VoicemailMessage } from '../settings/voicemail-schema.js';
import { parseMessageRecordingName, wavDurationSeconds } from '../policy/recording-name.js';

/** Shorter than this is a caller who hung up at the beep, not a message. */
const MIN_MESSAGE_SECONDS = 0.5;

/**
 * Turns a finished Asterisk recording into a registered message, in an order that never
 * loses it: copy the audio into RECORDINGS_DIR, register the message (and queue its
 * e-mail) in one transaction, and only then delete Asterisk's copy. Whatever fails
 * leaves the stored recording in Asterisk, where the next scan finds it again.
 */
export class RecordingKeeper {
  constructor(
    private readonly deps: { db: Kysely<Database>; ari: Ari; log: Logger; clock: Clock },
    private readonly media: MediaStore,
    private readonly onRegistered: (message: VoicemailMessage) => void,
  ) {}

  async keep(recordingName: string, options: { recovered?: boolean; log?: Logger } = {}): Promise<VoicemailMessage | undefined> {
    const { db, ari } = this.deps;
    const log = options.log ?? this.deps.log;
    const already = await findMessageByRecording(db, recordingName);
    if (already) {
      await ignoreGone(ari.rest.deleteStoredRecording(recordingName));
      return already;
    }
    const audio = await this.fetchFinished(recordingName);
    if (!audio) {
      // Asterisk writes no file for a recording stopped before any audio (a hang-up at the beep).
      log.warn({ recording: recordingName }, 'no stored recording to keep');
      await db.deleteFrom('voicemail_pending').where('recording_name', '=', recordingName).execute();
      return undefined;
    }
    const duration = wavDurationSeconds(audio);
    const parsed = parseMessageRecordingName(recordingName);
    const pending = await db.selectFrom('voicemail_pending').selectAll().where('recording_name', '=', recordingName).executeTakeFirst();
    const mailboxUserId = pending?.mailbox_user_id ?? parsed?.mailboxUserId;
    const mailbox = mailboxUserId !== undefined ? await getUser(db, mailboxUserId) : undefined;
    if (!mailbox) {
      // Never delete what we cannot place: the recording stays in Asterisk for a person to look at.
      log.error({ recording: recordingName }, 'recording for a mailbox that does not exist; left in Asterisk');
      return undefined;
    }
    if (duration < MIN_MESSAGE_SECONDS) {
      log.info({ recording: recordingName, duration }, 'empty recording (caller hung up at the beep): not a message');
      await db.deleteFrom('voicemail_pending').where('recording_name', '=', recordingName).execute();
      await ignoreGone(ari.rest.deleteStoredRecording(recordingName));
      return undefined;
    }
    const audioFile = this.media.writeMessage(`${recordingName}.wav`, audio);
    const box = await getBox(db, mailbox.id);
    const notifyTo = box.notify !== 'none' && mailbox.email ? { address: mailbox.email, attach: box.notify === 'email-attachment' } : undefined;
    const { message, created } = await registerMessage(db, {
      mailboxUserId: mailbox.id, recordingName,
      callerName: pending?.caller_name ?? null, callerNumber: pending?.caller_number ?? null,
      reason: pending?.reason ?? 'unknown',
      receivedAt: pending?.started_at ?? (parsed?.startedAt ?? this.deps.clock.now()).toISOString(),
      durationSeconds: duration, sizeBytes: audio.length, audioFile, recovered: options.recovered,
    }, notifyTo, this.deps.clock.now());
    log.info({ recording: recordingName, messageId: message.id, mailbox: mailbox.extension, duration, recovered: !!options.recovered }, created ? 'voicemail message registered' : 'voicemail message was already registered');
    await ignoreGone(ari.rest.deleteStoredRecording(recordingName));
    if (created) this.onRegistered(message);
    return message;
  }

  /**
   * Registers every finished message recording Asterisk still holds (the controller died
   * while it was being made, or before it was kept). One still being recorded is left
   * to the call that makes it.
   */
  async scanOrphans(): Promise<number> {
    const { ari, log } = this.deps;
    const stored = await ari.rest.listStoredRecordings();
    let kept = 0;
    for (const recording of stored) {
      if (!parseMessageRecordingName(recording.name)) continue;
      if (await this.isLive(recording.name)) continue;
      try {
        if (await this.keep(recording.name, { recovered: true })) kept += 1;
      } catch (error) {
        log.error({ err: error, recording: recording.name }, 'could not keep an orphaned recording; will retry at the next scan');
      }
    }
    if (kept) log.info({ kept }, 'orphaned voicemail recordings registered');
    return kept;
  }

  private async isLive(name: string): Promise<boolean> {
    try {
      await this.deps.ari.rest.request('GET', `/recordings/live/${encodeURIComponent(name)}`);
      return true;
    } catch (error) {
      if (error instanceof AriRequestError && error.status === 404) return false;
      throw error;
    }
  }

  /** The stored file, waiting a little for Asterisk to publish it after the channel went. */
  private async fetchFinished(name: string): Promise<Buffer | undefined> {
    for (let attempt = 0; attempt < 8; attempt += 1) {
      try {
        return await this.deps.ari.rest.storedRecordingFile(name);
      } catch (error) {
        if (!(error instanceof AriRequestError && error.status === 404)) throw error;
        await new Promise<void>((resolve) => this.deps.clock.setTimeout(resolve, 250));
      }
    }
    return undefined;
  }
}
