import type { AriRest } from '../../src/ari/ari-rest.js';
import type { AriEvents } from './ari-events.js';

interface LooseEvent { type: string; channel?: { id: string } }

/** One benchmark call: a Local channel originated into the dialplan, answered when a callee answers. */
interface LoadCall {
  id: string;
  number: string;
  answered: boolean;
  failure: string | undefined;
  hangingUp: boolean;
  ended: boolean;
  onAnswer?: () => void;
}

export interface StepResult { attempted: number; answered: number; failed: number; reasons: Record<string, number>; /** How late the generator placed its latest-placed call (ms): behind schedule = saturated. */ lateMs: number }

/**
 * Places calls at a steady rate and holds them, watching each one: a call fails when it
 * is not answered within `answerTimeoutMs`, or when it ends before the load generator
 * hangs it up (dropped, or a "not available" announcement instead of a callee).
 */
export class CallLoad {
  private readonly calls = new Map<string, LoadCall>();
  private seq = 0;
  private lateMs = 0;

  /**
   * `calleeUp(number)` tells whether the callee phone answered the call from `number` and
   * still has it: the caller being answered is not enough (a "not available" prompt
   * answers it too).
   */
  constructor(private readonly rest: AriRest, private readonly events: AriEvents, private readonly calleeUp: (callerNumber: string) => boolean, private readonly answerTimeoutMs = 10_000) {
    events.on(({ event }) => {
      const e = event as unknown as LooseEvent;
      const call = e.channel ? this.calls.get(e.channel.id) : undefined;
      if (!call) return;
      if (e.type === 'StasisStart' && !call.answered) { call.answered = true; call.onAnswer?.(); }
      if (e.type === 'ChannelDestroyed' || e.type === 'StasisEnd') {
        if (!call.hangingUp && !call.failure) call.failure = call.answered ? 'dropped' : 'ended unanswered';
        if (e.type === 'ChannelDestroyed') call.ended = true;
      }
    });
  }

  get size(): number { return this.calls.size; }
  get answeredNow(): number { return [...this.calls.values()].filter((c) => c.answered && !c.failure).length; }
  get failures(): string[] { return [...this.calls.values()].flatMap((c) => (c.failure ? [c.failure] : [])); }

  /** Places one call; resolves once it is answered or has failed. */
  async place(endpoint: string): Promise<LoadCall> {
    const id = `bench-load-${process.pid}-${this.seq++}`;
    const number = `7${String(this.seq).padStart(6, '0')}`;
    const call: LoadCall = { id, number, answered: false, failure: undefined, hangingUp: false, ended: false };
    this.calls.set(id, call);
    const answered = new Promise<void>((resolve) => { call.onAnswer = resolve; });
    try {
      await this.rest.request('POST', '/channels', {
        endpoint, app: this.events.app, appArgs: 'caller', channelId: id, otherChannelId: `${id}-2`,
        callerId: `Load <${number}>`, timeout: 30,
      });
    } catch (error) {
      call.failure = `originate: ${(error as Error).message.slice(0, 60)}`;
      return call;
    }
    await Promise.race([answered, new Promise((r) => setTimeout(r, this.answerTimeoutMs))]);
    if (!call.answered && !call.failure) call.failure = 'not answered in time';
    if (call.answered && !call.failure && !this.calleeUp(call.number)) call.failure = 'answered, but not by the callee';
    return call;
  }

  /** Places calls at `rate` per second for `seconds`, holds each `holdSeconds`, then hangs up. */
  async runRate(endpoint: string, rate: number, seconds: number, holdSeconds: number): Promise<StepResult> {
    this.calls.clear();
    this.lateMs = 0;
    const total = Math.round(rate * seconds);
    const started = Date.now();
    const placed: Array<Promise<void>> = [];
    for (let i = 0; i < total; i += 1) {
      const due = started + (i * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      this.lateMs = Math.max(this.lateMs, Date.now() - due);
      placed.push(this.place(endpoint).then(async (call) => {
        if (call.failure) return;
        await new Promise((r) => setTimeout(r, holdSeconds * 1000));
        if (!call.failure && !this.calleeUp(call.number)) call.failure = 'callee leg lost';
        await this.hangup(call);
      }));
    }
    await Promise.all(placed);
    return this.result();
  }

  /** Ramps up to `target` calls at `rate`/s (stopping at the first failure) and returns how many are up. */
  async rampTo(endpoint: string, target: number, rate: number): Promise<number> {
    this.calls.clear();
    this.lateMs = 0;
    const started = Date.now();
    const placed: Array<Promise<unknown>> = [];
    for (let i = 0; i < target; i += 1) {
      if (this.failures.length > 0) break;
      const wait = started + (i * 1000) / rate - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      this.lateMs = Math.max(this.lateMs, Date.now() - (started + (i * 1000) / rate));
      placed.push(this.place(endpoint));
    }
    await Promise.all(placed);
    return this.answeredNow;
  }

  /** Calls whose callee leg went away while held. */
  checkCallees(): void {
    for (const c of this.calls.values()) if (c.answered && !c.failure && !c.hangingUp && !this.calleeUp(c.number)) c.failure = 'callee leg lost';
  }

  async hangupAll(): Promise<void> {
    const calls = [...this.calls.values()].filter((c) => !c.ended);
    for (let i = 0; i < calls.length; i += 50) await Promise.all(calls.slice(i, i + 50).map((c) => this.hangup(c)));
  }

  /** Hangs up every call still up at the same moment (a mass hang-up): resolves with when they were all sent. */
  async hangupAllAtOnce(): Promise<void> {
    await Promise.all([...this.calls.values()].filter((c) => !c.ended).map((c) => this.hangup(c)));
  }

  result(): StepResult {
    const all = [...this.calls.values()];
    const reasons: Record<string, number> = {};
    for (const c of all) if (c.failure) reasons[c.failure] = (reasons[c.failure] ?? 0) + 1;
    return { attempted: all.length, answered: all.filter((c) => c.answered).length, failed: all.filter((c) => c.failure).length, reasons, lateMs: this.lateMs };
  }

  private async hangup(call: LoadCall): Promise<void> {
    call.hangingUp = true;
    await this.rest.hangup(call.id).catch(() => undefined);
  }
}
