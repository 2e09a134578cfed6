import { ChannelIo } from '../../../ari/channel-io.js';
import { CallSession } from '../../../calls/call-session.js';
import type { UnansweredReason } from '../../../calls/handoffs.js';
import { ROUTE_PRIORITY, type CallRoute, type IncomingCall } from '../../../calls/incoming-call.js';
import { sound } from '../../../calls/prompts.js';
import { ringAndConnect } from '../../../calls/ring-and-connect.js';
import { runFlow } from '../../../calls/run-flow.js';
import type { FeatureDeps } from '../../../feature.js';
import type { UserProfile } from '../../../users/settings/user-repository.js';
import { callPathUsers } from '../../../users/settings/user-cache.js';
import type { ExecutiveCall, ExecutiveCallParty, ExecutiveCallRegistry, HandedOverCall } from '../executive-calls.js';
import { ringingDevices } from '../policy/call-control-destination.js';
import { ExecutiveConversation } from './executive-conversation.js';
import { promptFor } from './initiate-on-behalf.js';

type PlacedCallState = 'ringing' | 'connected' | 'voicemail' | 'announcing';

/**
 * A call the executive places to a colleague's extension (BroadWorks: the executive's own
 * calls are executive calls, placed or received). It rings like a plain call, the callee's
 * voicemail takes it when nobody answers, and once answered it is an ExecutiveConversation
 * registered as the executive's, so an assistant can retrieve (`#64 <exec> *11`), bridge
 * (`*15`) or be pushed it, and the executive's line lamp shows it.
 * Numbers that are no colleague's extension stay with the plain routes.
 */
export function executivePlacedCallRoute(deps: FeatureDeps, calls: ExecutiveCallRegistry): CallRoute {
  return {
    name: 'executive-placed-call',
    priority: ROUTE_PRIORITY.executivePlacedCall,
    async match(call) {
      const executive = call.user;
      if (call.direction !== 'internal' || !executive?.services.includes('executive') || !/^\d+$/.test(call.dialled)) return undefined;
      const callee = await callPathUsers.byExtension(deps.db, executive.organisationId, call.dialled);
      if (!callee || callee.id === executive.id) return undefined;
      const targets = ringingDevices(callee.locations);
      if (targets.length === 0) return undefined;
      return async () => {
        const session = new ExecutivePlacedCall(deps, calls, call, executive, callee);
        await runFlow(session, () => session.place(targets), {
          kind: 'dialplan', direction: 'internal', extension: call.dialled, while: () => session.state === 'ringing',
        });
      };
    },
  };
}

/**
 * While it rings the placed call is registered as the executive's, so the line lamp shows
 * it ringing (BroadWorks' assistant shared call appearance shows the executive's outgoing
 * call too); nothing can be retrieved, pushed or joined until it is answered, when the
 * conversation takes its place.
 */
class ExecutivePlacedCall extends CallSession<PlacedCallState> implements ExecutiveCall {
  readonly executiveId: number;
  /** The callee; while it rings the only channel is the executive's own. */
  readonly remote: ExecutiveCall['remote'];
  private readonly unregister: () => void;

  constructor(private readonly deps: FeatureDeps, private readonly calls: ExecutiveCallRegistry, private readonly call: IncomingCall,
    private readonly executive: UserProfile, private readonly callee: UserProfile) {
    super(deps, 'exec-placed', 'ringing', { channelId: call.channel.id, goneReason: 'executive hung up' });
    this.executiveId = executive.id;
    this.remote = { channelId: call.channel.id, name: callee.name, number: callee.extension };
    this.unregister = calls.register(this);
    this.onEnd(() => this.unregister());
  }

  handler(): ExecutiveCallParty | undefined { return undefined; }
  isAnswered(): boolean { return false; }
  isOnHold(): boolean { return false; }
  handOver(): Promise<HandedOverCall> { return Promise.reject(new Error(`${this.id}: a placed call still ringing cannot be handed over`)); }
  join(): Promise<void> { return Promise.reject(new Error(`${this.id}: only an answered call can be joined`)); }

  async place(targets: string[]): Promise<void> {
    const { executive, callee } = this;
    const callerChannelId = this.call.channel.id;
    this.log.info({ executive: executive.extension, callee: callee.extension }, 'the executive places a call');
    const result = await ringAndConnect({
      session: this, callerChannelId, targets, ringSeconds: callee.noAnswerSeconds,
      callerId: { name: executive.name, number: executive.extension }, role: 'callee',
    });
    if (this.isEnded) return;
    // Ringing is over whatever comes next: the lamp follows the conversation (or goes idle).
    this.unregister();
    if (result.answered) {
      this.transition('connected', ['ringing']);
      // Both channels and the bridge change owner in one synchronous step.
      this.releaseChannel(callerChannelId);
      this.releaseChannel(result.answered.id);
      this.releaseBridge(result.bridge);
      const conversation = ExecutiveConversation.start(this.deps, this.calls, {
        executiveId: executive.id,
        callId: this.callId,
        remote: { channelId: result.answered.id, name: callee.name, number: callee.extension },
        handler: { channelId: callerChannelId, device: this.call.device, userId: executive.id },
        bridge: result.bridge,
        how: 'placed',
      });
      await this.end('placed call connected');
      await conversation;
      return;
    }
    const reason: UnansweredReason = result.outcomes.includes('busy') ? 'busy'
      : result.outcomes.some((o) => o === 'noanswer' || o === 'rejected') ? 'noanswer' : 'unavailable';
    const voicemail = this.deps.voicemail();
    if (voicemail && (await voicemail.hasMailbox(callee.id))) {
      if (this.isEnded) return;
      this.transition('voicemail', ['ringing']);
      await voicemail.takeMessage(this, callerChannelId, callee.id, reason);
      await this.end('voicemail done');
      return;
    }
    this.transition('announcing', ['ringing']);
    await this.ari.rest.answer(callerChannelId);
    await new ChannelIo(this.ari, callerChannelId, this.signal).play(sound(promptFor(result.outcomes)));
    await this.end('nobody answered');
  }
}
