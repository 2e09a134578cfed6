import { AriRequestError } from '../../../ari/ari-rest.js';
import { CallBridge } from '../../../ari/bridge.js';
import { ChannelIo } from '../../../ari/channel-io.js';
import type { Leg } from '../../../ari/leg.js';
import { startRingback } from '../../../ari/ringback.js';
import { CallSession, type SessionDeps } from '../../../calls/call-session.js';
import type { VoicemailHandoff } from '../../../calls/handoffs.js';
import { sound } from '../../../calls/prompts.js';
import { Ringing } from '../../../calls/ringing.js';
import type { ExecutiveCall, ExecutiveCallParty, ExecutiveCallRegistry, HandedOverCall, RingingRedirect } from '../executive-calls.js';
import { assistantRingSeconds } from '../policy/alerting.js';
import type { ExecutiveNotifier } from '../executive-notifier.js';
import type { ExecutivePlan } from './plan-executive-call.js';
import type { RingTarget } from './call-targets.js';
import { runAlerting } from './assistant-alerting.js';
import { ExecutiveConversation } from './executive-conversation.js';

export type ExecutiveCallState = 'ringing' | 'rollover' | 'bridged' | 'voicemail' | 'announcing';

export interface ExecutiveCallDeps extends SessionDeps {
  voicemail: () => VoicemailHandoff | undefined;
  notifier: ExecutiveNotifier;
  registry: ExecutiveCallRegistry;
}

/**
 * One call to an executive, filtered or not: it rings the assistants (and, when
 * screening, the executive), or the executive's own phones, bridges the caller with
 * whoever answers first, and rolls over when nobody does. It is an ExecutiveCall, so call
 * control (push, retrieve, bridge) can take it over or join it.
 */
export class ExecutiveCallSession extends CallSession<ExecutiveCallState> implements ExecutiveCall {
  readonly executiveId: number;
  readonly remote: { channelId: string; name: string; number: string };
  /** Set once the answered call went on as an executive conversation, which then reports its end. */
  private answeredElsewhere = false;
  private readonly targetOfLeg = new Map<string, RingTarget>();
  private stopRingback: (() => Promise<void>) | undefined;
  /** True while the assistants are alerted (runAlerting runs): the console may act on the call. */
  private alerting = false;
  private redirection: RingingRedirect | undefined;
  private wakeAlerting: () => void = () => undefined;
  /** Settles when a console action asks the alerting to stop (assistant-alerting.ts waits on it). */
  readonly redirected: Promise<void>;

  constructor(private readonly deps: ExecutiveCallDeps, readonly plan: ExecutivePlan) {
    super(deps, 'executive', 'ringing', { channelId: plan.callerChannelId, goneReason: 'caller hung up' });
    this.executiveId = plan.executive.id;
    const callerChannelId = plan.callerChannelId;
    this.remote = { channelId: callerChannelId, name: plan.originator.name, number: plan.originator.number };
    this.redirected = new Promise((resolve) => { this.wakeAlerting = resolve; });
    this.onEnd(deps.registry.register(this));
    this.onEnd(() => {
      if (!this.answeredElsewhere) deps.notifier.callState(plan.executive.organisationId, plan.executive.id, this.id, 'ended', { reason: this.endReason });
    });
  }

  /** While it rings nobody handles it; once answered the conversation is the registered call. */
  handler(): ExecutiveCallParty | undefined { return undefined; }
  isAnswered(): boolean { return false; }
  isOnHold(): boolean { return false; }
  awaitsAssistant(): boolean { return this.alerting && this.redirection === undefined && !this.isEnded; }
  redirectRequested(): boolean { return this.redirection !== undefined; }

  /**
   * A console action on the call while it rings the assistants. Not queued in the session:
   * the alerting flow holds the queue while it rings; it wakes, stops every leg and
   * follows the redirection (followRedirection).
   */
  redirect(to: RingingRedirect): Promise<boolean> {
    if (!this.awaitsAssistant()) return Promise.resolve(false);
    this.redirection = to;
    this.log.info({ action: to.kind, endpoint: 'endpoint' in to ? to.endpoint : undefined }, 'console action on the ringing call');
    this.wakeAlerting();
    return Promise.resolve(true);
  }

  /** The whole life of the call until it is answered, rolled over or given up. Runs in the session queue. */
  async start(): Promise<void> {
    const { plan } = this;
    this.log.info({ executive: plan.executive.extension, filtered: plan.filtered, reason: plan.reason }, 'call to an executive');
    // The caller hears ringback from the first moment, never dead air. A caller who hung up
    // while the call was being planned is gone before endWhenGone could see it: end now.
    try {
      this.stopRingback = await startRingback(this.ari, plan.callerChannelId, plan.callerAnswered);
    } catch (error) {
      if (error instanceof AriRequestError && error.isGone) { await this.end('caller gone before ringing'); return; }
      throw error;
    }
    const winner = plan.filtered
      ? await this.alertAssistants(plan)
      : await this.ringTargets(plan.executiveTargets, plan.executive.noAnswerSeconds, plan.originator);
    // In-band ringback would go on under the bridge or the voicemail greeting: stop it first.
    await this.stopRingback?.();
    if (this.isEnded) return;
    if (winner) { await this.connect(winner); return; }
    if (this.redirection) await this.followRedirection(this.redirection);
    else if (plan.filtered) await this.rollover();
    else await this.unanswered();
  }

