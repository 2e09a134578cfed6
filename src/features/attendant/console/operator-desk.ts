import { AppError, conflict, notFound } from '../../../errors.js';
import { runFlow } from '../../../calls/run-flow.js';
import type { UserProfile } from '../../../users/settings/user-repository.js';
import type { AttendantCall } from '../flows/attendant-call.js';
import type { AttendantDeps } from '../flows/context.js';
import { ParkedCall } from '../flows/parked-call.js';
import type { ReachOptions } from '../flows/reach-user.js';
import { runAttendantCall } from '../flows/run-attendant-call.js';
import { firstFreeParkSlot } from '../policy/console-calls.js';
import { consoleSession } from './console-calls.js';

/**
 * The operator console's actions on a call at the company number. Each moves the caller
 * into the very flow the phone path takes: a transfer is the attendant putting the caller
 * through to someone they picked in the menu (UserReacher: out of office, backup,
 * voicemail), Send to voicemail is the attendant's voicemail step, a pick-up is the core
 * ringAndConnect. The session the caller was in lets go first (AttendantCall.handOver), so
 * whatever it was doing (a prompt, a phone ringing for the caller) stops.
 */
export class OperatorDesk {
  /** Flows the desk started, so none is left running unowned at stop. */
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly deps: AttendantDeps) {}

  async transfer(organisationId: number, callId: string, user: UserProfile, options: ReachOptions): Promise<void> {
    const session = this.session(organisationId, callId);
    this.busyIfPickingUp(session);
    const call = await session.handOver(options.announce ? 'announced transfer from the operator console' : 'transferred from the operator console');
    session.log.info({ user: user.extension, announce: options.announce === true }, 'operator console: transfer');
    this.own(runAttendantCall(this.deps, call, session.organisation, (next) => next.transferFromConsole(user, options)));
  }

  async sendToVoicemail(organisationId: number, callId: string, user: UserProfile): Promise<void> {
    const session = this.session(organisationId, callId);
    this.busyIfPickingUp(session);
    if (!(await this.deps.voicemail()?.hasMailbox(user.id))) throw conflict('no-mailbox', `${user.name} has no voicemail`);
    const call = await session.handOver('sent to voicemail from the operator console');
    this.own(runAttendantCall(this.deps, call, session.organisation, (next) => next.voicemailFromConsole(user)));
  }

  /** Parks the caller in the organisation's lowest free slot; returns it. */
  async park(organisationId: number, callId: string): Promise<number> {
    const session = this.session(organisationId, callId);
    if (session instanceof ParkedCall) throw conflict('already-parked', 'the call is parked already');
    const slot = firstFreeParkSlot(this.parked(organisationId).map((p) => p.slot));
    const callerId = session.callerId;
    const call = await session.handOver('parked from the operator console');
    const parked = new ParkedCall(this.deps, call, session.organisation, slot, callerId);
    await runFlow(parked, () => parked.park(), { kind: 'prompt' });
    return slot;
  }

  /** Rings `user`'s phones for the call parked in `slot` (they clicked Pick up); the caller stays parked if nobody answers. */
  pickUp(organisationId: number, slot: number, user: UserProfile): void {
    const parked = this.parked(organisationId).find((p) => p.slot === slot);
    if (!parked) throw notFound('parked-call');
    if (parked.state !== 'parked') throw conflict('already-picked-up', 'the call in this slot is being picked up already');
    this.own(runFlow(parked, () => parked.pickUp(user), { kind: 'prompt' }));
  }

  async hangUp(organisationId: number, callId: string): Promise<void> {
    const session = this.session(organisationId, callId);
    session.log.info('operator console: hang up');
    await session.end('hung up from the operator console');
  }

  async stop(): Promise<void> { await Promise.allSettled([...this.running]); }

  private session(organisationId: number, callId: string): AttendantCall | ParkedCall {
    const session = consoleSession(this.deps.tracker, organisationId, callId);
    if (!session) throw notFound('call');
    return session;
  }

  private parked(organisationId: number): ParkedCall[] {
    return this.deps.tracker.all().filter((s): s is ParkedCall => s instanceof ParkedCall && !s.isEnded && s.organisationId === organisationId);
  }

  private busyIfPickingUp(session: AttendantCall | ParkedCall): void {
    if (session instanceof ParkedCall && session.state === 'picking-up') throw new AppError(409, 'being-picked-up', 'the call is being picked up');
  }

  private own(flow: Promise<unknown>): void {
    this.running.add(flow);
    void flow.finally(() => this.running.delete(flow));
  }
}
