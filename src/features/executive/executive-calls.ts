/**
 * The executive's calls in progress, whoever owns them: a filtered or unfiltered call to
 * the executive (flows/), a call an assistant placed on the executive's behalf, a pushed,
 * retrieved or bridged call (flows/executive-conversation.ts). Call push (#63), retrieve (*11) and bridge
 * (*15) find calls here and act on them through this contract, never through another
 * session's internals.
 */
export interface ExecutiveCallParty {
  channelId: string;
  /** The authenticated device the leg is on (`PJSIP/1003`). */
  device: string;
  userId: number | undefined;
}

export interface HandedOverCall {
  /** The other party (the outside caller, or the destination of an initiated call). */
  remote: { channelId: string; name: string; number: string };
  /** The leg that was talking with the remote party, now the receiver's to keep or hang up. */
  handler: ExecutiveCallParty | undefined;
}

export interface ExecutiveCall {
  readonly id: string;
  readonly executiveId: number;
  readonly remote: { channelId: string; name: string; number: string };
  /** Who is connected with the remote party now; undefined while it still rings. */
  handler(): ExecutiveCallParty | undefined;
  isAnswered(): boolean;
  /** Answered and put on hold by the party handling it (the executive's line shows "on hold"). */
  isOnHold(): boolean;
  /**
   * The owner lets go: it stops its timers, destroys its bridge, releases (without
   * hanging up) the remote party and the handler leg, and ends its session. The
   * receiver owns both channels from then on.
   */
  handOver(): Promise<HandedOverCall>;
  /** Adds an answered channel to the conversation after a warning tone every party hears (*15). */
  join(channelId: string, party: ExecutiveCallParty): Promise<void>;
}

export class ExecutiveCallRegistry {
  private readonly calls = new Map<string, ExecutiveCall>();
  private readonly listeners = new Set<(executiveId: number) => void>();

  register(call: ExecutiveCall): () => void {
    this.calls.set(call.id, call);
    this.changed(call.executiveId);
    return () => {
      if (this.calls.get(call.id) !== call) return;
      this.calls.delete(call.id);
      this.changed(call.executiveId);
    };
  }
  /** Told whenever an executive's calls change: one came, went, or was held or resumed (the line lamp). */
  onChange(listener: (executiveId: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  /** A call tells the registry its state changed (held, resumed). */
  changed(executiveId: number): void {
    for (const listener of this.listeners) listener(executiveId);
  }
  forExecutive(executiveId: number): ExecutiveCall[] {
    return [...this.calls.values()].filter((c) => c.executiveId === executiveId);
  }
  /** Answered executive calls whose handler leg is on `device` (the push rule: exactly one). */
  answeredOnDevice(device: string): ExecutiveCall[] {
    return [...this.calls.values()].filter((c) => c.isAnswered() && c.handler()?.device === device);
  }
  all(): ExecutiveCall[] { return [...this.calls.values()]; }
}
