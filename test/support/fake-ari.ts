import { Ari } from '../../src/ari/ari.js';
import type { AriRest } from '../../src/ari/ari-rest.js';
import { KnownGone } from '../../src/ari/known-gone.js';
import type { AriEvent } from '../../src/ari/ari-types.js';
import type { Clock } from '../../src/clock.js';
import { createLogger } from '../../src/log.js';

/**
 * A clock the test moves by hand: timers fire in due order when `advance` passes them.
 * For unit tests of the call primitives only (integration tests use real time).
 */
export class FakeClock implements Clock {
  private nowMs = Date.parse('2026-12-01T09:00:00Z');
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  now(): Date { return new Date(this.nowMs); }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.nowMs + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void { this.timers.delete(handle as number); }
  get pending(): number { return this.timers.size; }

  /** Moves time on by `ms`, firing each timer due on the way (and letting promises settle between). */
  async advance(ms: number): Promise<void> {
    const until = this.nowMs + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.nowMs = due[1].at;
      due[1].fn();
      await settle();
    }
    this.nowMs = until;
    await settle();
  }
}

/** Lets every promise callback already queued run (several turns of the microtask queue and one macrotask). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

export interface RestCall { method: string; args: unknown[] }

/**
 * An Ari whose REST requests are recorded and answered by `respond` (default: success)
 * and whose events the test emits: for unit tests of the primitives built on it.
 */
export class FakeAri extends Ari {
  readonly calls: RestCall[] = [];
  respond: (method: string, args: unknown[]) => unknown = (method, args) => (method === 'originate' ? { id: (args[0] as { channelId: string }).channelId } : undefined);
  private readonly fakeRest: AriRest;

  constructor(readonly fakeClock = new FakeClock()) {
    super({ url: 'http://127.0.0.1:9', user: 'test', password: 'test', app: 'switchboard' }, createLogger('silent'), fakeClock);
    const knownGone = new KnownGone();
    this.fakeRest = new Proxy({}, {
      get: (_target, method: string) => method === 'knownGone' ? knownGone : (...args: unknown[]) => {
        this.calls.push({ method, args });
        try { return Promise.resolve(this.respond(method, args)); } catch (error) { return Promise.reject(error); }
      },
    }) as AriRest;
  }

  override get rest(): AriRest { return this.fakeRest; }

  /** Delivers `event` as if it came over the websocket. */
  emit(event: Record<string, unknown> & { type: string }): void {
    this.connection.emit('event', { application: 'switchboard', timestamp: new Date().toISOString(), ...event } as unknown as AriEvent);
  }

  requests(method: string): unknown[][] { return this.calls.filter((c) => c.method === method).map((c) => c.args); }
}

/** A channel as ARI's events carry it. */
export const channel = (id: string, state = 'Up', name = `PJSIP/${id}-00000001`) => ({
  id, name, state, caller: { name: '', number: '' }, connected: { name: '', number: '' },
  dialplan: { context: 'switchboard-internal', exten: '1002', priority: 1 }, creationtime: new Date().toISOString(), language: 'en',
});