  private async alertAssistants(plan: ExecutivePlan): Promise<Leg | undefined> {
    this.alerting = true;
    try { return await runAlerting(this, plan); } finally { this.alerting = false; }
  }

  /**
   * The console's Take rings only the taker's phone (with the auto-answer hint); unanswered,
   * the call goes on as a filtered call nobody answered (rollover). Send to voicemail is
   * the executive's voicemail (or "no answer" when there is no mailbox). Forward rings the
   * number as the rollover's forward does.
   */
  private async followRedirection(to: RingingRedirect): Promise<void> {
    const { plan } = this;
    if (to.kind === 'voicemail') {
      if (!(await this.takeMessage())) await this.unanswered();
      return;
    }
    const take = to.kind === 'take';
    // The taker's phone rang for the alerting a moment ago: a leg still lingering there would make it answer busy.
    await this.legsGone();
    const target: RingTarget = { endpoint: to.endpoint, role: take ? 'assistant' : 'forward', userId: to.userId };
    const winner = take
      ? await this.ringTargets([target], Math.max(20, assistantRingSeconds(plan.settings.alerting)), plan.assistantCallerId, to.sipHeaders)
      : await this.ringTargets([target], plan.executive.noAnswerSeconds, plan.originator);
    if (this.isEnded) return;
    if (winner) { await this.connect(winner); return; }
    if (take) await this.rollover();
    else await this.unanswered();
  }

  /** Dials `target` as one more leg of `ringing`; the leg dies with the call. */
  async dial(ringing: Ringing, target: RingTarget, ringSeconds: number, callerId: { name: string; number: string }, sipHeaders?: Record<string, string>): Promise<Leg> {
    const leg = await ringing.dial(target.endpoint, { role: target.role, ringSeconds, callerId, originator: this.plan.callerChannelId, sipHeaders });
    this.targetOfLeg.set(leg.id, target);
    return leg;
  }

  nowMs(): number { return this.clock.now().getTime(); }

  /** The portal's live view: which assistants ring for this call now. */
  assistantsRinging(assistantIds: number[]): void {
    this.deps.notifier.callState(this.plan.executive.organisationId, this.executiveId, this.id, 'assistants-ringing', { userIds: assistantIds, assistantIds });
  }

  targetOf(leg: Leg): RingTarget | undefined { return this.targetOfLeg.get(leg.id); }

  /** Rings `targets` together for `seconds`; the first to answer, or undefined. */
  private async ringTargets(targets: RingTarget[], seconds: number, callerId: { name: string; number: string }, sipHeaders?: Record<string, string>): Promise<Leg | undefined> {
    if (targets.length === 0) return undefined;
    const ringing = new Ringing(this);
    await Promise.all(targets.map((target) => this.dial(ringing, target, seconds, callerId, sipHeaders)));
    return ringing.firstAnswer(seconds * 1000);
  }

  /**
   * Someone answered: caller and answerer are bridged, and the call becomes an executive
   * conversation (the one class that carries answered executive calls, however they
   * started), so push, retrieve, bridge-in and a party leaving behave the same for a
   * filtered call as for a pushed or placed one. Both channels and the bridge change owner
   * in one synchronous step: no hangup can fall between the two sessions.
   */
  private async connect(winner: Leg): Promise<void> {
    const target = this.targetOf(winner);
    // Made while the caller is answered: two round trips at once, not in turn.
    const [made] = await Promise.all([
      CallBridge.create(this.ari, 'executive'),
      this.ari.rest.answer(this.plan.callerChannelId).catch(() => undefined),
    ]);
    const bridge = this.ownBridge(made);
    await bridge.add(this.plan.callerChannelId, winner.id);
    if (winner.isEnded || this.isEnded) { await this.end('answering leg gone'); return; }
    this.transition('bridged', ['ringing', 'rollover']);
    this.log.info({ device: winner.endpoint, role: target?.role }, 'answered');
    const { organisationId } = this.plan.executive;
    this.deps.notifier.callState(organisationId, this.executiveId, this.id, 'answered', {
      userIds: target?.userId ? [target.userId] : [], answeredBy: target?.userId ?? null, role: target?.role, device: winner.endpoint,
    });
    this.releaseChannel(this.remote.channelId);
    this.releaseChannel(winner.id);
    this.releaseBridge(bridge);
    this.answeredElsewhere = true;
    const conversation = ExecutiveConversation.start(this.deps, this.deps.registry, {
      executiveId: this.executiveId, remote: this.remote, bridge, how: 'answered',
      handler: { channelId: winner.id, device: winner.endpoint, userId: target?.userId },
      onEnded: (reason) => this.deps.notifier.callState(organisationId, this.executiveId, this.id, 'ended', { reason }),
    });
    await this.end('answered: the executive conversation carries the call');
    await conversation;
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

  /** Only an answered call is handed over or joined, and answered calls are the conversation's. */
  handOver(): Promise<HandedOverCall> { return Promise.reject(new Error(`${this.id}: a call still ringing cannot be handed over`)); }
  join(): Promise<void> { return Promise.reject(new Error(`${this.id}: only an answered call can be joined`)); }
}
