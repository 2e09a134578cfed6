/** The executive's line as an assistant's shared-call-appearance key shows it (Asterisk device states). */
export type LineState = 'NOT_INUSE' | 'RINGING' | 'INUSE' | 'ONHOLD';

/**
 * BroadWorks' assistant shared call appearance, from the executive's calls in progress
 * (placed or received, filtered or not, whoever handles them): on a call while one is
 * answered and not held; on hold while every answered one is held; ringing while a call
 * rings and none is answered; idle otherwise.
 */
export function lineState(calls: Array<{ answered: boolean; onHold: boolean }>): LineState {
  const answered = calls.filter((c) => c.answered);
  if (answered.some((c) => !c.onHold)) return 'INUSE';
  if (answered.length > 0) return 'ONHOLD';
  return calls.length > 0 ? 'RINGING' : 'NOT_INUSE';
}
