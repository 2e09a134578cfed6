import { AriRequestError } from '../../../ari/ari-rest.js';
import { CallBridge } from '../../../ari/bridge.js';
import { CallEndedError } from '../../../ari/call-ended.js';
import { ChannelIo } from '../../../ari/channel-io.js';
import { dialLeg, type Leg } from '../../../ari/leg.js';
import { RingGroup } from '../../../ari/ring-group.js';
import { CallSession, type SessionDeps } from '../../../calls/call-session.js';
import type { VoicemailHandoff } from '../../../calls/handoffs.js';
import { sound } from '../../../calls/prompts.js';
import type { ExecutiveCall, ExecutiveCallParty, ExecutiveCallRegistry, HandedOverCall } from '../executive-calls.js';
import type { ExecutiveNotifier } from '../executive-notifier.js';
import type { ExecutivePlan } from './plan-executive-call.js';
import type { RingTarget } from './call-targets.js';
import { runAlerting } from './assistant-alerting.js';

export type ExecutiveCallState = 'ringing' | 'rollover' | 'bridged' | 'voicemail' | 'announcing';

export interface ExecutiveCallDeps extends SessionDeps {
  voicemail: () => VoicemailHandoff | undefined;
  notifier: ExecutiveNotifier;
  registry: ExecutiveCallRegistry;
}

/** What every party hears before someone joins the conversation (*15 bridge). */
const JOIN_WARNING = ['sound:beep'];

/**
 * One call to an executive, filtered or not: it rings the assistants (and, when
 * screening, the executive), or the executive's own phones, bridges the caller with
 * whoever answers first, and rolls over when nobody does. It is an ExecutiveCall, so call
 * control (push, retrieve, bridge) can take it over or join it.
 */
export class ExecutiveCallSession extends CallSession<ExecutiveCallState> implements ExecutiveCall {
  readonly executiveId: number;
  readonly remote: { channelId: string; name: string; number: string };
  private bridge: CallBridge | undefined;
  private handlerParty: ExecutiveCallParty | undefined;
  private readonly joined: ExecutiveCallParty[] = [];
  private readonly targetOfLeg = new Map<string, RingTarget>();
  private ringbackTone: { stop: () => Promise<void> } | undefined;

  constructor(private readonly deps: ExecutiveCallDeps, readonly plan: ExecutivePlan) {
    super(deps, 'executive', 'ringing');
    this.executiveId = plan.executive.id;
    const callerChannelId = plan.callerChannelId;
    this.remote = { channelId: callerChannelId, name: plan.originator.name, number: plan.originator.number };
    this.primaryChannelId = callerChannelId;
    this.ownChannel(callerChannelId);
    this.endWhenGone(callerChannelId, 'caller hung up');
    this.onEnd(deps.registry.register(this));
    this.onEnd(() => deps.notifier.callState(plan.executive.organisationId, plan.executive.id, this.id, 'ended', { reason: this.endReason }));
  }

  handler(): ExecutiveCallParty | undefined { return this.state === 'bridged' ? this.handlerParty : undefined; }
  isAnswered(): boolean { return this.state === 'bridged' && !this.isEnded; }

  /** The whole life of the call until it is answered, rolled over or given up. Runs in the session queue. */
  async start(): Promise<void> {
    const { plan } = this;
    this.log.info({ executive: plan.executive.extension, filtered: plan.filtered, reason: plan.reason }, 'call to an executive');
    // The caller hears ringback from the first moment, never dead air. A caller who hung up
    // while the call was being planned is gone before endWhenGone could see it: end now.
    try {
      if (plan.callerAnswered) this.ringbackTone = await new ChannelIo(this.ari, plan.callerChannelId, this.signal).startPlayback(['tone:ring']);
      else await this.ari.rest.ring(plan.callerChannelId);
    } catch (error) {
      if (error instanceof AriRequestError && error.isGone) { await this.end('caller gone before ringing'); return; }
      throw error;
    }
    const winner = plan.filtered
      ? await runAlerting(this, plan)
      : await this.ringTargets(plan.executiveTargets, plan.executive.noAnswerSeconds, plan.originator);
    // A queued tone would hold up the bridge or the voicemail greeting: stop it first.
    await this.ringbackTone?.stop().catch(() => undefined);
    if (this.isEnded) return;
    if (winner) { await this.connect(winner); return; }
    if (plan.filtered) await this.rollover();
    else await this.unanswered();
  }

