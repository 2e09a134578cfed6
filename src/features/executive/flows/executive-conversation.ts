import { ignoreGone } from '../../../ari/ari.js';
import { CallBridge } from '../../../ari/bridge.js';
import { throwIfEnded } from '../../../ari/call-ended.js';
import { CallSession, type SessionDeps } from '../../../calls/call-session.js';
import type { ExecutiveCall, ExecutiveCallParty, ExecutiveCallRegistry, HandedOverCall } from '../executive-calls.js';
import type { ExecutiveCallRecord } from '../settings/executive-call-records.js';
import { onChannelGone } from '../../../ari/channel-gone.js';
import { BRIDGE_WARNING_TONE } from './prompts.js';
import { runFlow } from '../../../calls/run-flow.js';

type ConversationState = 'connected' | 'handed-over';

export interface ConversationStart {
  executiveId: number;
  remote: { channelId: string; name: string; number: string };
  handler: ExecutiveCallParty;
  /** The bridge both are already in (taken over with them); otherwise a new one is made. */
  bridge?: CallBridge;
  /** The call's id when another session hands it over (HandedOverCall.callId). */
  callId?: string;
  /** How the call got here, for the logs: answered, initiated, pushed, recalled, retrieved, sent-back. */
  how: string;
  /** Told when the conversation ends (the portal's live view of a filtered call). */
  onEnded?: (reason: string | undefined) => void;
}

/**
 * An answered executive call, however it started: a filtered or unfiltered call someone
 * answered, a call an assistant placed on the executive's behalf (#64), pushed to the
 * executive (#63), recalled, retrieved (*11). One class, so *15, hand-over and a party
 * leaving behave the same whichever way the call began. It is registered as an
 * ExecutiveCall so it can be pushed, retrieved or bridged again.
 * The remote party hanging up ends it for everyone; the handler hanging up ends it too,
 * unless someone bridged in (*15), who then carries on with the remote party.
 */
export class ExecutiveConversation extends CallSession<ConversationState> implements ExecutiveCall {
  readonly executiveId: number;
  readonly remote: ConversationStart['remote'];
  private current: ExecutiveCallParty;
  private joiners: ExecutiveCallParty[] = [];
  private bridge: CallBridge | undefined;
  private unregister: () => void = () => undefined;
  private registry: ExecutiveCallRegistry | undefined;
  /** Local parties' channels on hold now (ChannelHold until ChannelUnhold). */
  private readonly held = new Set<string>();
  /** Held from the assistant's console: the remote party is out of the bridge, hearing music. */
  private consoleHeld = false;

  /** Takes both channels at once (no event can slip between the previous owner and us). */
  private constructor(deps: SessionDeps, start: ConversationStart) {
    super(deps, 'exec-call', 'connected', { channelId: start.remote.channelId, goneReason: 'remote party hung up', callId: start.callId });
    this.executiveId = start.executiveId;
    this.remote = start.remote;
    this.current = start.handler;
    this.ownChannel(start.handler.channelId);
    this.watchParty(start.handler.channelId);
    if (start.bridge) this.bridge = this.ownBridge(start.bridge);
    const { onEnded } = start;
    if (onEnded) this.onEnd(() => { if (this.state !== 'handed-over') onEnded(this.endReason); });
  }

  /** Connects remote and handler (if not bridged already) and registers the call. */
  static start(deps: SessionDeps, calls: ExecutiveCallRegistry, start: ConversationStart): Promise<ExecutiveConversation | undefined> {
    const call = new ExecutiveConversation(deps, start);
    call.log.info({ how: start.how, executiveId: start.executiveId, handler: start.handler.device, remote: start.remote.number }, 'executive call connected');
    return runFlow(call, async () => {
      if (!call.bridge) {
        call.bridge = call.ownBridge(await CallBridge.create(call.ari, 'exec-call'));
        await ignoreGone(call.ari.rest.stopMoh(start.remote.channelId));
        await call.bridge.add(start.remote.channelId, start.handler.channelId);
      }
      // Ended while connecting (a party hung up): an ended call is never registered.
      throwIfEnded(call.signal);
      call.registry = calls;
      call.unregister = calls.register(call);
      call.onEnd(() => call.unregister());
      return call;
    }, { kind: 'end' });
  }

