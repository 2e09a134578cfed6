import { throwIfEnded } from '../../../ari/call-ended.js';
import { ChannelIo } from '../../../ari/channel-io.js';
import type { Leg } from '../../../ari/leg.js';
import type { CallSession } from '../../../calls/call-session.js';
import type { UnansweredReason } from '../../../calls/handoffs.js';
import { digitsMedia, sound } from '../../../calls/prompts.js';
import { getUser, type UserProfile } from '../../../users/settings/user-repository.js';
import { deviceStateVerdict, isOutOfOffice, nextAfterUnavailable, planReach, unansweredReason } from '../policy/availability.js';
import { getOutOfOffice } from '../settings/out-of-office.js';
import type { AttendantDeps } from './context.js';
import { ringForAnsweredCaller } from './ring-for-caller.js';

/** How trying to reach someone ended: talking, in their voicemail, or back to the caller. */
export type ReachResult = 'connected' | 'voicemail' | 'unreachable';

/** How the caller is put through: announced, the callee first hears who is calling (an operator's announced transfer). */
export interface ReachOptions { announce?: boolean }

/**
 * Puts an attendant caller through to a user (PRODUCT.md 4, Availability): out of
 * office goes to the backup or voicemail; otherwise the user's type decides what rings;
 * a device already busy or unreachable is not rung; whoever is unavailable for this
 * call hands over to their backup (one hop), then to their voicemail; with neither,
 * the caller hears an apology and the attendant takes them back.
 */
export class UserReacher {
  constructor(private readonly deps: AttendantDeps, private readonly session: CallSession, private readonly io: ChannelIo,
    private readonly caller: { name: string; number: string }) {}

  async reach(user: UserProfile, options: ReachOptions = {}): Promise<ReachResult> {
    const log = this.session.log;
    const tried = new Set<number>([user.id]);
    const away = await getOutOfOffice(this.deps.db, user.id);
    if (isOutOfOffice(away, this.deps.clock.now())) {
      const backupId = away?.backupUserId ?? user.backupUserId;
      log.info({ user: user.extension, backupId }, 'user is out of office');
      if (backupId !== null && backupId !== user.id) {
        const backup = await getUser(this.deps.db, backupId);
        if (backup && (await this.ring(backup, options)) === 'answered') return 'connected';
      }
      return this.voicemail(user, 'out-of-office');
    }
    const own = await this.ring(user, options);
    if (own === 'answered') return 'connected';
    if (own === 'mailbox-only') return this.voicemail(user, 'direct');
    const next = nextAfterUnavailable(user, null, tried);
    if (next.action === 'backup') {
      const backup = await getUser(this.deps.db, next.userId);
      log.info({ user: user.extension, backup: backup?.extension, reason: own }, 'trying the backup user');
      if (backup && (await this.ring(backup, options)) === 'answered') return 'connected';
    }
    return this.voicemail(user, own);
  }

  /** A destination that is no user (the operator as a dial string): ring it, nothing else. */
  async ringDestination(dialString: string): Promise<ReachResult> {
    const result = await ringForAnsweredCaller(this.session, this.io, { targets: [dialString], ringSeconds: 30, callerId: this.caller, role: 'operator' });
    throwIfEnded(this.session.signal);
    if (!result.answered) return 'unreachable';
    this.session.endWhenGone(result.answered.id, 'operator hung up');
    return 'connected';
  }

  /** Rings one user the way their type says; why not, when nobody answered. */
  private async ring(user: UserProfile, options: ReachOptions): Promise<'answered' | 'mailbox-only' | 'busy' | 'noanswer' | 'unavailable'> {
    const plan = planReach(user, this.deps.outboundDialString);
    if (plan.action === 'voicemail') return 'mailbox-only';
    if (plan.action === 'unavailable') return 'unavailable';
    let reason: 'busy' | 'noanswer' | 'unavailable' = 'unavailable';
    for (const step of plan.steps) {
      const targets: string[] = [];
      for (const target of step.targets) {
        const verdict = await this.deviceVerdict(target);
        if (verdict === 'free') targets.push(target);
        else if (verdict === 'busy' || reason !== 'busy') reason = verdict;
      }
      if (targets.length === 0) continue;
      this.session.log.info({ user: user.extension, targets, ringSeconds: step.ringSeconds }, 'ringing');
      this.deps.live.publish({ organisationId: user.organisationId, kind: 'attendant-ringing', userIds: [user.id], data: { sessionId: this.session.id, targets } });
      const result = await ringForAnsweredCaller(this.session, this.io, {
        targets, ringSeconds: step.ringSeconds, callerId: this.caller, role: 'callee',
        beforeBridge: options.announce ? (answered) => this.announce(answered) : undefined,
      });
      // The caller hung up while it rang: no backup, no voicemail, nothing more to do.
      throwIfEnded(this.session.signal);
      if (result.answered) {
        this.session.log.info({ user: user.extension, device: result.answered.endpoint }, 'answered');
        this.session.endWhenGone(result.answered.id, 'callee hung up');
        return 'answered';
      }
      const stepReason = unansweredReason(result.outcomes);
      if (stepReason === 'busy' || reason !== 'busy') reason = stepReason;
    }
    return reason;
  }

  /** Asterisk's device state, for phones only (a trunk's state says nothing about the callee). */
  private async deviceVerdict(target: string): Promise<'free' | 'busy' | 'unavailable'> {
    if (!target.startsWith('PJSIP/')) return 'free';
    try {
      const state = await this.deps.ari.rest.deviceState(target);
      return deviceStateVerdict(state.state);
    } catch {
      // No device state is no reason to refuse a call: ring and let the leg say.
      return 'free';
    }
  }

  /** An announced transfer: the callee hears the caller's number before they are put together. */
  private async announce(answered: Leg): Promise<void> {
    if (!this.caller.number) return;
    const io = new ChannelIo(this.deps.ari, answered.id, this.session.signal);
    try { await io.play(...digitsMedia(this.caller.number.replace(/\D/g, ''))); } finally { io.close(); }
  }

  /** The user's voicemail (the way every unanswered attendant call ends, and the operator's Send to voicemail). */
  async voicemail(user: UserProfile, reason: UnansweredReason): Promise<ReachResult> {
    const handoff = this.deps.voicemail();
    if (handoff && (await handoff.hasMailbox(user.id))) {
      this.session.log.info({ user: user.extension, reason }, 'to voicemail');
      await handoff.takeMessage(this.session, this.io.channelId, user.id, reason);
      return 'voicemail';
    }
    this.session.log.info({ user: user.extension, reason }, 'no voicemail: back to the attendant');
    await this.io.play(sound('attendant-person-unavailable'));
    return 'unreachable';
  }
}
