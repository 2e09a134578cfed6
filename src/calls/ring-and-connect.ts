import { CallBridge } from '../ari/bridge.js';
import { throwIfEnded } from '../ari/call-ended.js';
import type { Leg, LegOutcome } from '../ari/leg.js';
import { ignoreGone } from '../ari/ari.js';
import type { CallSession } from './call-session.js';
import { ringFirstOf } from './ringing.js';

export interface RingRequest {
  session: CallSession;
  /** The waiting caller; rings back while the targets ring, answered when one does. */
  callerChannelId: string;
  targets: string[];
  ringSeconds: number;
  callerId: { name: string; number: string };
  /** Role in appArgs of the legs, for logs and event routing. */
  role: string;
  sipHeaders?: Record<string, string>;
  /**
   * The caller is already answered (in a menu): ringback is then a tone we play, since a
   * ringing indication means nothing on an answered call.
   */
  callerAnswered?: boolean;
  /**
   * Runs once someone answered, before the two are bridged: a whisper to the callee (an
   * announced transfer), or taking the caller out of the bridge they wait in (a parked call).
   */
  beforeBridge?: (answered: Leg) => Promise<void>;
  /**
   * The caller waits in a bridge with music on hold (a parked call): they keep hearing it,
   * no ringback (a tone played to a bridged channel would also hold up taking it out).
   */
  keepMusic?: boolean;
}

export type RingResult =
  | { answered: Leg; bridge: CallBridge }
  | { answered: undefined; outcomes: LegOutcome[] };

/**
 * Rings `targets` together for a waiting caller; the first to answer is bridged with the
 * caller and every other leg stops. All legs and the bridge belong to the session.
 */
export async function ringAndConnect(request: RingRequest): Promise<RingResult> {
  const { session } = request;
  const ari = session.ari;
  // Ringback to the caller and the legs' set-up go out together: waiting for one before
  // the other added a whole ARI round trip to call set-up (npm run bench).
  // Its failure is kept (a handler attached at once) and raised once the legs exist:
  // a rejection nobody awaits yet would crash the process.
  const tone = request.callerAnswered && !request.keepMusic ? `ringback-${session.id}-${Date.now()}` : undefined;
  const ringback = (request.keepMusic ? Promise.resolve() : tone ? ari.rest.play(request.callerChannelId, ['tone:ring'], tone) : ignoreGone(ari.rest.ring(request.callerChannelId)))
    .then(() => undefined, (error: unknown) => ({ error }));
  // A playing tone would hold up the bridge or the next prompt: it stops whatever happens.
  const stopTone = async () => { if (tone) await ignoreGone(ari.rest.stopPlayback(tone)).catch(() => undefined); };
  session.onEnd(stopTone);
  let result: Awaited<ReturnType<typeof ringFirstOf>>;
  try {
    result = await ringFirstOf(session, request.targets, {
      role: request.role, ringSeconds: request.ringSeconds, callerId: request.callerId,
      originator: request.callerChannelId, sipHeaders: request.sipHeaders,
    });
    // The caller keeps hearing ringback while the callee hears an announcement: never silence.
    if (result.winner && request.beforeBridge && !session.isEnded) await request.beforeBridge(result.winner);
  } finally {
    await stopTone();
  }
  const ringbackFailed = await ringback;
  if (ringbackFailed && !session.isEnded) throw ringbackFailed.error;
  const winner = result.winner;
  if (session.isEnded || !winner) return { answered: undefined, outcomes: result.outcomes };
  const bridge = session.ownBridge(await CallBridge.create(ari, session.kind));
  // The caller may hang up while the bridge is made: clean-up has then run already.
  throwIfEnded(session.signal);
  // A caller in a menu is answered already: one command less in the channel's queue,
  // where a command waits behind whatever the channel still plays.
  if (!request.callerAnswered) await ari.rest.answer(request.callerChannelId).catch(() => undefined);
  await bridge.add(request.callerChannelId, winner.id);
  return { answered: winner, bridge };
}
