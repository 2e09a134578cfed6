import { ignoreGone } from '../../../ari/ari.js';
import { CallBridge } from '../../../ari/bridge.js';
import { CallEndedError } from '../../../ari/call-ended.js';
import type { ChannelIo } from '../../../ari/channel-io.js';
import { dialLeg, type Leg, type LegOutcome } from '../../../ari/leg.js';
import { RingGroup } from '../../../ari/ring-group.js';
import type { CallSession } from '../../../calls/call-session.js';

export type RingOutcome = { answered: Leg } | { answered: undefined; outcomes: LegOutcome[] };

/**
 * Rings `targets` for a caller who is already answered (they are in the attendant's
 * menu), so the caller hears a ringback tone played by us rather than a ringing signal.
 * The tone is stopped before the winner is bridged: a channel's queued playback would
 * otherwise hold up the bridge.
 */
export async function ringForAnsweredCaller(session: CallSession, io: ChannelIo, request: {
  targets: string[]; ringSeconds: number; callerId: { name: string; number: string }; role: string;
}): Promise<RingOutcome> {
  const ari = session['ari'];
  const ringback = await io.startPlayback(['tone:ring']);
  const group = new RingGroup();
  session.onEnd(() => group.close());
  try {
    const legs = await Promise.all(request.targets.map((endpoint) => dialLeg(ari, {
      endpoint, appArgs: [session.kind, session.id, request.role], callerId: request.callerId,
      ringTimeoutSeconds: request.ringSeconds, originator: io.channelId, idPrefix: `${session.kind}-${request.role}`,
    })));
    for (const leg of legs) { session.ownLeg(leg); group.add(leg); }
    const winner = await Promise.race([group.untilAnsweredOrSilent(), timeout(session, request.ringSeconds)]);
    if (!winner) await group.timeOut();
    await group.close();
    await ringback.stop();
    if (!winner || session.isEnded) return { answered: undefined, outcomes: await Promise.all(legs.map((l) => l.outcome)) };
    const bridge = await CallBridge.create(ari, session.kind);
    // The caller may hang up while the bridge is made: the session's clean-up has then run already.
    if (session.isEnded) { await bridge.destroy(); throw new CallEndedError(session.endReason); }
    session.ownBridge(bridge);
    await bridge.add(io.channelId, winner.id);
    return { answered: winner };
  } finally {
    await ignoreGone(ringback.stop()).catch(() => undefined);
  }
}

// Not session.after(): its callback waits in the session's queue, behind this very flow.
function timeout(session: CallSession, seconds: number): Promise<undefined> {
  const clock = session['clock'];
  return new Promise((resolve) => {
    const handle = clock.setTimeout(() => resolve(undefined), seconds * 1000 + 500);
    session.onEnd(() => clock.clearTimeout(handle));
    session.signal.addEventListener('abort', () => { clock.clearTimeout(handle); resolve(undefined); }, { once: true });
  });
}
