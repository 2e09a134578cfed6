import type { LegOutcome } from '../../../ari/leg.js';
import type { UnansweredReason } from '../../../calls/handoffs.js';
import type { UserProfile } from '../../../users/settings/user-repository.js';

export interface OutOfOffice { startsAt: string | null; endsAt: string | null; backupUserId: number | null }

/** Whether an out-of-office setting applies at `now` (open-ended on either side when null). */
export function isOutOfOffice(setting: OutOfOffice | undefined, now: Date): boolean {
  if (!setting) return false;
  const t = now.getTime();
  if (setting.startsAt && t < Date.parse(setting.startsAt)) return false;
  if (setting.endsAt && t >= Date.parse(setting.endsAt)) return false;
  return true;
}

/** One thing to try to reach a user: ring dial strings together for some seconds. */
export interface RingStep { targets: string[]; ringSeconds: number }

export type ReachPlan =
  | { action: 'ring'; steps: RingStep[] }
  | { action: 'voicemail'; reason: UnansweredReason }
  | { action: 'unavailable'; reason: UnansweredReason };

/**
 * How the attendant reaches a user, by type (PRODUCT.md 4): an agent's device while
 * logged in; a business user's outside number through the trunk; a floating agent's
 * device, then their outside number; a general mailbox straight to its greeting.
 */
export function planReach(user: UserProfile, outboundDialString: string): ReachPlan {
  const device = user.locations.find((l) => l.kind === 'primary')?.address;
  const outside = user.secondaryNumber ? outboundDialString.replaceAll('{number}', user.secondaryNumber) : undefined;
  const ringSeconds = user.noAnswerSeconds;
  switch (user.type) {
    case 'general_voicemail':
      return { action: 'voicemail', reason: 'direct' };
    case 'business_user':
      return outside ? { action: 'ring', steps: [{ targets: [outside], ringSeconds }] } : { action: 'unavailable', reason: 'unavailable' };
    case 'floating_agent': {
      const steps: RingStep[] = [];
      if (device && user.loggedIn) steps.push({ targets: [device], ringSeconds });
      if (outside) steps.push({ targets: [outside], ringSeconds });
      return steps.length ? { action: 'ring', steps } : { action: 'unavailable', reason: 'unavailable' };
    }
    case 'agent':
    default:
      return device && user.loggedIn ? { action: 'ring', steps: [{ targets: [device], ringSeconds }] } : { action: 'unavailable', reason: 'unavailable' };
  }
}

/** Asterisk device states that mean "on a call already" (checked before ringing). */
export function deviceStateVerdict(state: string | undefined): 'free' | 'busy' | 'unavailable' {
  switch (state) {
    case 'INUSE': case 'BUSY': case 'ONHOLD': case 'RINGINUSE': return 'busy';
    case 'UNAVAILABLE': case 'INVALID': return 'unavailable';
    default: return 'free';
  }
}

/** Why nobody answered, from the legs' outcomes: a busy device says more than silence. */
export function unansweredReason(outcomes: LegOutcome[]): 'busy' | 'noanswer' | 'unavailable' {
  if (outcomes.includes('busy')) return 'busy';
  if (outcomes.includes('noanswer') || outcomes.includes('rejected')) return 'noanswer';
  return 'unavailable';
}

/**
 * After the user could not be reached: their backup (out-of-office override first, else
 * the default backup; one hop only, never back to the user), then their voicemail.
 */
export function nextAfterUnavailable(user: UserProfile, outOfOfficeBackup: number | null, alreadyTried: ReadonlySet<number>): { action: 'backup'; userId: number } | { action: 'voicemail' } {
  const backup = outOfOfficeBackup ?? user.backupUserId;
  if (backup !== null && !alreadyTried.has(backup)) return { action: 'backup', userId: backup };
  return { action: 'voicemail' };
}
