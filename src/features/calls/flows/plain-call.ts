import { ChannelIo } from '../../../ari/channel-io.js';
import { CallSession, type SessionDeps } from '../../../calls/call-session.js';
import type { VoicemailHandoff } from '../../../calls/handoffs.js';
import type { IncomingCall } from '../../../calls/incoming-call.js';
import { sound } from '../../../calls/prompts.js';
import { ringAndConnect } from '../../../calls/ring-and-connect.js';
import type { UserProfile } from '../../../users/settings/user-repository.js';
import { afterNoAnswer, type RingPlan } from '../policy/plan-internal-call.js';

type PlainCallState = 'ringing' | 'bridged' | 'voicemail' | 'announcing';

/** A caller ringing a user's devices; bridged with whichever answers first. */
export class PlainCall extends CallSession<PlainCallState> {
  constructor(deps: SessionDeps, private readonly call: IncomingCall, private readonly callee: UserProfile, private readonly voicemail: VoicemailHandoff | undefined) {
    super(deps, 'call', 'ringing', { channelId: call.channel.id, goneReason: 'caller hung up' });
  }

  async connect(plan: RingPlan): Promise<void> {
    const result = await ringAndConnect({
      session: this, callerChannelId: this.call.channel.id, targets: plan.targets,
      ringSeconds: plan.ringSeconds, callerId: plan.callerId, role: 'callee',
    });
    if (this.isEnded) return;
    if (result.answered) {
      this.transition('bridged', ['ringing']);
      this.log.info({ callee: this.callee.extension, device: result.answered.endpoint }, 'answered');
      this.endWhenGone(result.answered.id, 'callee hung up');
      return;
    }
    const hasMailbox = this.voicemail ? await this.voicemail.hasMailbox(this.callee.id) : false;
    const next = afterNoAnswer(result.outcomes, hasMailbox);
    this.log.info({ outcomes: result.outcomes, next: next.action }, 'not answered');
    if (next.action === 'voicemail' && this.voicemail) {
      this.transition('voicemail', ['ringing']);
      await this.voicemail.takeMessage(this, this.call.channel.id, this.callee.id, next.reason);
      await this.end('voicemail done');
      return;
    }
    if (next.action === 'announce') {
      this.transition('announcing', ['ringing']);
      await this.ari.rest.answer(this.call.channel.id);
      const io = new ChannelIo(this.ari, this.call.channel.id, this.signal);
      await io.play(sound(next.prompt));
      await this.end(next.prompt);
    }
  }
}