  /** Creates and dials a leg owned by this call; the leg dies with the call. */
  async dial(target: RingTarget, ringSeconds: number, callerId: { name: string; number: string }, sipHeaders?: Record<string, string>): Promise<Leg> {
    const leg = await dialLeg(this.ari, {
      endpoint: target.endpoint,
      appArgs: ['executive', this.id, target.role],
      callerId,
      ringTimeoutSeconds: ringSeconds,
      originator: this.plan.callerChannelId,
      sipHeaders,
      idPrefix: `executive-${target.role}`,
    });
    if (this.isEnded) {
      // The caller left while the leg was being created: it must not outlive the call.
      await leg.hangup().catch(() => undefined);
      throw new CallEndedError(this.endReason);
    }
    this.ownLeg(leg);
    this.targetOfLeg.set(leg.id, target);
    return leg;
  }

  nowMs(): number { return this.clock.now().getTime(); }

  /** The portal's live view: which assistants ring for this call now. */
  assistantsRinging(assistantIds: number[]): void {
    this.deps.notifier.callState(this.plan.executive.organisationId, this.executiveId, this.id, 'assistants-ringing', { userIds: assistantIds, assistantIds });
  }

  targetOf(leg: Leg): RingTarget | undefined { return this.targetOfLeg.get(leg.id); }

