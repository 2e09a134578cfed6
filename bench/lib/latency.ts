import type { AriRest } from '../../src/ari/ari-rest.js';
import type { AriEvents, TimedEvent } from './ari-events.js';

interface LooseEvent { type: string; timestamp?: string; channel?: { id: string; name: string; state: string } }

/**
 * Call setup latency, one call at a time: from the caller's channel being created in
 * Asterisk (ChannelCreated of the originated Local channel) to the first callee PJSIP
 * channel reaching Ringing (the phone sent 180). Both instants are seen by the same
 * subscribe-all websocket, so its delivery delay cancels out. The caller hangs up as soon
 * as a callee rings (the callees never answer here), and the next call starts only once
 * Asterisk has no channel left, so calls never overlap.
 */
export class SetupLatencyProbe {
  private readonly live = new Set<string>();
  private seq = 0;

  constructor(private readonly rest: AriRest, private readonly events: AriEvents) {
    events.on(({ event }) => {
      const e = event as unknown as LooseEvent;
      if (e.type === 'ChannelCreated' && e.channel) this.live.add(e.channel.id);
      if (e.type === 'ChannelDestroyed' && e.channel) this.live.delete(e.channel.id);
    });
  }

  /** Milliseconds from caller created to first callee ringing, or an error. */
  async measure(endpoint: string, timeoutMs = 5000): Promise<{ ms: number; asteriskMs: number }> {
    const id = `bench-lat-${process.pid}-${this.seq++}`;
    let created: TimedEvent | undefined;
    let ringing: TimedEvent | undefined;
    let resolveRinging!: () => void;
    const rang = new Promise<void>((resolve) => { resolveRinging = resolve; });
    const off = this.events.on((timed) => {
      const e = timed.event as unknown as LooseEvent;
      if (e.type === 'ChannelCreated' && (e.channel?.id === id || e.channel?.id === `${id}-2`) && !created) created = timed;
      if (e.type === 'ChannelStateChange' && e.channel?.state === 'Ringing' && e.channel.name.startsWith('PJSIP/') && created && !ringing) {
        ringing = timed;
        resolveRinging();
      }
    });
    try {
      await this.rest.request('POST', '/channels', {
        endpoint, app: this.events.app, appArgs: 'caller', channelId: id, otherChannelId: `${id}-2`,
        callerId: `Bench <8${String(this.seq).padStart(5, '0')}>`, timeout: 30,
      });
      const timer = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs));
      await Promise.race([rang, timer]);
      if (!created || !ringing) throw new Error(`${endpoint}: no callee rang within ${timeoutMs} ms`);
      const ms = Number(ringing.receivedNs - created.receivedNs) / 1e6;
      const asteriskMs = Date.parse(asteriskTime(ringing.event.timestamp)) - Date.parse(asteriskTime(created.event.timestamp));
      return { ms, asteriskMs };
    } finally {
      off();
      await this.rest.hangup(id).catch(() => undefined);
      await this.untilQuiet();
    }
  }

  /** Places one call and lists the PJSIP devices that rang for it within `ms`. */
  async devicesRinging(endpoint: string, ms = 3000): Promise<string[]> {
    const id = `bench-probe-${process.pid}-${this.seq++}`;
    const rang = new Set<string>();
    const off = this.events.on(({ event }) => {
      const e = event as unknown as LooseEvent;
      if (e.type === 'ChannelStateChange' && e.channel?.state === 'Ringing' && e.channel.name.startsWith('PJSIP/')) rang.add(e.channel.name.replace(/-[0-9a-f]+$/, ''));
    });
    try {
      await this.rest.request('POST', '/channels', { endpoint, app: this.events.app, appArgs: 'caller', channelId: id, callerId: 'Bench <8999999>', timeout: 30 });
      await new Promise((r) => setTimeout(r, ms));
      return [...rang].sort();
    } finally {
      off();
      await this.rest.hangup(id).catch(() => undefined);
      await this.untilQuiet();
    }
  }

  /** Waits until Asterisk has no channel left (bounded). */
  async untilQuiet(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.live.size > 0) {
      if (Date.now() > deadline) throw new Error(`channels still up after ${timeoutMs} ms: ${[...this.live].join(', ')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

/** ARI's "2026-11-23T13:50:01.123+0000" → something Date.parse reads. */
function asteriskTime(timestamp: string | undefined): string {
  return (timestamp ?? '').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}
