import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Ari } from '../ari/ari.js';
import type { CallBridge } from '../ari/bridge.js';
import { CallEndedError } from '../ari/call-ended.js';
import { onChannelGone } from '../ari/channel-gone.js';
import type { Leg } from '../ari/leg.js';
import type { Logger } from '../log.js';
import type { Clock } from '../clock.js';
import type { SessionTracker } from './session-tracker.js';

export class IllegalTransitionError extends Error {
  constructor(readonly session: string, readonly from: string, readonly to: string) {
    super(`${session}: cannot go from ${from} to ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

export interface SessionDeps {
  ari: Ari;
  log: Logger;
  clock: Clock;
  tracker: SessionTracker;
}

/**
 * One call's state. Everything the session creates (legs, bridges, timers) is owned by
 * it and released in one place, `end()`, however the call ends. Work that touches the
 * state goes through `run()`, so ARI events, timers and API commands never interleave.
 * Features subclass it with their own states; this class knows no feature.
 */
export abstract class CallSession<S extends string = string> {
  readonly id: string;
  /** The call this session is part of (SessionTracker.callIdOf): the same in every log line and the live view. */
  readonly callId: string;
  readonly log: Logger;
  readonly startedAt: Date;
  readonly ari: Ari;
  readonly clock: Clock;
  private readonly tracker: SessionTracker;
  private readonly abort = new AbortController();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly ownedChannels = new Set<string>();
  private readonly ownedBridges = new Set<CallBridge>();
  private readonly ownedLegs = new Set<Leg>();
  private readonly timers = new Set<unknown>();
  private readonly cleanups: Array<() => Promise<void> | void> = [];
  private endPromise: Promise<void> | undefined;
  endReason: string | undefined;

  /**
   * `caller` names the channel the call is for (the caller, or the remote party of a call
   * taken over): the session owns it from the start and ends when it goes.
   */
  protected constructor(deps: SessionDeps, readonly kind: string, public state: S, caller?: {
    channelId: string; goneReason: string;
    /** The call a session taking it over carries on (HandedOverCall): its id stays the call's. */
    callId?: string | undefined;
  }) {
    this.id = `${kind}-${randomUUID().slice(0, 8)}`;
    // Every prompt, leg and timer of the call listens for its end: many listeners is normal here.
    setMaxListeners(200, this.abort.signal);
    this.ari = deps.ari;
    this.clock = deps.clock;
    this.tracker = deps.tracker;
    this.startedAt = deps.clock.now();
    // One call id from StasisStart to the last leg: the call's first channel, whichever session holds it now.
    this.callId = caller?.callId ?? (caller && deps.tracker.callIdOf(caller.channelId)) ?? caller?.channelId ?? this.id;
    this.log = deps.log.child({ callId: this.callId, session: this.id });
    this.tracker.add(this);
    if (caller) {
      this.primaryChannelId = caller.channelId;
      this.ownChannel(caller.channelId);
      this.endWhenGone(caller.channelId, caller.goneReason);
    }
  }

  get signal(): AbortSignal { return this.abort.signal; }
  get isEnded(): boolean { return this.abort.signal.aborted; }

  /** Runs `fn` after everything queued before it; failures reach the caller, not the queue. */
  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(() => {
      if (this.isEnded) throw new CallEndedError(this.endReason);
      return fn();
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  transition(to: S, allowedFrom: readonly S[]): void {
    if (!allowedFrom.includes(this.state)) throw new IllegalTransitionError(this.id, this.state, to);
    this.log.debug({ from: this.state, to }, 'state');
    this.state = to;
  }

  /** A channel this call created or took over: hung up when the call ends. */
  ownChannel(channelId: string): void {
    // Taken after the call already ended (an await raced the caller's hangup): release it now.
    if (this.endPromise) { void this.ari.hangup(channelId).catch(() => undefined); return; }
    this.ownedChannels.add(channelId);
    this.tracker.bindChannel(channelId, this);
  }
  /** Hand a channel over (to another session, or back to the dialplan). */
  releaseChannel(channelId: string): void {
    this.ownedChannels.delete(channelId);
    this.tracker.unbindChannel(channelId, this);
  }
  ownLeg(leg: Leg): Leg {
    if (this.endPromise) { void leg.hangup().catch(() => undefined); return leg; }
    if (this.ownedLegs.size === 0) this.tracker.setUp((this.clock.now().getTime() - this.startedAt.getTime()) / 1000);
    this.ownedLegs.add(leg);
    this.ownChannel(leg.id);
    return leg;
  }
  ownBridge(bridge: CallBridge): CallBridge {
    if (this.endPromise) { void bridge.destroy().catch(() => undefined); return bridge; }
    this.ownedBridges.add(bridge);
    return bridge;
  }
  releaseBridge(bridge: CallBridge): void { this.ownedBridges.delete(bridge); }
  /** Runs `cleanup` when the call ends; at once if it already has (an await raced the end). */
  onEnd(cleanup: () => Promise<void> | void): void {
    if (this.endPromise) {
      void Promise.resolve().then(cleanup).catch((error: unknown) => this.log.warn({ err: (error as Error).message }, 'clean-up step failed'));
      return;
    }
    this.cleanups.push(cleanup);
  }

  /** A timer that dies with the call; its callback runs in the session's queue. */
  after(ms: number, fn: () => Promise<void> | void): () => void {
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(handle);
      void this.run(fn).catch((error: unknown) => this.fail(error));
    }, ms);
    this.timers.add(handle);
    return () => { this.clock.clearTimeout(handle); this.timers.delete(handle); };
  }

  /**
   * Resolves after `ms`, or at once when the call ends; the timer dies with the call. For
   * a flow that waits (a ring timer): not `after()`, whose callback waits in the session's
   * queue, behind the very flow that is waiting for it.
   */
  deadline(ms: number): Promise<void> {
    if (this.isEnded) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.clock.clearTimeout(handle);
        this.timers.delete(handle);
        this.signal.removeEventListener('abort', done);
        resolve();
      };
      const handle = this.clock.setTimeout(done, Math.max(0, ms));
      this.timers.add(handle);
      this.signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Waits for the first of `promises` to settle, at most `ms`, or until the call ends. */
  async waitForAny(promises: Array<Promise<unknown>>, ms: number): Promise<void> {
    await Promise.race([...promises.map((p) => p.then(() => undefined, () => undefined)), this.deadline(ms)]);
  }

  get channelIds(): string[] { return [...this.ownedChannels]; }

  /**
   * Resolves once every leg this call dialled is destroyed in Asterisk (bounded). A hung-up
   * leg lingers a moment; a fallback that rings the same phone before it is gone finds
   * the phone busy (device_state_busy_at = 1).
   */
  async legsGone(timeoutMs = 2000): Promise<void> {
    let timer: unknown;
    await Promise.race([
      Promise.all([...this.ownedLegs].map((leg) => leg.ended)),
      new Promise<void>((resolve) => { timer = this.clock.setTimeout(resolve, timeoutMs); }),
    ]);
    this.clock.clearTimeout(timer);
  }

  /** Ends the call when `channelId` hangs up or leaves our app (the caller leaving). */
  endWhenGone(channelId: string, reason: string): void {
    const watch = () => {
      // A channel we handed to the dialplan leaves our app without hanging up: that is no end.
      this.onEnd(onChannelGone(this.ari, channelId, (how) => {
        if (how === 'destroyed' || this.ownedChannels.has(channelId)) void this.end(reason);
        else watch();
      }));
    };
    watch();
  }

  /**
   * After a reconnect: legs whose channels Asterisk no longer has are treated as hung up,
   * and a call whose every channel is gone ends (Asterisk restarted under it).
   */
  reconcile(liveChannelIds: ReadonlySet<string>): void {
    for (const leg of this.ownedLegs) if (!liveChannelIds.has(leg.id)) leg.gone(undefined);
    const owned = [...this.ownedChannels];
    if (owned.length > 0 && owned.every((id) => !liveChannelIds.has(id))) void this.end('channels gone after reconnect');
    else if (owned.length > 0 && this.primaryChannelId && !liveChannelIds.has(this.primaryChannelId)) void this.end('caller gone after reconnect');
  }

  /** The channel whose loss ends the call (the caller), if the feature names one. */
  primaryChannelId: string | undefined;

  /** Logs and counts a flow failure; CallEndedError is the normal end of a flow, not a failure. */
  fail(error: unknown): void {
    if (error instanceof CallEndedError) return;
    this.tracker.flowFailed(this.kind);
    this.log.error({ err: error }, 'call flow failed');
  }

  /** Whether the session still holds `channelId` (it was not handed on or released). */
  owns(channelId: string): boolean { return this.ownedChannels.has(channelId); }

  /** Ends the call once: stops timers, hangs up owned legs, destroys bridges. */
  end(reason: string): Promise<void> {
    if (!this.endPromise) {
      this.endReason = reason;
      this.abort.abort();
      this.endPromise = this.cleanup(reason);
    }
    return this.endPromise;
  }

  private async cleanup(reason: string): Promise<void> {
    this.log.info({ reason, state: this.state }, 'call ended');
    for (const handle of this.timers) this.clock.clearTimeout(handle);
    this.timers.clear();
    const steps: Array<Promise<unknown>> = [];
    for (const cleanup of this.cleanups.reverse()) steps.push(Promise.resolve().then(cleanup));
    for (const channelId of this.ownedChannels) steps.push(this.ari.hangup(channelId));
    for (const bridge of this.ownedBridges) steps.push(bridge.destroy());
    const results = await Promise.allSettled(steps);
    for (const result of results) {
      if (result.status === 'rejected') this.log.warn({ err: (result.reason as Error).message }, 'clean-up step failed');
    }
    this.tracker.remove(this);
  }
}
