import type { LineState } from '../../../http/live/live-state.js';

/** A person as the operator console's directory shows them. */
export type PersonState = 'idle' | 'on-a-call' | 'ringing' | 'out-of-office' | 'logged-out';

/**
 * One word for what a person is doing, for the operator deciding where to send a caller.
 * What their phone does now comes first (on a call, then ringing: the call is there
 * whatever the settings say); then why the attendant would not ring them: out of office
 * (their calls go to the backup), then an agent logged out.
 */
export function personState(person: { lines: readonly LineState[]; outOfOffice: boolean; agentLoggedIn: boolean | null }): PersonState {
  if (person.lines.some((l) => l === 'talking' || l === 'on-hold' || l === 'calling')) return 'on-a-call';
  if (person.lines.includes('ringing')) return 'ringing';
  if (person.outOfOffice) return 'out-of-office';
  if (person.agentLoggedIn === false) return 'logged-out';
  return 'idle';
}

/** Who takes an out-of-office person's calls: the backup set for the absence, else their default backup (as UserReacher.reach). */
export function outOfOfficeBackup(absenceBackupId: number | null, defaultBackupId: number | null, userId: number): number | null {
  const backup = absenceBackupId ?? defaultBackupId;
  return backup === userId ? null : backup;
}
