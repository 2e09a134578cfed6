import type { Leg } from '../../../ari/leg.js';
import { Ringing } from '../../../calls/ringing.js';
import { alertingSeconds, assistantRingSeconds, nextToRing, rolloverDecision, secondsBeforeAdvance } from '../policy/alerting.js';
import type { ExecutiveCallSession } from './executive-call-session.js';
import type { ExecutivePlan } from './plan-executive-call.js';

const isRinging = (leg: Leg) => leg.isRinging;

/**
 * Alerts the assistants for a filtered call, sequentially or together, with the
 * executive's screening locations ringing alongside; resolves with whoever answers first,
 * or undefined when it is time to roll over (the wait time passed, or nobody is left).
 * Every other leg is stopped before it returns. A console action (the session's
 * `redirect`) stops the alerting too, and it returns undefined.
 */
export async function runAlerting(session: ExecutiveCallSession, plan: ExecutivePlan): Promise<Leg | undefined> {
  const { alerting } = plan.settings;
  const ringing = new Ringing(session);
  const { group } = ringing;
  const startedAt = session.nowMs();
  const assistantLegs: Leg[] = [];
  let tried = 0;
  let currentSince = startedAt;

  const dialNext = async () => {
    const batch = nextToRing(plan.assistants, tried, alerting.mode);
    tried += batch.length;
    currentSince = session.nowMs();
    // Every leg of a batch is originated at once: in turn, the third assistant's phone rang
    // two round trips after the first's.
    assistantLegs.push(...await Promise.all(batch.map((target) => session.dial(ringing, target, assistantRingSeconds(alerting), plan.assistantCallerId))));
    if (batch.length) {
      session.log.info({ assistants: batch.map((t) => t.endpoint) }, 'assistants ringing');
      session.assistantsRinging(batch.map((t) => t.userId).filter((id): id is number => id !== undefined));
    }
  };

  if (plan.assistants.length > 0) {
    await Promise.all([
      ...plan.screening.map((target) => session.dial(ringing, target.target, alertingSeconds(alerting), plan.originator, target.headers)),
      dialNext(),
    ]);
  }

  for (;;) {
    if (session.isEnded) break;
    if (group.winner) break;
    if (session.redirectRequested()) {
      // The console took the call, sent it to voicemail or forwarded it: every leg stops ringing now.
      await group.timeOut();
      break;
    }
    const now = session.nowMs();
    const ringing = assistantLegs.filter(isRinging);
    const leftToTry = plan.assistants.length - tried;
    const decision = rolloverDecision({
      rollover: alerting.rollover, secondsSinceAlerting: (now - startedAt) / 1000, ringingNow: ringing.length, leftToTry,
    });
    if (decision.action === 'rollover') {
      session.log.info({ why: decision.why }, 'assistants did not answer');
      await group.timeOut();
      break;
    }
    const advanceMs = secondsBeforeAdvance(alerting) * 1000;
    if (alerting.mode === 'sequential' && leftToTry > 0 && (ringing.length === 0 || now - currentSince >= advanceMs)) {
      await Promise.all(ringing.map((leg) => leg.timeOut().catch(() => undefined)));
      if (!group.winner) await dialNext();
      continue;
    }
    const due = [startedAt + alertingSeconds(alerting) * 1000 - now];
    if (alerting.mode === 'sequential' && leftToTry > 0) due.push(currentSince + advanceMs - now);
    await session.waitForAny([group.untilAnsweredOrSilent(), session.redirected, ...ringing.map((leg) => leg.outcome)], Math.min(...due));
  }
  await group.close();
  return session.isEnded ? undefined : group.winner;
}
