import { CallBridge } from '../../../ari/bridge.js';
import { CallSession } from '../../../calls/call-session.js';
import type { IncomingCall } from '../../../calls/incoming-call.js';
import { ringAndConnect } from '../../../calls/ring-and-connect.js';
import type { Organisation } from '../../../store/schema.js';
import type { UserProfile } from '../../../users/settings/user-repository.js';
import { planReach } from '../policy/availability.js';
import type { AttendantDeps } from './context.js';

type ParkedState = 'parking' | 'parked' | 'picking-up' | 'connected';

/** How long a pick-up rings the phone of the person who picked the call up. */
const PICKUP_RING_SECONDS = 30;

/**
 * A caller the operator parked from the console: alone in a bridge of their own with
 * music on hold, in a numbered slot of the organisation. Picking the slot up rings the
 * phones of whoever picked it up (their own devices, as the attendant would ring them);
 * on answer the caller leaves the parking bridge and the two are bridged; unanswered,
 * the caller stays parked with the music.
 */
export class ParkedCall extends CallSession<ParkedState> {
  private parking: CallBridge | undefined;
  target: UserProfile | undefined;

  constructor(private readonly deps: AttendantDeps, private readonly call: IncomingCall, readonly organisation: Organisation, readonly slot: number,
    readonly callerId: { name: string; number: string }) {
    super(deps, 'parked', 'parking', { channelId: call.channel.id, goneReason: 'caller hung up' });
  }

  get organisationId(): number { return this.organisation.id; }
  get callerChannelId(): string { return this.call.channel.id; }

  async park(): Promise<void> {
    this.parking = this.ownBridge(await CallBridge.create(this.ari, 'parked'));
    await this.parking.add(this.call.channel.id);
    await this.parking.startMusicOnHold();
    this.transition('parked', ['parking']);
    this.log.info({ slot: this.slot }, 'parked');
    this.changed();
  }

  /** Rings `user`'s own phones for the parked caller; true when they answered. */
  async pickUp(user: UserProfile): Promise<boolean> {
    this.transition('picking-up', ['parked']);
    this.target = user;
    this.changed();
    const plan = planReach(user, this.deps.outboundDialString);
    const targets = plan.action === 'ring' ? plan.steps.flatMap((step) => step.targets) : [];
    const parking = this.parking;
    const result = targets.length === 0 ? undefined : await ringAndConnect({
      session: this, callerChannelId: this.call.channel.id, callerAnswered: true, targets, ringSeconds: PICKUP_RING_SECONDS,
      callerId: this.callerId, role: 'pickup', keepMusic: true,
      // A channel is in one bridge at a time: out of the parking bridge before the new one.
      beforeBridge: async () => { await parking?.remove(this.call.channel.id); },
    });
    if (!result?.answered) {
      this.log.info({ user: user.extension, targets }, 'pick-up not answered: still parked');
      this.target = undefined;
      this.transition('parked', ['picking-up']);
      this.changed();
      return false;
    }
    this.log.info({ user: user.extension, device: result.answered.endpoint }, 'picked up');
    this.endWhenGone(result.answered.id, 'callee hung up');
    if (parking) { this.releaseBridge(parking); await parking.destroy(); }
    this.parking = undefined;
    this.transition('connected', ['picking-up']);
    this.changed();
    return true;
  }

  /** Lets the caller go to a new session (a transfer from the slot), like AttendantCall.handOver. */
  async handOver(reason: string): Promise<IncomingCall> {
    this.releaseChannel(this.call.channel.id);
    await this.end(reason);
    await this.legsGone();
    return { ...this.call, channel: { ...this.call.channel, state: 'Up' } };
  }

  private changed(): void {
    this.deps.live.publish({ organisationId: this.organisation.id, kind: 'parked-call', userIds: this.target ? [this.target.id] : [], data: { sessionId: this.id, slot: this.slot, state: this.state } });
  }
}
