import { ignoreGone } from '../../../ari/ari.js';
import { CallBridge } from '../../../ari/bridge.js';
import { ChannelIo } from '../../../ari/channel-io.js';
import type { Leg } from '../../../ari/leg.js';
import { CallSession } from '../../../calls/call-session.js';
import { sound } from '../../../calls/prompts.js';
import type { ExecutiveCall, ExecutiveCallParty, HandedOverCall } from '../executive-calls.js';
import type { CallControlContext } from './call-control-context.js';
import { onChannelGone } from '../../../ari/channel-gone.js';
import { ExecutiveConversation } from './executive-conversation.js';
import { prompts } from './prompts.js';
import { runFlow } from '../../../calls/run-flow.js';
import { ringFirstOf } from '../../../calls/ringing.js';

type PushState = 'ringing-executive' | 'announcing' | 'recalling' | 'done';

export interface PushRequest {
  executive: { id: number; targets: string[] };
  /** Who handles the call once they answer: the executive, or for the console's Transfer another user (undefined: an outside number). */
  receiverUserId?: number | undefined;
  assistant: { id: number; device: string; recallSeconds: number };
  /** Push recall: how long the executive rings (recall rings × seconds per ring). */
  ringSeconds: number;
  call: HandedOverCall;
  /** Warm push: the assistant's code call, bridged with the executive to announce the caller. */
  announcerChannelId?: string;
  /**
   * A push carried on by a controller that took over (adopt-push.ts): recalling already,
   * or ringing the executive for what is left of `ringSeconds`; the recall rings `recallSeconds`.
   */
  resumedRecallingFor?: number;
}

/**
 * One pushed call (#63), from the moment the assistant lets go of it:
 * - the remote party hears music on hold while the executive's phones ring, showing the
 *   original caller; the assistant's held line stays until the executive answers;
 * - blind push: the executive answers → remote and executive are bridged, the held
 *   line is released. No answer within the recall rings → the held line is released and
 *   the call rings the assistant's phone again (push recall); unanswered there too, it
 *   goes to the executive's voicemail, or the caller hears there is no answer;
 * - warm push (PRODUCT.md section 7): the assistant's code call hears ringback, then
 *   talks with the executive first. The executive presses 1 (or the assistant hangs up,
 *   as with an attended transfer) to take the call; presses 2 (or hangs up) to send it
 *   back; the call then returns to the assistant's held line, as it does when the
 *   executive does not answer.
 */
export class CallPushSession extends CallSession<PushState> implements ExecutiveCall {
  private held: ExecutiveCallParty | undefined;
  readonly remote: HandedOverCall['remote'];
  readonly executiveId: number;

  constructor(private readonly ctx: CallControlContext, private readonly request: PushRequest) {
    super(ctx, 'exec-push', 'ringing-executive', { channelId: request.call.remote.channelId, goneReason: 'remote party hung up', callId: request.call.callId });
    this.remote = request.call.remote;
    this.executiveId = request.executive.id;
    // Still the executive's call while it rings them (or the recall rings the assistant):
    // the executive's line lamp shows it ringing, not idle.
    this.onEnd(ctx.calls.register(this));
    this.held = request.call.handler;
    if (this.held) {
      const heldId = this.held.channelId;
      this.ownChannel(heldId);
      this.onEnd(onChannelGone(this.ari, heldId, () => { if (this.held?.channelId === heldId) this.held = undefined; }));
    }
    // The assistant hanging up before the executive answers is no reason to drop the caller:
    // the warm push simply becomes a blind one.
    const announcer = request.announcerChannelId;
    if (announcer) {
      this.ownChannel(announcer);
      this.onEnd(onChannelGone(this.ari, announcer, () => { this.announcerGone = true; }));
    }
  }

  private announcerGone = false;

