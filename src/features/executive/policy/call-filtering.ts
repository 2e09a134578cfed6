import type { FilterCriterion, FilteringSettings } from '../settings/executive-settings.js';
import { inTimeSchedule, onHoliday, type LocalTime } from './schedule.js';

/**
 * Who is calling, as filtering sees it. Anonymous (the caller withheld their number) and
 * unavailable (the network gave none) are external calls that criteria can single out.
 */
export type CallerClass = 'internal' | 'external' | 'anonymous' | 'unavailable';

export interface CallToExecutive {
  callerClass: CallerClass;
  /** The caller's number (extension for internal calls), '' when none. */
  callerNumber: string;
  /** Which of the executive's numbers was called: the extension, or a DID (DNIS). */
  calledNumber: string;
}

export interface FilterDecision {
  filtered: boolean;
  /** Why, for the log: the mode, or the criterion that decided. */
  reason: string;
}

/**
 * Classifies a caller. Internal: the call comes from an authenticated device of a user in
 * the executive's organisation. Otherwise by the presented number: withheld →
 * anonymous, missing → unavailable, else external.
 */
export function classifyCaller(call: { fromOrganisationUser: boolean; presentedNumber: string; presentedName: string }): CallerClass {
  if (call.fromOrganisationUser) return 'internal';
  const number = call.presentedNumber.trim().toLowerCase();
  const name = call.presentedName.trim().toLowerCase();
  if (number === 'anonymous' || name === 'anonymous' || number === 'restricted' || number === 'private') return 'anonymous';
  if (number === '' || number === 'unknown' || number === 'unavailable' || !/\d/.test(number)) return 'unavailable';
  return 'external';
}

/** A listed number matches exactly, or as a prefix when it ends in `*`. */
function numberListed(listed: string[], number: string): boolean {
  return listed.some((entry) => (entry.endsWith('*') ? number.startsWith(entry.slice(0, -1)) : entry === number));
}

function callerMatches(criterion: FilterCriterion, call: CallToExecutive): boolean {
  const { kind, numbers, includeAnonymous, includeUnavailable } = criterion.callers;
  if (kind === 'any') return true;
  if (call.callerClass === 'anonymous') return includeAnonymous;
  if (call.callerClass === 'unavailable') return includeUnavailable;
  if (kind === 'internal') return call.callerClass === 'internal';
  if (kind === 'external') return call.callerClass === 'external';
  return numberListed(numbers, call.callerNumber);
}

/** Whether a criterion applies to this call at this time. */
export function criterionMatches(criterion: FilterCriterion, call: CallToExecutive, at: LocalTime): boolean {
  if (!criterion.enabled) return false;
  if (criterion.timeSchedule && !inTimeSchedule(criterion.timeSchedule, at)) return false;
  if (criterion.holidaySchedule && !onHoliday(criterion.holidaySchedule, at)) return false;
  if (criterion.calledNumbers.length > 0 && !criterion.calledNumbers.includes(call.calledNumber)) return false;
  return callerMatches(criterion, call);
}

/**
 * BroadWorks call filtering: off → never; `all` → every call; `internal` / `external` →
 * by caller class (anonymous and unavailable callers are external); `criteria` → filtered
 * when a filtering criterion matches and no let-through criterion does (exceptions win);
 * no matching criterion → not filtered.
 */
export function isCallFiltered(filtering: FilteringSettings, call: CallToExecutive, at: LocalTime): FilterDecision {
  if (!filtering.enabled) return { filtered: false, reason: 'filtering off' };
  switch (filtering.mode) {
    case 'all':
      return { filtered: true, reason: 'all calls' };
    case 'internal':
      return { filtered: call.callerClass === 'internal', reason: 'internal calls' };
    case 'external':
      return { filtered: call.callerClass !== 'internal', reason: 'external calls' };
    case 'criteria': {
      const matching = filtering.criteria.filter((c) => criterionMatches(c, call, at));
      const exception = matching.find((c) => c.action === 'let-through');
      if (exception) return { filtered: false, reason: `let through by "${exception.name}"` };
      const rule = matching.find((c) => c.action === 'filter');
      if (rule) return { filtered: true, reason: `filtered by "${rule.name}"` };
      return { filtered: false, reason: 'no criterion matches' };
    }
  }
}
