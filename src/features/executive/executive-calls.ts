import type { Kysely } from 'kysely';
import type { Logger } from '../../log.js';
import type { Database } from '../../store/schema.js';
import { KeyedWrites } from '../../store/keyed-writes.js';
import { deleteExecutiveCall, saveExecutiveCall, type ExecutiveCallRecord } from './settings/executive-call-records.js';
import { deleteExecutivePush, saveExecutivePush, type ExecutivePushRecord } from './settings/executive-push-records.js';

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
  /**
   * The call's id (CallSession.callId): the receiver carries it on, so its log lines and
   * the live view name the same call. Needed because, once the giver has ended, nothing
   * else remembers it: the remote of a call the executive placed is not its first channel.
   */
  callId: string;
  /** The other party (the outside caller, or the destination of an initiated call). */
  remote: { channelId: string; name: string; number: string };
  /** The leg that was talking with the remote party, now the receiver's to keep or hang up. */
  handler: ExecutiveCallParty | undefined;
}

/**
 * What an assistant's console can do with a filtered call while it rings the assistants:
 * ring only the taker's phone now (`take`, with the auto-answer hint headers), send it to
 * the executive's voicemail, or forward it to a number.
 */
export type RingingRedirect =
  | { kind: 'take'; endpoint: string; userId: number; sipHeaders: Record<string, string> }
  | { kind: 'voicemail' }
  | { kind: 'forward'; endpoint: string; userId: number | undefined };

export interface ExecutiveCall {
  readonly id: string;
  readonly executiveId: number;
  readonly remote: { channelId: string; name: string; number: string };
  /** When the call began: how long the caller has waited. */
  readonly startedAt: Date;
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
  /** A filtered call ringing the assistants now (the console's Take, Send to voicemail, Forward). */
  awaitsAssistant?(): boolean;
  /** Carries out a console action on a call that awaits an assistant; false when it no longer does. */
  redirect?(to: RingingRedirect): Promise<boolean>;
  /** The console's Hold / Resume of an answered call: the remote party hears music meanwhile. */
  setHeld?(held: boolean): Promise<void>;
  /** Adds an answered channel to the conversation after a warning tone every party hears (*15). */
  join(channelId: string, party: ExecutiveCallParty): Promise<void>;
  /** What a controller taking over needs to carry the call on; undefined while there is nothing to keep (ringing). */
  record?(): ExecutiveCallRecord | undefined;
}

/**
 * Writes each registered call's record to the store as it connects and changes hands and
 * deletes it when the call ends (issue 14), one write after another per call, so a
 * controller taking over finds the calls it can carry on; likewise each pushed call's
 * stage (ringing the executive, recalling), so it still recalls on time. A failed write
 * costs only that: the call itself goes on.
 */
export class ExecutiveCallJournal {
  private readonly writes: KeyedWrites;
  /** The bridge each call's record is under, so it can be erased whatever state the call ends in. */
  private readonly written = new Map<string, string>();

  constructor(private readonly db: Kysely<Database>, log: Logger) {
    this.writes = new KeyedWrites((error, key) => log.warn({ err: error, record: key }, 'executive call record not written; a take-over would not carry this call on'));
  }

  write(call: ExecutiveCall): void {
    const record = call.record?.();
    if (!record) return;
    this.written.set(call.id, record.bridgeId);
    this.writes.enqueue(record.bridgeId, () => saveExecutiveCall(this.db, record));
  }

  erase(call: ExecutiveCall): void {
    const bridgeId = this.written.get(call.id);
    if (bridgeId === undefined) return;
    this.written.delete(call.id);
    this.writes.enqueue(bridgeId, () => deleteExecutiveCall(this.db, bridgeId));
  }

  writePush(push: ExecutivePushRecord): void {
    this.writes.enqueue(`push:${push.remote.channelId}`, () => saveExecutivePush(this.db, push));
  }

  erasePush(remoteChannelId: string): void {
    this.writes.enqueue(`push:${remoteChannelId}`, () => deleteExecutivePush(this.db, remoteChannelId));
  }
}

export class ExecutiveCallRegistry {
  private readonly calls = new Map<string, ExecutiveCall>();
  private readonly listeners = new Set<(executiveId: number) => void>();

  constructor(private readonly journal?: ExecutiveCallJournal) {}

  /** A pushed call's stage, for a controller taking over (flows/push-session.ts); forgotten when the push ends. */
  pushStage(push: ExecutivePushRecord): void { this.journal?.writePush(push); }
  pushEnded(remoteChannelId: string): void { this.journal?.erasePush(remoteChannelId); }

  register(call: ExecutiveCall): () => void {
    this.calls.set(call.id, call);
    this.journal?.write(call);
    this.notify(call.executiveId);
    return () => {
      if (this.calls.get(call.id) !== call) return;
      this.calls.delete(call.id);
      this.journal?.erase(call);
      this.notify(call.executiveId);
    };
  }
  /** Told whenever an executive's calls change: one came, went, or was held or resumed (the line lamp). */
  onChange(listener: (executiveId: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  /** A registered call changed hands (its record follows) or was held or resumed. */
  changed(call: ExecutiveCall): void {
    if (this.calls.get(call.id) !== call) return;
    this.journal?.write(call);
    this.notify(call.executiveId);
  }
  private notify(executiveId: number): void {
    for (const listener of this.listeners) listener(executiveId);
  }
  byId(id: string): ExecutiveCall | undefined { return this.calls.get(id); }
  forExecutive(executiveId: number): ExecutiveCall[] {
    return [...this.calls.values()].filter((c) => c.executiveId === executiveId);
  }
  /** Answered executive calls whose handler leg is on `device` (the push rule: exactly one). */
  answeredOnDevice(device: string): ExecutiveCall[] {
    return [...this.calls.values()].filter((c) => c.isAnswered() && c.handler()?.device === device);
  }
  all(): ExecutiveCall[] { return [...this.calls.values()]; }
}