  /** Ringing, nobody handles it; once answered the conversation is the registered call. */
  handler(): ExecutiveCallParty | undefined { return undefined; }
  isAnswered(): boolean { return false; }
  isOnHold(): boolean { return false; }
  handOver(): Promise<HandedOverCall> { return Promise.reject(new Error(`${this.id}: a pushed call still ringing cannot be handed over`)); }
  join(): Promise<void> { return Promise.reject(new Error(`${this.id}: only an answered call can be joined`)); }

  /** Runs the push to its end; failures end the session (releasing every leg) rather than leave the caller waiting. */
  start(): Promise<void> {
    const recallingFor = this.request.resumedRecallingFor;
    return runFlow(this, () => (recallingFor === undefined ? this.ringExecutive() : this.recall(recallingFor)), { kind: 'prompt' });
  }

  private async ringExecutive(): Promise<void> {
    const announcer = this.request.announcerChannelId;
    await ignoreGone(this.ari.rest.startMoh(this.remote.channelId));
    if (announcer) await ignoreGone(this.ari.rest.ring(announcer));
    // A warm push is not journalled while it announces: a controller taking over would
    // find the assistant's code call too, and there is no announcing to carry on.
    else this.journalStage('ringing-executive', this.request.ringSeconds);
    const winner = await this.ring(this.request.executive.targets, this.request.ringSeconds, 'executive');
    if (this.isEnded) return;
    if (winner && announcer && !this.announcerGone) { await this.announce(winner, announcer); return; }
    if (winner) { await this.complete(winner, this.receiver(), 'pushed'); return; }
    this.log.info({ ringSeconds: this.request.ringSeconds }, 'executive did not answer the pushed call');
    if (announcer && !this.announcerGone) await this.sendBack('executive-control-executive-no-answer');
    else await this.recall();
  }

  private async announce(executiveLeg: Leg, announcer: string): Promise<void> {
    this.transition('announcing', ['ringing-executive']);
    // Listening starts before the bridge: an executive who presses 1 the moment they hear
    // the assistant must not have the digit fall before a listener exists.
    const decision = new Promise<'take' | 'send-back'>((resolve) => {
      const offExecutive = this.ari.onChannel(executiveLeg.id, (event) => {
        if (event.type === 'ChannelDtmfReceived' && event.digit === '1') resolve('take');
        if (event.type === 'ChannelDtmfReceived' && event.digit === '2') resolve('send-back');
      });
      const offExecutiveGone = onChannelGone(this.ari, executiveLeg.id, () => resolve('send-back'));
      const offAnnouncer = onChannelGone(this.ari, announcer, () => resolve('take'));
      if (this.announcerGone) resolve('take');
      this.onEnd(() => { offExecutive(); offExecutiveGone(); offAnnouncer(); });
      this.signal.addEventListener('abort', () => resolve('send-back'), { once: true });
    });
    await ignoreGone(this.ari.rest.ringStop(announcer));
    const bridge = this.ownBridge(await CallBridge.create(this.ari, 'exec-push-announce'));
    await bridge.add(announcer, executiveLeg.id);
    const offer = new ChannelIo(this.ari, executiveLeg.id, this.signal);
    void offer.play(sound('executive-control-warm-push-offer')).catch(() => undefined);
    const choice = await decision;
    offer.close();
    this.log.info({ choice }, 'executive decided on the warm push');
    await bridge.destroy();
    this.releaseBridge(bridge);
    if (this.isEnded) return;
    if (choice === 'take') { await this.complete(executiveLeg, this.receiver(), 'warm-pushed'); return; }
    await this.ari.hangup(executiveLeg.id);
    await this.sendBack('executive-control-sent-back');
  }

  private journalled = false;
  /** Writes where the push stands, for a controller that takes over (erased when the push ends). */
  private journalStage(stage: 'ringing-executive' | 'recalling', seconds: number): void {
    if (this.isEnded) return;
    const { request, ctx } = this;
    if (!this.journalled) {
      this.journalled = true;
      this.onEnd(() => ctx.calls.pushEnded(this.remote.channelId));
    }
    ctx.calls.pushStage({
      callId: this.callId, executiveId: this.executiveId, remote: this.remote, targets: request.executive.targets,
      receiverUserId: this.receiver(), assistant: request.assistant,
      stage, stageEndsAt: new Date(this.clock.now().getTime() + seconds * 1000),
    });
  }

