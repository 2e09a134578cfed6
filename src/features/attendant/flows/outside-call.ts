import { ChannelIo } from '../../../ari/channel-io.js';
import type { LegOutcome } from '../../../ari/leg.js';
import { CallSession, type SessionDeps } from '../../../calls/call-session.js';
import type { IncomingCall } from '../../../calls/incoming-call.js';
import { sound } from '../../../calls/prompts.js';
import { ringAndConnect } from '../../../calls/ring-and-connect.js';

type OutsideCallState = 'ringing' | 'connected' | 'announcing';

/** An outside party rings long enough for a person to get to the phone; the carrier may end it sooner. */
const OUTSIDE_RING_SECONDS = 60;

/**
 * An internal phone calling an outside number through the organisation's outbound route
 * (PRODUCT.md 4): the trunk leg rings while the caller hears ringback, and they are
 * bridged when the far end answers; busy, no answer or a refusal is said, never silence.
 */
export class OutsideCall extends CallSession<OutsideCallState> {
  constructor(deps: SessionDeps, private readonly call: IncomingCall) {
    super(deps, 'outside-call', 'ringing', { channelId: call.channel.id, goneReason: 'caller hung up' });
  }

  async dial(trunkDialString: string, callerId: { name: string; number: string }): Promise<void> {
    const result = await ringAndConnect({
      session: this, callerChannelId: this.call.channel.id, targets: [trunkDialString],
      ringSeconds: OUTSIDE_RING_SECONDS, callerId, role: 'outside',
    });
    if (this.isEnded) return;
    if (result.answered) {
      this.transition('connected', ['ringing']);
      this.endWhenGone(result.answered.id, 'outside party hung up');
      return;
    }
    this.log.info({ outcomes: result.outcomes }, 'outside number did not answer');
    await this.announce(unansweredPrompt(result.outcomes));
  }

  /** The number may not be dialled: the caller hears so (the reason is in the log). */
  async refuse(reason: string): Promise<void> {
    this.log.info({ dialled: this.call.dialled, reason }, 'outside call refused');
    await this.announce('attendant-outside-refused');
  }

  private async announce(prompt: string): Promise<void> {
    this.transition('announcing', ['ringing']);
    await this.ari.rest.answer(this.call.channel.id);
    await new ChannelIo(this.ari, this.call.channel.id, this.signal).play(sound(prompt));
    await this.end(prompt);
  }
}

function unansweredPrompt(outcomes: LegOutcome[]): string {
  if (outcomes.includes('busy')) return 'core-busy';
  if (outcomes.includes('noanswer') || outcomes.includes('rejected')) return 'core-no-answer';
  return 'core-unavailable';
}
