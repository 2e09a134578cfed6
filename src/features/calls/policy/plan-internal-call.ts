import type { UserProfile } from '../../../users/settings/user-repository.js';
import type { LegOutcome } from '../../../ari/leg.js';

export interface RingPlan {
  action: 'ring';
  /** Dial strings that ring together: the primary device and the shared call appearances set to ring. */
  targets: string[];
  ringSeconds: number;
  callerId: { name: string; number: string };
}
export type InternalCallPlan = RingPlan | { action: 'not-in-service' };

/**
 * A plain call from one phone to a user's extension: the callee's primary device and
 * every shared call appearance flagged to ring for incoming calls ring together, showing
 * the caller's name and extension (or what their phone presented, for a device that
 * belongs to nobody).
 */
export function planInternalCall(
  callee: UserProfile | undefined,
  caller: { user: UserProfile | undefined; presented: { name: string; number: string } },
): InternalCallPlan {
  if (!callee) return { action: 'not-in-service' };
  const targets = callee.locations
    .filter((l) => l.kind === 'primary' || (l.kind === 'shared' && l.ringsForIncoming))
    .map((l) => l.address);
  if (targets.length === 0) return { action: 'not-in-service' };
  const callerId = caller.user
    ? { name: caller.user.name, number: caller.user.extension }
    : { name: caller.presented.name, number: caller.presented.number };
  return { action: 'ring', targets: [...new Set(targets)], ringSeconds: callee.noAnswerSeconds, callerId };
}

export type UnansweredAction = { action: 'voicemail'; reason: 'busy' | 'noanswer' | 'unavailable' } | { action: 'announce'; prompt: string };

/**
 * Nobody answered: busy wins over no answer (a device said so); the user's voicemail
 * takes the call if they have one, else the caller hears why and the call ends.
 */
export function afterNoAnswer(outcomes: LegOutcome[], hasVoicemail: boolean): UnansweredAction {
  const reason = outcomes.includes('busy') ? 'busy'
    : outcomes.includes('noanswer') || outcomes.includes('rejected') ? 'noanswer'
      : 'unavailable';
  if (hasVoicemail) return { action: 'voicemail', reason };
  const prompt = reason === 'busy' ? 'core-busy' : reason === 'noanswer' ? 'core-no-answer' : 'core-unavailable';
  return { action: 'announce', prompt };
}