  private receiver(): number | undefined {
    return 'receiverUserId' in this.request ? this.request.receiverUserId : this.request.executive.id;
  }

  /** The receiver answered: they and the remote party talk; the assistant's held line and code call go. */
  private async complete(leg: Leg, userId: number | undefined, how: string): Promise<void> {
    this.transition('done', ['ringing-executive', 'announcing', 'recalling']);
    if (this.held) await this.ari.hangup(this.held.channelId);
    if (this.request.announcerChannelId) await this.ari.hangup(this.request.announcerChannelId);
    const connected = this.handOn({ channelId: leg.id, device: leg.endpoint, userId }, how);
    await this.end(how);
    await connected;
  }

  /** Push recall: the assistant's phone rings again with the caller. */
  private async recall(seconds = this.request.assistant.recallSeconds): Promise<void> {
    this.transition('recalling', ['ringing-executive', 'announcing']);
    this.journalStage('recalling', seconds);
    if (this.held) await this.ari.hangup(this.held.channelId);
    const { assistant } = this.request;
    const winner = await this.ring([assistant.device], seconds, 'recall');
    if (this.isEnded) return;
    if (winner) { await this.complete(winner, assistant.id, 'recalled'); return; }
    this.transition('done', ['recalling']);
    // Nothing left to carry on: a take-over must not ring the assistant again over the voicemail.
    this.ctx.calls.pushEnded(this.remote.channelId);
    const voicemail = this.ctx.voicemail();
    await ignoreGone(this.ari.rest.stopMoh(this.remote.channelId));
    if (voicemail && await voicemail.hasMailbox(this.request.executive.id)) {
      await voicemail.takeMessage(this, this.remote.channelId, this.request.executive.id, 'noanswer');
    } else {
      await new ChannelIo(this.ari, this.remote.channelId, this.signal).play(sound('core-no-answer'));
    }
    await this.end('pushed call not answered');
  }

  /** Warm push not taken: the call goes back to the assistant's held line (or rings them if it is gone). */
  private async sendBack(prompt: keyof typeof prompts): Promise<void> {
    const announcer = this.request.announcerChannelId;
    if (!this.held) {
      if (announcer) await this.ari.hangup(announcer);
      await this.recall();
      return;
    }
    this.transition('done', ['ringing-executive', 'announcing']);
    const connected = this.handOn(this.held, 'sent back');
    if (announcer) await new ChannelIo(this.ari, announcer, this.signal).play(sound(prompt)).catch(() => undefined);
    await this.end('sent back to the assistant');
    await connected;
  }

  /**
   * The remote party and `handler` become a registered executive call of their own; both
   * channels change owner at once, so no hangup can fall between the two sessions.
   */
  private handOn(handler: ExecutiveCallParty, how: string): Promise<unknown> {
    this.releaseChannel(this.remote.channelId);
    this.releaseChannel(handler.channelId);
    if (this.held?.channelId === handler.channelId) this.held = undefined;
    return ExecutiveConversation.start(this.ctx, this.ctx.calls, {
      executiveId: this.request.executive.id, callId: this.callId, remote: this.remote, handler, how,
    }).catch((error: unknown) => this.log.warn({ err: (error as Error).message }, 'pushed call could not be connected'));
  }

  /** Rings `targets` showing the original caller; the first to answer wins. */
  private async ring(targets: string[], seconds: number, role: string): Promise<Leg | undefined> {
    const { winner } = await ringFirstOf(this, targets, {
      role, ringSeconds: seconds, callerId: { name: this.remote.name, number: this.remote.number }, originator: this.remote.channelId,
    });
    return winner;
  }
}