  /**
   * A conversation a controller that took over found in Asterisk, by its record: remote
   * and handler still in its bridge. It is registered again, so it can be pushed,
   * retrieved or bridged as before.
   */
  static adopt(deps: SessionDeps, calls: ExecutiveCallRegistry, record: ExecutiveCallRecord, bridge: CallBridge): Promise<ExecutiveConversation | undefined> {
    return ExecutiveConversation.start(deps, calls, { executiveId: record.executiveId, remote: record.remote, handler: record.handler, bridge, how: 'adopted' });
  }

  handler(): ExecutiveCallParty | undefined { return this.current; }

  record(): ExecutiveCallRecord | undefined {
    if (!this.bridge || this.state !== 'connected') return undefined;
    return { bridgeId: this.bridge.id, executiveId: this.executiveId, remote: this.remote, handler: this.current };
  }
  isAnswered(): boolean { return this.state === 'connected'; }
  isOnHold(): boolean { return this.consoleHeld || this.held.has(this.current.channelId); }

  /**
   * The console's Hold / Resume: the remote party leaves the bridge and hears music on
   * hold (never silence) until resumed; the handler's phone stays up, quiet. A phone's own
   * hold key is the other way (ChannelHold, below); both show the line "on hold".
   */
  setHeld(held: boolean): Promise<void> {
    return this.run(async () => {
      const bridge = this.bridge;
      if (this.state !== 'connected' || !bridge || held === this.consoleHeld) return;
      if (held) {
        await bridge.remove(this.remote.channelId);
        await ignoreGone(this.ari.rest.startMoh(this.remote.channelId));
      } else {
        await ignoreGone(this.ari.rest.stopMoh(this.remote.channelId));
        await bridge.add(this.remote.channelId);
      }
      this.consoleHeld = held;
      this.log.info({ held }, 'executive call held or resumed from the console');
      this.registry?.changed(this);
    });
  }

  handOver(): Promise<HandedOverCall> {
    return this.run(async () => {
      this.transition('handed-over', ['connected']);
      this.unregister();
      const handed: HandedOverCall = { callId: this.callId, remote: this.remote, handler: this.current };
      this.releaseChannel(this.remote.channelId);
      this.releaseChannel(this.current.channelId);
      // Anyone bridged in stays ours and is hung up; the bridge goes, the two handed channels stay up.
      await this.end('handed over');
      return handed;
    });
  }

  join(channelId: string, party: ExecutiveCallParty): Promise<void> {
    return this.run(async () => {
      const bridge = this.bridge;
      if (!bridge) throw new Error('executive call has no bridge');
      this.ownChannel(channelId);
      this.watchParty(channelId);
      const everyone = [this.remote.channelId, this.current.channelId, ...this.joiners.map((j) => j.channelId), channelId];
      try {
        // Voices are muted while the tone plays, so every party hears the warning clearly and then each other.
        await Promise.all(everyone.map((id) => ignoreGone(this.ari.rest.mute(id, 'in'))));
        await bridge.add(channelId);
        await bridge.playToAll([BRIDGE_WARNING_TONE]);
      } catch (error) {
        this.releaseChannel(channelId);
        throw error;
      } finally {
        await Promise.all(everyone.map((id) => ignoreGone(this.ari.rest.unmute(id, 'in')).catch(() => undefined)));
      }
      this.joiners.push(party);
      this.log.info({ joiner: party.device }, 'bridged into the executive call');
    });
  }

  /** A local party (handler or joiner) hanging up: the next one carries on, or the call ends. */
  private watchParty(channelId: string): void {
    // The phone's hold (a re-INVITE) is the executive's line "on hold" while it handles the call.
    this.onEnd(this.ari.onChannel(channelId, (event) => {
      if (event.type !== 'ChannelHold' && event.type !== 'ChannelUnhold') return;
      if (event.type === 'ChannelHold') this.held.add(channelId); else this.held.delete(channelId);
      this.registry?.changed(this);
    }));
    this.onEnd(onChannelGone(this.ari, channelId, () => {
      void this.run(() => this.partyLeft(channelId)).catch((error: unknown) => this.fail(error));
    }));
  }

  private async partyLeft(channelId: string): Promise<void> {
    if (this.state !== 'connected') return;
    this.releaseChannel(channelId);
    this.joiners = this.joiners.filter((j) => j.channelId !== channelId);
    if (this.current.channelId !== channelId) return;
    const next = this.joiners.shift();
    if (!next) { await this.end('handler hung up'); return; }
    this.log.info({ handler: next.device }, 'the party who bridged in now handles the call');
    this.current = next;
    this.registry?.changed(this);
  }
}
