/**
 * Channels and bridges Asterisk told us are destroyed (ChannelDestroyed, BridgeDestroyed
 * on the websocket). Teardown of something in here is already done: no request is sent,
 * and a teardown that is retrying stops. Bounded: the oldest ids are forgotten first
 * (Asterisk's ids are unique per run, so forgetting only costs a request that gets 404).
 */
export class KnownGone {
  private readonly channels = new Set<string>();
  private readonly bridges = new Set<string>();

  constructor(private readonly capacity = 20_000) {}

  markChannel(id: string): void { remember(this.channels, id, this.capacity); }
  markBridge(id: string): void { remember(this.bridges, id, this.capacity); }
  isChannelGone(id: string): boolean { return this.channels.has(id); }
  isBridgeGone(id: string): boolean { return this.bridges.has(id); }
}

function remember(ids: Set<string>, id: string, capacity: number): void {
  if (ids.has(id)) return;
  ids.add(id);
  // A Set iterates in insertion order: the first is the oldest.
  if (ids.size > capacity) ids.delete(ids.values().next().value as string);
}
