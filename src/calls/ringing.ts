import { CallEndedError } from '../ari/call-ended.js';
import { dialLeg, type Leg, type LegOutcome } from '../ari/leg.js';
import { RingGroup } from '../ari/ring-group.js';
import type { CallSession } from './call-session.js';

export interface RingOptions {
  /** Role in the legs' appArgs (`[kind, sessionId, role]`), for logs and event routing. */
  role: string;
  ringSeconds: number;
  /** What the ringing phones show as the caller. */
  callerId: { name: string; number: string };
  /** The call the legs belong to (linked id, codecs): the waiting caller's channel. */
  originator?: string;
  /** Extra SIP headers on the INVITEs (`Alert-Info` for a ring splash). */
  sipHeaders?: Record<string, string>;
}

/**
 * Legs a session rings for one call: each is owned by the session (hung up when it ends)
 * and joins one RingGroup, so the first to answer wins and the others stop at once. Legs
 * can be added while others ring (sequential alerting).
 */
export class Ringing {
  readonly group = new RingGroup();

  constructor(private readonly session: CallSession) {
    session.onEnd(() => this.group.close());
  }

  /** Dials `endpoint` as one more leg of this ringing. */
  async dial(endpoint: string, options: RingOptions): Promise<Leg> {
    const { session } = this;
    const leg = await dialLeg(session.ari, {
      endpoint,
      appArgs: [session.kind, session.id, options.role],
      callerId: options.callerId,
      ringTimeoutSeconds: options.ringSeconds,
      originator: options.originator,
      sipHeaders: options.sipHeaders,
      idPrefix: `${session.kind}-${options.role}`,
    });
    if (session.isEnded) {
      // The call ended while the leg was being created: it must not outlive the call.
      await leg.hangup().catch(() => undefined);
      throw new CallEndedError(session.endReason);
    }
    session.ownLeg(leg);
    this.group.add(leg);
    return leg;
  }

  /**
   * Waits at most `ms` for a leg to answer. Nobody did: the legs still ringing end as no
   * answer. Every leg but the winner is stopped before it returns; undefined when nobody
   * answered or the call ended.
   */
  async firstAnswer(ms: number): Promise<Leg | undefined> {
    await this.session.waitForAny([this.group.untilAnsweredOrSilent()], ms);
    if (!this.group.winner) await this.group.timeOut();
    await this.group.close();
    return this.session.isEnded ? undefined : this.group.winner;
  }
}

export interface RingResult {
  winner: Leg | undefined;
  /** How every leg ended up (busy, no answer…), for the no-answer decision. */
  outcomes: LegOutcome[];
}

/** Rings `endpoints` together for `options.ringSeconds`; the first to answer wins. */
export async function ringFirstOf(session: CallSession, endpoints: string[], options: RingOptions): Promise<RingResult> {
  const ringing = new Ringing(session);
  const legs = await Promise.all(endpoints.map((endpoint) => ringing.dial(endpoint, options)));
  const winner = await ringing.firstAnswer(options.ringSeconds * 1000);
  return { winner, outcomes: winner ? ['answered'] : await Promise.all(legs.map((leg) => leg.outcome)) };
}
