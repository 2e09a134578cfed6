import type { Kysely } from 'kysely';
import type { IncomingCall } from '../../../calls/incoming-call.js';
import type { Database } from '../../../store/schema.js';
import { callPathUsers } from '../../../users/settings/user-cache.js';
import type { UserProfile } from '../../../users/settings/user-repository.js';
import { assistantsToAlert, callerIdForAssistant, type Party } from '../policy/alerting.js';
import { classifyCaller, isCallFiltered } from '../policy/call-filtering.js';
import { localTime } from '../policy/schedule.js';
import { screeningTargets, type ScreeningTarget } from '../policy/screening.js';
import type { ScreeningSettings } from '../settings/executive-settings.js';
import type { ScreeningAlertPlan } from './screening-alerts.js';
import type { ExecutiveSettings } from '../settings/executive-repository.js';
import { executiveCallData } from '../settings/executive-cache.js';
import { assistantRingTargets, endpointForNumber, executiveRingTargets, locationEndpoint, type RingTarget } from './call-targets.js';

/** Everything a call to an executive needs decided before the first leg rings. */
export interface ExecutivePlan {
  callerChannelId: string;
  /** Already answered (put through by the attendant): ringback must be an in-band tone. */
  callerAnswered: boolean;
  executive: UserProfile;
  settings: ExecutiveSettings;
  filtered: boolean;
  reason: string;
  /** The originator as the executive's phones show them. */
  originator: Party;
  /** Filtered calls: the assistants (or their divert numbers) in alerting order. */
  assistants: RingTarget[];
  assistantCallerId: Party;
  /** Filtered calls with screening on: the executive's locations ringing alongside, each with the Alert-Info its phone knows. */
  screening: Array<{ target: RingTarget; headers: Record<string, string> }>;
  /** The executive's own phones (an unfiltered call; no-answer processing). */
  executiveTargets: RingTarget[];
  forwardTarget: RingTarget | undefined;
}

/**
 * Reads the executive's settings and pool, the organisation and the assistants (from the
 * call path's caches, the store when there are none) and decides: filtered or not (calls from the
 * executive's own assistants never are), whom to alert and what they see.
 */
export async function planExecutiveCall(
  db: Kysely<Database>,
  call: IncomingCall,
  executive: UserProfile,
  options: { now: Date; outboundDialString: string; screeningAlerts: (targets: ScreeningTarget[], alertType: ScreeningSettings['alertType']) => Promise<ScreeningAlertPlan[]> },
): Promise<ExecutivePlan> {
  const [{ settings, pool }, organisation] = await Promise.all([
    executiveCallData(db, executive.id), callPathUsers.organisation(db, executive.organisationId),
  ]);
  const caller = call.user;
  const internal = call.direction === 'internal' && caller?.organisationId === executive.organisationId;
  const originator: Party = caller && internal
    ? { name: caller.name, number: caller.extension }
    : { name: call.presented.name, number: call.presented.number };
  const fromOwnAssistant = caller !== undefined && pool.some((m) => m.assistantId === caller.id);
  const decision = fromOwnAssistant
    ? { filtered: false, reason: "from the executive's own assistant" }
    : isCallFiltered(settings.filtering, {
      callerClass: classifyCaller({ fromOrganisationUser: internal, presentedNumber: call.presented.number, presentedName: call.presented.name }),
      callerNumber: originator.number,
      calledNumber: call.dialled,
    }, localTime(options.now, organisation?.timezone ?? 'UTC'));

  const forward = settings.alerting.rollover.forwardNumber
    ? await endpointForNumber(db, executive.organisationId, settings.alerting.rollover.forwardNumber, options.outboundDialString)
    : undefined;
  return {
    callerChannelId: call.channel.id,
    callerAnswered: call.channel.state === 'Up',
    executive,
    settings,
    filtered: decision.filtered,
    reason: decision.reason,
    originator,
    assistants: decision.filtered ? await assistantRingTargets(db, executive, assistantsToAlert(pool), options.outboundDialString) : [],
    assistantCallerId: callerIdForAssistant(settings.alerting, { name: executive.name, number: executive.extension }, originator),
    screening: decision.filtered
      ? (await options.screeningAlerts(screeningTargets(settings.screening, executive.locations), settings.screening.alertType)).map((s) => ({
        target: { endpoint: locationEndpoint(s.address, options.outboundDialString), role: 'executive' as const, userId: executive.id },
        headers: s.headers,
      }))
      : [],
    executiveTargets: executiveRingTargets(executive),
    forwardTarget: forward ? { endpoint: forward.endpoint, role: 'forward', userId: forward.userId } : undefined,
  };
}
