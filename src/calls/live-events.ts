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

export class LiveEvents extends EventEmitter<{ event: [LiveEvent] }> {
  publish(event: Omit<LiveEvent, 'at'>): void {
    this.emit('event', { ...event, at: new Date().toISOString() });
  }
}
