import type { ChannelIo } from '../../../ari/channel-io.js';
import type { Leg, LegOutcome } from '../../../ari/leg.js';
import type { CallSession } from '../../../calls/call-session.js';
import { ringAndConnect } from '../../../calls/ring-and-connect.js';

export type RingOutcome = { answered: Leg } | { answered: undefined; outcomes: LegOutcome[] };

/**
 * Rings `targets` for a caller who is already answered (they are in the attendant's
 * menu): they hear a ringback tone we play, and whoever answers first is bridged with them.
 */
export async function ringForAnsweredCaller(session: CallSession, io: ChannelIo, request: {
  targets: string[]; ringSeconds: number; callerId: { name: string; number: string }; role: string; beforeBridge?: (answered: Leg) => Promise<void>;
}): Promise<RingOutcome> {
  return ringAndConnect({ session, callerChannelId: io.channelId, callerAnswered: true, ...request });
}
