import { clearOutOfOffice, isUserOutOfOffice, setOutOfOffice } from '../../attendant/settings/out-of-office.js';
import { randomBytes } from 'node:crypto';
import type { ChannelIo } from '../../../ari/channel-io.js';
import { ignoreGone } from '../../../ari/ari.js';
import type { CallSession } from '../../../calls/call-session.js';
import { sound } from '../../../calls/prompts.js';
import { hashSecret } from '../../../users/password.js';
import { getOrganisation } from '../../../users/settings/organisation-repository.js';
import { findUserByExtension, updateUser, type UserProfile } from '../../../users/settings/user-repository.js';
import type { VoicemailServices } from '../index.js';
import { forwardMessage } from '../message-actions.js';
import { isAcceptablePin } from '../policy/access-code.js';
import { envelopeMedia } from '../policy/envelope.js';
import { scratchRecordingName } from '../policy/recording-name.js';
import { getBox, getOrgSettings, greetingColumn, setGreeting } from '../settings/mailbox-repository.js';
import { deleteMessage, getMessage, messagesOf, updateMessage } from '../settings/message-repository.js';
import type { GreetingKind, MessageStatus } from '../settings/voicemail-schema.js';
import { recordChannel } from '../../../ari/record.js';

const GREETING_KEYS: Record<string, GreetingKind> = { 1: 'unavailable', 2: 'busy', 3: 'out_of_office', 4: 'after_hours', 5: 'name' };

/** The menus after a good PIN: messages, greetings, out of office, PIN. */
export class MailboxMenu {
  constructor(private readonly services: VoicemailServices, private readonly session: CallSession, private readonly io: ChannelIo, private readonly mailbox: UserProfile) {}

  private get db() { return this.services.deps.db; }

  /** A change made by phone, pushed to the owner's open portal pages (and the live view) so they show it without a reload. */
  private changed(kind: 'voicemail.settings' | 'voicemail.messages' | 'out-of-office', data: Record<string, unknown>): void {
    this.services.deps.live.publish({ organisationId: this.mailbox.organisationId, kind, userIds: [this.mailbox.id], data: { userId: this.mailbox.id, callId: this.session.id, ...data } });
  }

  async run(): Promise<void> {
    const [fresh, saved] = await Promise.all([messagesOf(this.db, this.mailbox.id, 'new'), messagesOf(this.db, this.mailbox.id, 'saved')]);
    await this.io.play(sound('voicemail-you-have'), `number:${fresh.length}`, sound('voicemail-new-messages'), 'sound:vm-and', `number:${saved.length}`, sound('voicemail-saved-messages'));
    let silences = 0;
    for (;;) {
      const key = await this.key(sound('voicemail-main-menu'));
      if (!key) { if ((silences += 1) >= 3) break; continue; }
      silences = 0;
      if (key === '1') await this.browse('new');
      else if (key === '2') await this.browse('saved');
      else if (key === '3') await this.greetings();
      else if (key === '4') await this.toggleOutOfOffice();
      else if (key === '5') await this.changePin();
      else if (key === '*') break;
      else await this.io.play(sound('core-invalid-try-again'));
    }
    await this.io.play('sound:vm-goodbye');
  }

  private async key(prompt: string): Promise<string> {
    const collected = await this.io.collect({ prompt: [prompt], maxDigits: 1, terminators: '', firstDigitTimeoutMs: 8000 });
    return collected.digits;
  }

  /** Each message: envelope, audio, then what to do with it. A heard new message becomes saved. */
  private async browse(status: MessageStatus): Promise<void> {
    const ids = (await messagesOf(this.db, this.mailbox.id, status)).map((m) => m.id);
    const org = await getOrganisation(this.db, this.mailbox.organisationId);
    for (const id of ids) {
      const message = await getMessage(this.db, id);
      if (!message) continue;
      let play = true;
      for (;;) {
        if (play) {
          this.io.clearTypeahead();
          await this.io.play(...envelopeMedia({ callerNumber: message.caller_number, receivedAt: message.received_at }, org?.timezone ?? 'UTC'),
            this.services.media.messageMedia(message.media_token));
          if (!message.read_at || message.status === 'new') {
            await updateMessage(this.db, id, { read_at: message.read_at ?? this.services.deps.clock.now().toISOString(), status: 'saved' });
            this.changed('voicemail.messages', { messageId: id, status: 'saved' });
          }
          play = false;
        }
        // The administrator's switch (PRODUCT.md 5): the menu offers forwarding only when it is on.
        const forwarding = await this.forwardingAllowed();
        const key = await this.key(sound(forwarding ? 'voicemail-message-menu' : 'voicemail-message-menu-no-forward'));
        if (key === '1') { play = true; continue; }
        if (key === '2') { await updateMessage(this.db, id, { status: 'saved' }); await this.io.play(sound('voicemail-saved')); break; }
        if (key === '3') {
          await deleteMessage(this.db, id);
          this.services.media.removeMessage(message.audio_file);
          this.services.log.info({ callId: this.session.id, messageId: id }, 'voicemail message deleted by phone');
          this.changed('voicemail.messages', { messageId: id, deleted: true });
          await this.io.play(sound('voicemail-deleted'));
          break;
        }
        if (key === '4' && forwarding) { await this.forward(id); continue; }
        if (key === '4') { await this.io.play(sound('voicemail-forward-off')); continue; }
        if (key === '5') break;
        if (key === '*' || key === '') return;
        await this.io.play(sound('core-invalid-try-again'));
      }
    }
    await this.io.play(sound('voicemail-no-more-messages'));
  }

