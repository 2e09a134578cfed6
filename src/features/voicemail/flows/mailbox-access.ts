import { ChannelIo } from '../../../ari/channel-io.js';
import { CallSession, type SessionDeps } from '../../../calls/call-session.js';
import { ROUTE_PRIORITY, type CallRoute, type IncomingCall } from '../../../calls/incoming-call.js';
import { sound } from '../../../calls/prompts.js';
import { findUserByExtension, findUserByExtensionAnywhere, type UserProfile } from '../../../users/settings/user-repository.js';
import type { VoicemailServices } from '../index.js';
import { parseMailboxAccess, type MailboxAccessRequest } from '../policy/access-code.js';
import { getBox, getOrgSettings } from '../settings/mailbox-repository.js';
import { MailboxMenu } from './mailbox-menu.js';
import { runFlow } from '../../../calls/run-flow.js';

type AccessState = 'login' | 'menu';

/** `*97` / `*98`: a caller reaching a mailbox by phone, PIN first. */
export function mailboxAccessRoute(services: VoicemailServices): CallRoute {
  return {
    name: 'voicemail-access',
    priority: ROUTE_PRIORITY.featureCode,
    match(call) {
      if (call.direction !== 'internal') return undefined;
      const request = parseMailboxAccess(call.dialled);
      if (!request) return undefined;
      return async () => {
        const session = new MailboxAccess(services, call, request);
        // Never silence: the caller hears that something went wrong before the call ends.
        await runFlow(session, () => session.serve(), { kind: 'prompt' });
        await session.end('mailbox access done');
      };
    },
  };
}

export class MailboxAccess extends CallSession<AccessState> {
  private readonly io: ChannelIo;

  constructor(private readonly services: VoicemailServices, private readonly call: IncomingCall, private readonly request: MailboxAccessRequest) {
    const { ari, log, clock, tracker } = services.deps;
    super({ ari, log, clock, tracker } satisfies SessionDeps, 'vmaccess', 'login', { channelId: call.channel.id, goneReason: 'caller hung up' });
    this.io = new ChannelIo(ari, call.channel.id, this.signal);
  }

  async serve(): Promise<void> {
    await this.ari.rest.answer(this.call.channel.id);
    const mailbox = await this.chooseMailbox();
    if (!mailbox) { await this.io.play(sound('voicemail-no-such-mailbox'), 'sound:vm-goodbye'); return; }
    this.log.info({ mailbox: mailbox.extension, code: this.request.code }, 'mailbox access');
    if (!(await this.services.pins.oneAtATime(mailbox.id, () => this.login(mailbox)))) return;
    this.transition('menu', ['login']);
    await new MailboxMenu(this.services, this, this.io, mailbox).run();
  }

  private async chooseMailbox(): Promise<UserProfile | undefined> {
    const { db } = this.services.deps;
    const usable = (u: UserProfile | undefined) => (u && u.services.includes('voicemail') ? u : undefined);
    if (this.request.code === '*97') return usable(this.call.user);
    const find = (ext: string) => (this.call.user ? findUserByExtension(db, this.call.user.organisationId, ext) : findUserByExtensionAnywhere(db, ext));
    if (this.request.mailbox) return usable(await find(this.request.mailbox));
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const entered = await this.io.collect({ prompt: [sound('voicemail-enter-mailbox')], maxDigits: 10, firstDigitTimeoutMs: 8000 });
      const mailbox = entered.digits ? usable(await find(entered.digits)) : undefined;
      if (mailbox) return mailbox;
      this.io.clearTypeahead();
      if (attempt < 2) await this.io.play(sound('voicemail-no-such-mailbox'));
    }
    return undefined;
  }

  /** The PIN, with a lock after the organisation's number of wrong PINs in a row (across calls). */
  private async login(mailbox: UserProfile): Promise<boolean> {
    const { db } = this.services.deps;
    const org = await getOrgSettings(db, mailbox.organisationId);
    let silences = 0;
    for (;;) {
      const box = await getBox(db, mailbox.id);
      if (box.locked_at) {
        this.log.warn({ mailbox: mailbox.extension }, 'mailbox locked');
        await this.io.play(sound('voicemail-locked'));
        return false;
      }
      const entered = await this.io.collect({ prompt: [sound('voicemail-enter-pin')], maxDigits: 10, firstDigitTimeoutMs: 10_000, interDigitTimeoutMs: 5000 });
      if (!entered.digits) {
        // Silence is not a wrong PIN: it does not count towards the lock.
        if ((silences += 1) >= 3) { await this.io.play('sound:vm-goodbye'); return false; }
        continue;
      }
      const checked = await this.services.pins.check(mailbox.id, entered.digits, org.max_pin_attempts);
      if (checked.verdict === 'ok') return true;
      if (checked.verdict === 'locked') { await this.io.play(sound('voicemail-locked')); return false; }
      const { failures, locked } = checked;
      this.log.warn({ mailbox: mailbox.extension, failures, locked }, 'wrong voicemail PIN');
      this.io.clearTypeahead();
      if (!locked) await this.io.play(sound('voicemail-wrong-pin'));
    }
  }
}
