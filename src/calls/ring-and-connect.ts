import { CallBridge } from '../ari/bridge.js';
import { throwIfEnded } from '../ari/call-ended.js';
import type { Leg, LegOutcome } from '../ari/leg.js';
import { AriRequestError } from '../ari/ari-rest.js';
import { startRingback } from '../ari/ringback.js';
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
  /** The caller is already answered (in a menu): ringback is then in band, and stopped (src/ari/ringback.ts). */
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
  // A parked caller keeps the bridge's music: no ringback at all.
  const started = request.keepMusic ? Promise.resolve(undefined) : startRingback(ari, request.callerChannelId, request.callerAnswered === true);
  // A caller already gone is no failure here: the session ends by the caller's hang-up.
  const ringback = started.then(() => undefined, (error: unknown) => (error instanceof AriRequestError && error.isGone ? undefined : { error }));
  // In-band ringback would go on under the bridge or the next prompt: it stops whatever happens.
  const stopTone = async () => { const stop = await started.catch(() => undefined); await stop?.(); };
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
  // The bridge is made while the caller is answered: two round trips at once, not in turn.
  // A caller in a menu is answered already: one command less in the channel's queue,
  // where a command waits behind whatever the channel still plays.
  const [made] = await Promise.all([
    CallBridge.create(ari, session.kind),
    request.callerAnswered ? undefined : ari.rest.answer(request.callerChannelId).catch(() => undefined),
  ]);
  const bridge = session.ownBridge(made);
  // The caller may hang up while the bridge is made: clean-up has then run already.
  throwIfEnded(session.signal);
  await bridge.add(request.callerChannelId, winner.id);
  return { answered: winner, bridge };
}
