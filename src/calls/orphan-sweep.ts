import { isCallBridgeId } from '../ari/bridge.js';
import type { AriBridge, AriChannel } from '../ari/ari-types.js';
import { AdoptedCall } from './adopted-call.js';
import type { SessionDeps } from './call-session.js';
import { isInOurApp, subscribedChannels } from './reconciler.js';
import type { SessionTracker } from './session-tracker.js';

export interface OrphanSweepOptions {
  /** How often the sweep runs; 0 turns it off. */
  intervalMs: number;
  /**
   * How long a channel or bridge must have been seen unowned before it is touched. A flow
   * binds the channel it creates to its session only once ARI answered the create
   * request, which may first wait for a request slot and then for its deadline; the
   * caller of a new call is bound once its route has looked the caller up. The grace
   * period must be longer than both, by a margin.
   */
  graceMs: number;
}

export interface SweepResult { hungUp: string[]; destroyed: string[]; adopted: string[] }

type SweepDeps = SessionDeps & { tracker: SessionTracker };

/**
 * The periodic orphan sweep: channels in our Stasis app and bridges of ours that no call
 * session owns. Answered calls still bridged are adopted (two people are talking: keep
 * them, and end both when one hangs up), as the reconnect reconciler does; every other
 * orphan channel is hung up and every orphan bridge destroyed. Orphans exist when a
 * teardown was lost or a flow lost track of what it made (a create request that timed
 * out after Asterisk did it); without the sweep they stay up until the controller
 * reconnects, which may be never.
 *
 * Something is an orphan only after it was seen unowned on passes at least `graceMs`
 * apart, measured on our clock (Asterisk's creation times may come from another clock).
 * A bridge is owned while a session owns one of its channels or a live CallBridge still
 * watches it; an empty bridge is ours only if its id is one CallBridge makes, because
 * bridges are shared by every Stasis application on the Asterisk.
 */
export class OrphanSweep {
  /** Unowned ids, with when they were first seen unowned. */
  private readonly suspects = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly deps: SweepDeps, private readonly options: OrphanSweepOptions) {}

  start(): void {
    if (this.options.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => { void this.tick(); }, this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void { clearInterval(this.timer); this.timer = undefined; }

  private async tick(): Promise<void> {
    // Only while our app is registered: a controller that is not connected does not lead.
    if (this.running || !this.deps.ari.connection.connected) return;
    this.running = true;
    try {
      const swept = await this.sweep();
      if (swept.hungUp.length || swept.destroyed.length || swept.adopted.length) {
        this.deps.log.info({ hungUp: swept.hungUp.length, destroyed: swept.destroyed.length, adopted: swept.adopted.length }, 'orphan sweep done');
      }
    } catch (error) {
      this.deps.log.warn({ err: (error as Error).message }, 'orphan sweep failed; trying again next time');
    } finally {
      this.running = false;
    }
  }

  /** One pass; `now` is our clock. */
  async sweep(now = Date.now()): Promise<SweepResult> {
    const { ari, tracker, log } = this.deps;
    const result: SweepResult = { hungUp: [], destroyed: [], adopted: [] };
    const [channels, bridges, subscribed] = await Promise.all([ari.rest.listChannels(), ari.rest.listBridges(), subscribedChannels(ari)]);

    const unowned = new Map<string, AriChannel>();
    for (const channel of channels) {
      if (isInOurApp(channel, ari.app, subscribed) && !tracker.isTracked(channel.id)) unowned.set(channel.id, channel);
    }
    const unownedBridges = bridges.filter((bridge) => this.isUnownedBridge(bridge, unowned));
    const seenNow = new Set([...unowned.keys(), ...unownedBridges.map((b) => `bridge:${b.id}`)]);
    for (const id of this.suspects.keys()) if (!seenNow.has(id)) this.suspects.delete(id);
    for (const id of seenNow) if (!this.suspects.has(id)) this.suspects.set(id, now);
    const overGrace = (id: string) => now - (this.suspects.get(id) ?? now) >= this.options.graceMs;

    const orphans = new Map([...unowned].filter(([id]) => overGrace(id)));
    const handled = new Set<string>();
    const bridgesToDestroy: AriBridge[] = [];
    for (const bridge of unownedBridges) {
      if (!overGrace(`bridge:${bridge.id}`) || !bridge.channels.every((id) => orphans.has(id))) continue;
      const answered = bridge.channels.filter((id) => orphans.get(id)?.state === 'Up');
      if (answered.length >= 2 && answered.length === bridge.channels.length) {
        log.warn({ bridge: bridge.id, channels: bridge.channels }, 'orphan sweep: adopting an answered call no session owns');
        AdoptedCall.adopt(this.deps, bridge.id, bridge.channels);
        for (const id of bridge.channels) handled.add(id);
        result.adopted.push(bridge.id);
      } else {
        bridgesToDestroy.push(bridge);
      }
    }

    const hangups = [...orphans.values()].filter((c) => !handled.has(c.id)).map(async (channel) => {
      log.warn({ channel: channel.id, name: channel.name, state: channel.state }, 'orphan sweep: hanging up a channel no session owns');
      await ari.hangup(channel.id);
      result.hungUp.push(channel.id);
    });
    const destructions = bridgesToDestroy.map(async (bridge) => {
      log.warn({ bridge: bridge.id, channels: bridge.channels }, 'orphan sweep: destroying a bridge no session owns');
      await ari.destroyBridge(bridge.id);
      result.destroyed.push(bridge.id);
    });
    const failures = (await Promise.allSettled([...hangups, ...destructions])).filter((r) => r.status === 'rejected');
    if (failures.length) {
      log.warn({ failures: failures.length, first: ((failures[0] as PromiseRejectedResult).reason as Error).message }, 'orphan sweep: some teardown failed; the next pass tries again');
    }
    for (const id of [...result.hungUp, ...handled]) this.suspects.delete(id);
    for (const id of [...result.destroyed, ...result.adopted]) this.suspects.delete(`bridge:${id}`);
    return result;
  }

  private isUnownedBridge(bridge: AriBridge, unownedChannels: ReadonlyMap<string, AriChannel>): boolean {
    if (this.deps.ari.isWatchingBridge(bridge.id)) return false;
    if (bridge.channels.length === 0) return isCallBridgeId(bridge.id);
    // Every member must be an unowned channel of ours: a bridge holding anyone else's channel is not ours to touch.
    return bridge.channels.every((id) => unownedChannels.has(id));
  }
}