  private async forwardingAllowed(): Promise<boolean> {
    return (await getOrgSettings(this.db, this.mailbox.organisationId)).allow_forward_to_users === 1;
  }

  private async forward(messageId: number): Promise<void> {
    const entered = await this.io.collect({ prompt: [sound('voicemail-forward-to')], maxDigits: 10, firstDigitTimeoutMs: 8000 });
    const target = entered.digits ? await findUserByExtension(this.db, this.mailbox.organisationId, entered.digits) : undefined;
    if (!target || !target.services.includes('voicemail') || target.id === this.mailbox.id) {
      await this.io.play(sound('voicemail-no-such-mailbox'));
      return;
    }
    const choice = await this.key(sound('voicemail-forward-intro'));
    const introduction = choice === '1' ? await this.recordScratch('intro', sound('voicemail-record-intro')) : undefined;
    const original = await getMessage(this.db, messageId);
    if (!original) return;
    const copy = await forwardMessage(this.services.deps, this.services.media, original, target, this.mailbox, introduction);
    if (copy.transcription_status === 'pending') this.services.transcriptions.add(copy);
    this.services.outbox.kick();
    this.services.log.info({ callId: this.session.id, messageId, to: target.extension, copy: copy.id, introduction: !!introduction }, 'voicemail message forwarded by phone');
    await this.io.play(sound('voicemail-forwarded'));
  }

  /** Records something short on the caller's channel (a greeting, an introduction) and brings the audio here. */
  private async recordScratch(purpose: 'greet' | 'intro', prompt: string): Promise<Buffer | undefined> {
    const { ari } = this.services.deps;
    await this.io.play(prompt);
    const name = scratchRecordingName(purpose, this.mailbox.id, randomBytes(4).toString('hex'));
    const org = await getOrgSettings(this.db, this.mailbox.organisationId);
    const end = await recordChannel(ari, this.io.channelId, { name, maxDurationSeconds: Math.min(org.max_message_seconds, 120), maxSilenceSeconds: org.max_silence_seconds, beep: true });
    if (end === 'hangup') {
      await ignoreGone(ari.rest.deleteStoredRecording(name)).catch(() => undefined);
      return undefined;
    }
    try {
      return await ari.rest.storedRecordingFile(name);
    } finally {
      await ignoreGone(ari.rest.deleteStoredRecording(name)).catch(() => undefined);
    }
  }

  private async greetings(): Promise<void> {
    const key = await this.key(sound('voicemail-greetings-menu'));
    const kind = GREETING_KEYS[key];
    if (!kind) return;
    const audio = await this.recordScratch('greet', sound('voicemail-record-greeting'));
    if (!audio) return;
    const previous = (await getBox(this.db, this.mailbox.id))[greetingColumn(kind)];
    await setGreeting(this.db, this.mailbox.id, kind, this.services.media.writeGreeting(this.mailbox.id, kind, audio));
    if (previous) this.services.media.removeGreeting(previous);
    this.services.log.info({ callId: this.session.id, mailbox: this.mailbox.extension, kind }, 'greeting recorded by phone');
    this.changed('voicemail.settings', { greeting: kind });
    await this.io.play(sound('voicemail-greeting-saved'));
  }

  private async toggleOutOfOffice(): Promise<void> {
    const on = !(await isUserOutOfOffice(this.db, this.mailbox.id, new Date()));
    if (on) await setOutOfOffice(this.db, this.mailbox.id, {});
    else await clearOutOfOffice(this.db, this.mailbox.id);
    this.changed('out-of-office', { activeNow: on });
    await this.io.play(sound(on ? 'voicemail-out-of-office-on' : 'voicemail-out-of-office-off'));
  }

  private async changePin(): Promise<void> {
    const first = await this.io.collect({ prompt: [sound('voicemail-new-pin')], maxDigits: 10, firstDigitTimeoutMs: 10_000, interDigitTimeoutMs: 5000 });
    const second = isAcceptablePin(first.digits)
      ? await this.io.collect({ prompt: [sound('voicemail-repeat-pin')], maxDigits: 10, firstDigitTimeoutMs: 10_000, interDigitTimeoutMs: 5000 })
      : undefined;
    if (!second || second.digits !== first.digits) { await this.io.play(sound('voicemail-pin-not-changed')); return; }
    await updateUser(this.db, this.mailbox.id, { pinHash: await hashSecret(first.digits) });
    this.services.log.info({ callId: this.session.id, mailbox: this.mailbox.extension }, 'voicemail PIN changed by phone');
    this.changed('voicemail.settings', { pin: 'changed' });
    await this.io.play(sound('voicemail-pin-changed'));
  }
}
