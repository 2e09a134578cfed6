/**
 * Channels and bridges Asterisk told us are destroyed (ChannelDestroyed, BridgeDestroyed
 * on the websocket). Teardown of something in here is already done: no request is sent,
 * and a teardown that is retrying stops.
 *
 * What matters is the last minutes: a teardown retries for seconds, never longer. Ids are
 * forgotten once `keepMs` old, and the oldest first past `capacity` (a mass hang-up), so
 * the memory follows the recent call rate, not the calls since start (kept by count alone,
 * 20,000 of each, several thousand calls' ids were held for good: megabytes of a soak's
 * heap readings).
 * Forgetting costs at most a request that gets 404 (Asterisk's ids are unique per run).
 */
export class KnownGone {
  private readonly channels = new Map<string, number>();
  private readonly bridges = new Map<string, number>();

  constructor(private readonly capacity = 20_000, private readonly keepMs = 120_000, private readonly now: () => number = Date.now) {}

  markChannel(id: string): void { this.remember(this.channels, id); }
  markBridge(id: string): void { this.remember(this.bridges, id); }
  isChannelGone(id: string): boolean { return this.channels.has(id); }
  isBridgeGone(id: string): boolean { return this.bridges.has(id); }
  get size(): number { return this.channels.size + this.bridges.size; }

  private remember(ids: Map<string, number>, id: string): void {
    if (ids.has(id)) return;
    const now = this.now();
    ids.set(id, now);
    // A Map iterates in insertion order: the first is the oldest.
    for (const [oldest, at] of ids) {
      if (ids.size <= this.capacity && now - at < this.keepMs) break;
      ids.delete(oldest);
    }
  }
}
