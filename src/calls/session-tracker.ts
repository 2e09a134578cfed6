import type { CallSession } from './call-session.js';

/** The live call sessions, and which session owns each channel. */
export class SessionTracker {
  private readonly sessions = new Map<string, CallSession>();
  private readonly channels = new Map<string, CallSession>();
  private readonly listeners = new Set<() => void>();
  private readonly failureListeners = new Set<(kind: string) => void>();
  private readonly setupListeners = new Set<(seconds: number) => void>();

  /**
   * The call each channel belongs to (the id of the channel it began with, at StasisStart):
   * a leg a session dials, and a session the call is handed to (push, retrieve, the
   * conversation after ringing), carry the same call id in their logs and the live view.
   */
  private readonly callIds = new Map<string, string>();

  add(session: CallSession): void { this.sessions.set(session.id, session); this.changed(); }
  remove(session: CallSession): void {
    this.sessions.delete(session.id);
    for (const [channelId, owner] of this.channels) if (owner === session) this.channels.delete(channelId);
    // Forgotten once no session of the call is left holding the channel.
    const live = new Set([...this.sessions.values()].map((s) => s.callId));
    for (const [channelId, callId] of this.callIds) if (!this.channels.has(channelId) && !live.has(callId)) this.callIds.delete(channelId);
    this.changed();
  }
  bindChannel(channelId: string, session: CallSession): void {
    this.channels.set(channelId, session);
    // A channel handed to a session of another call (an assistant's code call retrieving the
    // executive's) is part of that call from now on.
    this.callIds.set(channelId, session.callId);
  }
  callIdOf(channelId: string): string | undefined { return this.callIds.get(channelId); }
  unbindChannel(channelId: string, session: CallSession): void {
    if (this.channels.get(channelId) === session) this.channels.delete(channelId);
  }

  get(sessionId: string): CallSession | undefined { return this.sessions.get(sessionId); }
  ownerOf(channelId: string): CallSession | undefined { return this.channels.get(channelId); }
  all(): CallSession[] { return [...this.sessions.values()]; }
  get size(): number { return this.sessions.size; }
  isTracked(channelId: string): boolean { return this.channels.has(channelId); }

  /** Called whenever a session starts or ends (live views, metrics). */
  onChange(listener: () => void): () => void { this.listeners.add(listener); return () => this.listeners.delete(listener); }
  /** A call's first leg was dialled, `seconds` after the call began (switchboard_call_setup_seconds). */
  setUp(seconds: number): void { for (const listener of this.setupListeners) listener(seconds); }
  onSetUp(listener: (seconds: number) => void): () => void { this.setupListeners.add(listener); return () => this.setupListeners.delete(listener); }

  /** A call flow failed (counted in switchboard_errors_total by the app). */
  flowFailed(kind: string): void { for (const listener of this.failureListeners) listener(kind); }
  onFlowFailure(listener: (kind: string) => void): () => void { this.failureListeners.add(listener); return () => this.failureListeners.delete(listener); }
  private changed(): void { for (const listener of this.listeners) listener(); }
}
