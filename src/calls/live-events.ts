import { EventEmitter } from 'node:events';

/** A change people watch in the portal's live view: who is on a call, who is ringing, filter and out-of-office states. */
export interface LiveEvent {
  organisationId: number;
  kind: string;
  /** The users the change concerns, so each viewer sees only what they may. */
  userIds: number[];
  data: Record<string, unknown>;
  at: string;
}

/** How controllers on one store tell each other things (the store's change feed). */
export interface Broadcaster {
  broadcast(message: string): void;
  onBroadcast(listener: (message: string) => void): () => void;
}

/**
 * `event`: every live event a viewer of this controller's portal should see, whichever
 * controller of the store it happened on; `published`: those that happened here.
 */
export class LiveEvents extends EventEmitter<{ event: [LiveEvent]; published: [LiveEvent] }> {
  publish(event: Omit<LiveEvent, 'at'>): void {
    const stamped = { ...event, at: new Date().toISOString() };
    this.emit('published', stamped);
    this.emit('event', stamped);
  }

  /**
   * Shares this controller's events with the others on the store and shows theirs here:
   * the leader's calls publish them, and a portal served by a standby shows them too.
   */
  relayThrough(feed: Broadcaster): () => void {
    const send = (event: LiveEvent) => feed.broadcast(JSON.stringify({ live: event }));
    this.on('published', send);
    const stopReceiving = feed.onBroadcast((message) => {
      const event = parseLiveEvent(message);
      if (event) this.emit('event', event);
    });
    return () => { this.off('published', send); stopReceiving(); };
  }
}

/** A broadcast that is a live event, checked field by field (it crossed a process boundary). */
function parseLiveEvent(message: string): LiveEvent | undefined {
  let parsed: unknown;
  try { parsed = JSON.parse(message); } catch { return undefined; }
  const e = (parsed as { live?: Partial<LiveEvent> } | null)?.live;
  if (!e || typeof e.organisationId !== 'number' || typeof e.kind !== 'string' || typeof e.at !== 'string'
    || !Array.isArray(e.userIds) || !e.userIds.every((id) => typeof id === 'number')
    || typeof e.data !== 'object' || e.data === null) return undefined;
  return { organisationId: e.organisationId, kind: e.kind, userIds: e.userIds, data: e.data, at: e.at };
}
