import { AppError, conflict } from '../../../errors.js';
import { getUser, primaryDevice, type UserProfile } from '../../../users/settings/user-repository.js';
import type { ExecutiveCall } from '../executive-calls.js';
import { AUTO_ANSWER_HINT, consoleLine, type CallAction, type ConsoleLine, type LineAction } from '../policy/console-calls.js';
import { isRefusal, planPush, startPush } from './call-push.js';
import type { CallControlContext } from './call-control-context.js';
import { endpointForNumber } from './call-targets.js';
import { dialFromConsole } from './console-dial.js';
import { callToActOn } from './retrieve-bridge.js';

/** How long a transfer to an outside number rings before the call comes back to the assistant. */
const TRANSFER_EXTERNAL_RING_SECONDS = 30;

/**
 * The assistant console's actions, carried out through the executive feature's own flows:
 * Take, voicemail and forward redirect the ringing call's session; Push and Transfer are
 * #63's push (call-push.ts); Retrieve, Bridge and Call as the executive ring the
 * assistant's phone and run `#64 <executive> …` on it (console-dial.ts). Who may act was
 * checked by the route (policy/console-access.ts); this decides whether the call can.
 */
export class AssistantConsole {
  constructor(private readonly ctx: CallControlContext) {}

  line(executiveId: number, assistant: UserProfile): ConsoleLine {
    const calls = this.ctx.calls.forExecutive(executiveId).map((c) => ({
      id: c.id, remote: { name: c.remote.name, number: c.remote.number }, startedAt: c.startedAt,
      answered: c.isAnswered(), onHold: c.isOnHold(), awaitsAssistant: c.awaitsAssistant?.() ?? false,
      handler: c.handler() && { userId: c.handler()!.userId, device: c.handler()!.device },
    }));
    return consoleLine(calls, { userId: assistant.id, device: primaryDevice(assistant) });
  }

  async callAction(assistant: UserProfile, executive: UserProfile, callId: string, action: CallAction, input: { number?: string; warm?: boolean } = {}): Promise<void> {
    const { number } = input;
    const call = this.ctx.calls.byId(callId);
    // Another executive's call is as unknown here as one that ended: the assistant learns nothing of it.
    if (!call || call.executiveId !== executive.id) throw new AppError(404, 'no-such-call', `no call ${callId} of ${executive.name} now: it ended, or it is not theirs`);
    const allowed = this.line(executive.id, assistant).calls.find((c) => c.id === callId)?.actions ?? [];
    if (!allowed.includes(action)) throw conflict('action-not-available', `${action} is not possible on this call now (it is ${this.describe(call)})`);
    switch (action) {
      case 'take': return this.redirect(call, { kind: 'take', endpoint: this.myPhone(assistant), userId: assistant.id, sipHeaders: { ...AUTO_ANSWER_HINT } });
      case 'voicemail': return this.redirect(call, { kind: 'voicemail' });
      case 'forward': {
        const target = await this.endpoint(executive, number);
        return this.redirect(call, { kind: 'forward', ...target });
      }
      case 'hold':
      case 'resume':
        if (!call.setHeld) throw conflict('action-not-available', 'this call cannot be held');
        return call.setHeld(action === 'hold');
      case 'push': {
        const plan = await planPush(this.ctx, assistant, call);
        if (isRefusal(plan)) throw conflict(plan.refused, plan.detail);
        return this.push(call, assistant, plan, input.warm === true);
      }
      case 'transfer': {
        const target = await this.endpoint(executive, number);
        const user = target.userId === undefined ? undefined : await getUser(this.ctx.db, target.userId);
        return this.push(call, assistant, { targets: [target.endpoint], receiverUserId: target.userId, ringSeconds: user ? user.noAnswerSeconds : TRANSFER_EXTERNAL_RING_SECONDS });
      }
    }
  }

  lineAction(assistant: UserProfile, executive: UserProfile, action: LineAction, number?: string): void {
    const device = this.myPhone(assistant);
    if (action !== 'call' && !callToActOn(this.ctx.calls, executive.id, device)) {
      throw conflict('no-call-to-act-on', `${executive.name} has no answered call on another phone to ${action}`);
    }
    if (action === 'call' && !number) throw new AppError(400, 'invalid-request', 'number: required', { fields: [{ field: 'number', message: 'required' }] });
    const part = action === 'retrieve' ? '*11' : action === 'bridge' ? '*15' : number!;
    dialFromConsole(this.ctx, {
      assistant, device, code: { code: '#64', parts: [executive.extension, part] }, sipHeaders: { ...AUTO_ANSWER_HINT },
      display: { name: action === 'call' ? `${number} for ${executive.name}` : `${action === 'retrieve' ? 'Retrieve' : 'Bridge'} ${executive.name}`, number: executive.extension },
    });
  }

  private async redirect(call: ExecutiveCall, to: Parameters<NonNullable<ExecutiveCall['redirect']>>[0]): Promise<void> {
    if (!call.redirect || !(await call.redirect(to))) throw conflict('action-not-available', 'the call no longer rings the assistants');
  }

  private async push(call: ExecutiveCall, assistant: UserProfile, plan: Parameters<typeof startPush>[1]['plan'], warm = false): Promise<void> {
    const handler = call.handler();
    if (!handler) throw conflict('action-not-available', 'the call is not answered');
    await startPush(this.ctx, { call, plan, assistant, device: handler.device, log: this.ctx.log, announceOnOwnLine: warm });
  }

  private myPhone(assistant: UserProfile): string {
    const device = primaryDevice(assistant);
    if (!device) throw conflict('no-phone', 'you have no phone to ring: ask an administrator for a primary location');
    return device;
  }

  private async endpoint(executive: UserProfile, number: string | undefined): Promise<{ endpoint: string; userId: number | undefined }> {
    if (!number) throw new AppError(400, 'invalid-request', 'number: required', { fields: [{ field: 'number', message: 'required' }] });
    const target = await endpointForNumber(this.ctx.db, executive.organisationId, number, this.ctx.config.outboundDialString);
    if (!target) throw conflict('no-phone', `${number} has no phone to ring`);
    return target;
  }

  private describe(call: ExecutiveCall): string {
    if (call.awaitsAssistant?.()) return 'ringing the assistants';
    if (!call.isAnswered()) return 'ringing';
    return call.isOnHold() ? 'on hold' : 'answered';
  }
}
