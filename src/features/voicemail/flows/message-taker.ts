import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Ari } from '../../../ari/ari.js';
import { ignoreGone } from '../../../ari/ari.js';
import { CallEndedError } from '../../../ari/call-ended.js';
import { ChannelIo } from '../../../ari/channel-io.js';
import type { CallSession } from '../../../calls/call-session.js';
import type { Clock } from '../../../clock.js';
import type { ScheduleHandoff, UnansweredReason, VoicemailHandoff } from '../../../calls/handoffs.js';
import type { Database } from '../../../store/schema.js';
import { deviceOfChannelName } from '../../../calls/incoming-call.js';
import { findUserByDevice, getUser } from '../../../users/settings/user-repository.js';
import type { MediaStore } from '../media-store.js';
import { greetingFor } from '../policy/greeting.js';
import { messageRecordingName } from '../policy/recording-name.js';
import { getBox, getOrgSettings, isOutOfOffice } from '../settings/mailbox-repository.js';
import { GREETING_KINDS, type GreetingKind, type VoicemailBox } from '../settings/voicemail-schema.js';
import type { RecordingKeeper } from './recording-keeper.js';
import { recordChannel } from '../../../ari/record.js';

export function recordedGreetings(box: VoicemailBox, media: MediaStore): Partial<Record<GreetingKind, string>> {
  const recorded: Partial<Record<GreetingKind, string>> = {};
  for (const kind of GREETING_KINDS) {
    const file = box[`greeting_${kind}`];
    if (file) recorded[kind] = media.greetingMedia(file);
  }
  return recorded;
}

/**
 * The hand-off every feature uses for a caller nobody answered: greeting, beep, a
 * message recorded by Asterisk, kept by the RecordingKeeper however the call ends.
 */
/** The hand-off's call part; the bulk mailbox change is settings' (index.ts puts the two together). */
export class MessageTaker implements Omit<VoicemailHandoff, 'changeMailboxes'> {
  constructor(
    private readonly deps: { db: Kysely<Database>; ari: Ari; clock: Clock; schedule?: () => ScheduleHandoff | undefined },
    private readonly media: MediaStore,
    private readonly keeper: RecordingKeeper,
  ) {}

  async hasMailbox(userId: number): Promise<boolean> {
    const user = await getUser(this.deps.db, userId);
    return !!user && user.services.includes('voicemail');
  }

  async recordedName(userId: number): Promise<string | undefined> {
    const file = (await getBox(this.deps.db, userId)).greeting_name;
    return file ? this.media.greetingMedia(file) : undefined;
  }

  async takeMessage(session: CallSession, channelId: string, mailboxUserId: number, reason: UnansweredReason): Promise<void> {
    const { db, ari, clock } = this.deps;
    const log = session.log.child({ voicemail: mailboxUserId });
    const mailbox = await getUser(db, mailboxUserId);
    if (!mailbox) throw new Error(`no mailbox user ${mailboxUserId}`);
    const schedule = this.deps.schedule?.();
    const [box, org, outOfOffice, channel, opening] = await Promise.all([
      getBox(db, mailbox.id), getOrgSettings(db, mailbox.organisationId), isOutOfOffice(db, mailbox.id, clock.now()),
      ari.rest.getChannel(channelId),
      // No schedule (no attendant): always open, as a fresh install answers.
      schedule ? schedule.openingAt(mailbox.organisationId, clock.now()) : Promise.resolve('business-hours' as const),
    ]);
    // Who called: the user owning the authenticated device, else what the caller's phone or carrier presented.
    const callerUser = await findUserByDevice(db, deviceOfChannelName(channel.name));
    const caller = callerUser ? { name: callerUser.name, number: callerUser.extension } : { name: channel.caller.name, number: channel.caller.number };
    await ari.rest.answer(channelId);
    const io = new ChannelIo(ari, channelId, session.signal);
    try {
      const greeting = greetingFor({ reason, outOfOffice, closed: opening !== 'business-hours', extension: mailbox.extension, recorded: recordedGreetings(box, this.media) });
      log.info({ greeting: greeting.kind, personal: greeting.personal, reason, opening }, 'voicemail greeting');
      await io.play(...greeting.media);

      const name = messageRecordingName(mailbox.id, clock.now(), randomBytes(4).toString('hex'));
      await db.insertInto('voicemail_pending').values({
        recording_name: name, mailbox_user_id: mailbox.id, caller_name: caller.name || null,
        caller_number: caller.number || null, reason, started_at: clock.now().toISOString(),
      }).execute();
      const end = await recordChannel(ari, channelId, {
        name, maxDurationSeconds: org.max_message_seconds, maxSilenceSeconds: org.max_silence_seconds, beep: true,
      }).catch(async (error: unknown) => {
        // The recording never began (the caller hung up at the beep): nothing to keep, nothing pending.
        await db.deleteFrom('voicemail_pending').where('recording_name', '=', name).execute();
        throw error;
      });
      log.info({ recording: name, end }, 'voicemail recording ended');
      // Kept whatever the call does next; a failure here leaves the file in Asterisk for the next scan.
      const kept = await this.keeper.keep(name, { log }).then((message) => (message ? 'kept' : 'too-short'), (error: unknown) => {
        log.error({ err: error, recording: name }, 'could not keep the message now; the next scan will (the file stays in Asterisk)');
        return 'kept-later';
      });
      if (end !== 'hangup' && !session.isEnded) {
        await io.play(kept === 'too-short' ? 'sound:vm-tooshort' : 'sound:vm-msgsaved', 'sound:vm-goodbye');
      }
    } catch (error) {
      // A caller who hung up during the greeting is the normal end of a voicemail call.
      if (error instanceof CallEndedError || session.isEnded) return;
      throw error;
    } finally {
      io.close();
    }
    await ignoreGone(ari.rest.hangup(channelId)).catch(() => undefined);
  }
}