  /** Waits for any of `promises`, at most `ms`, or until the call ends. */
  async waitForAny(promises: Array<Promise<unknown>>, ms: number): Promise<void> {
    let handle: unknown;
    const timer = new Promise<void>((resolve) => { handle = this.clock.setTimeout(resolve, Math.max(0, ms)); });
    const ended = new Promise<void>((resolve) => {
      if (this.signal.aborted) resolve();
      else this.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    try { await Promise.race([...promises, timer, ended]); } finally { this.clock.clearTimeout(handle); }
  }

  /** Rings `targets` together for `seconds`; the first to answer, or undefined. */
  private async ringTargets(targets: RingTarget[], seconds: number, callerId: { name: string; number: string }): Promise<Leg | undefined> {
    if (targets.length === 0) return undefined;
    const group = new RingGroup();
    this.onEnd(() => group.close());
    for (const target of targets) group.add(await this.dial(target, seconds, callerId));
    await this.waitForAny([group.untilAnsweredOrSilent()], seconds * 1000);
    if (!group.winner) await group.timeOut();
    await group.close();
    return this.isEnded ? undefined : group.winner;
  }

  private async connect(winner: Leg): Promise<void> {
    const target = this.targetOf(winner);
    const bridge = this.ownBridge(await CallBridge.create(this.ari, 'executive'));
    this.bridge = bridge;
    await this.ari.rest.answer(this.plan.callerChannelId).catch(() => undefined);
    await bridge.add(this.plan.callerChannelId, winner.id);
    this.handlerParty = { channelId: winner.id, device: winner.endpoint, userId: target?.userId };
    this.transition('bridged', ['ringing', 'rollover']);
    this.watchParty(winner.id);
    if (winner.isEnded) { await this.end('answering leg gone'); return; }
    this.log.info({ device: winner.endpoint, role: target?.role }, 'answered');
    this.deps.notifier.callState(this.plan.executive.organisationId, this.executiveId, this.id, 'answered', {
      userIds: target?.userId ? [target.userId] : [], answeredBy: target?.userId ?? null, role: target?.role, device: winner.endpoint,
    });
  }

  /**
   * When a talking party leaves: the handler's place goes to someone who joined (*15), if
   * any, else the call ends; a joined party leaving changes nothing else.
   */
  private watchParty(channelId: string): void {
    const off = this.ari.onChannel(channelId, (event) => {
      if (event.type !== 'ChannelDestroyed' && event.type !== 'StasisEnd') return;
      off();
      void this.run(async () => {
        const joinedIndex = this.joined.findIndex((p) => p.channelId === channelId);
        if (joinedIndex >= 0) { this.joined.splice(joinedIndex, 1); this.releaseChannel(channelId); return; }
        if (this.handlerParty?.channelId !== channelId) return;
        const next = this.joined.shift();
        if (next) { this.handlerParty = next; return; }
        await this.end('handler hung up');
      }).catch((error: unknown) => this.fail(error));
    });
    this.onEnd(off);
  }

  /** BroadWorks rollover: voicemail, forward, or the executive's own no-answer processing. */
  private async rollover(): Promise<void> {
    const { plan } = this;
    this.transition('rollover', ['ringing']);
    const action = plan.settings.alerting.rollover.action;
    this.log.info({ action }, 'rollover');
    this.deps.notifier.callState(plan.executive.organisationId, this.executiveId, this.id, 'rollover', { action });
    if (action === 'forward' && plan.forwardTarget) {
      const winner = await this.ringTargets([plan.forwardTarget], plan.executive.noAnswerSeconds, plan.originator);
      if (winner) { await this.connect(winner); return; }
      await this.unanswered();
      return;
    }
    if (action === 'voicemail' && (await this.takeMessage())) return;
    // No-answer processing (and voicemail while no mailbox can take it): the executive's phones, then their voicemail.
    const winner = await this.ringTargets(plan.executiveTargets, plan.executive.noAnswerSeconds, plan.originator);
    if (this.isEnded) return;
    if (winner) { await this.connect(winner); return; }
    await this.unanswered();
  }

  private async unanswered(): Promise<void> {
    if (await this.takeMessage()) return;
    this.transition('announcing', ['ringing', 'rollover']);
    await this.ari.rest.answer(this.plan.callerChannelId);
    const io = new ChannelIo(this.ari, this.plan.callerChannelId, this.signal);
    await io.play(sound('core-no-answer'));
    await this.end('nobody answered');
  }

  /** The executive's voicemail, when the voicemail feature is there and has a mailbox for them. */
  private async takeMessage(): Promise<boolean> {
    const voicemail = this.deps.voicemail();
    if (!voicemail || !(await voicemail.hasMailbox(this.executiveId))) return false;
    if (this.isEnded) return true;
    this.transition('voicemail', ['ringing', 'rollover']);
    await voicemail.takeMessage(this, this.plan.callerChannelId, this.executiveId, 'noanswer');
    await this.end('voicemail done');
    return true;
  }

  handOver(): Promise<HandedOverCall> {
    return this.run(async () => {
      const handler = this.handler();
      // Released, not hung up: the receiver owns both channels from now on.
      this.releaseChannel(this.remote.channelId);
      if (handler) this.releaseChannel(handler.channelId);
      if (this.bridge) { await this.bridge.remove(...[this.remote.channelId, handler?.channelId].filter((id): id is string => !!id)); }
      await this.end('handed over');
      return { remote: this.remote, handler };
    });
  }

  join(channelId: string, party: ExecutiveCallParty): Promise<void> {
    return this.run(async () => {
      const bridge = this.bridge;
      if (!bridge || this.state !== 'bridged') throw new Error(`${this.id}: only an answered call can be joined`);
      this.ownChannel(channelId);
      this.joined.push(party);
      this.watchParty(channelId);
      // The joining party and everyone already talking hear the warning, then each other.
      const io = new ChannelIo(this.ari, channelId, this.signal);
      try {
        await Promise.all([bridge.playToAll(JOIN_WARNING), io.play(...JOIN_WARNING)]);
      } finally { io.close(); }
      await bridge.add(channelId);
      this.log.info({ device: party.device }, 'party joined');
    });
  }
}
