/**
 * The executive's and the assistant's settings as the rest of the feature sees them
 * (PRODUCT.md section 3, BroadWorks Executive / Executive-Assistant). Plain data: the
 * policy functions decide with it, the repository stores it, the API validates it.
 */

export const FILTERING_MODES = ['all', 'internal', 'external', 'criteria'] as const;
export type FilteringMode = (typeof FILTERING_MODES)[number];

export const SCREENING_ALERT_TYPES = ['silent', 'ring-splash'] as const;
export type ScreeningAlertType = (typeof SCREENING_ALERT_TYPES)[number];

export const ALERTING_MODES = ['sequential', 'simultaneous'] as const;
export type AlertingMode = (typeof ALERTING_MODES)[number];

export const CALLER_ID_NAME_MODES = ['executive', 'executive-originator', 'originator-executive', 'originator', 'custom'] as const;
export type CallerIdNameMode = (typeof CALLER_ID_NAME_MODES)[number];

export const CALLER_ID_NUMBER_MODES = ['executive', 'originator', 'custom'] as const;
export type CallerIdNumberMode = (typeof CALLER_ID_NUMBER_MODES)[number];

export const ROLLOVER_ACTIONS = ['voicemail', 'forward', 'no-answer-processing'] as const;
export type RolloverAction = (typeof ROLLOVER_ACTIONS)[number];

export const CALLER_KINDS = ['any', 'internal', 'external', 'listed'] as const;
export type CallerKind = (typeof CALLER_KINDS)[number];

/** A weekly slot in the organisation's time zone; `end` is exclusive, `00:00`–`24:00` is all day. */
export interface TimeSlot {
  /** 0 = Sunday … 6 = Saturday. */
  days: number[];
  start: string;
  end: string;
}

/** A holiday: a date range in the organisation's time zone, both ends included. */
export interface Holiday {
  name: string;
  from: string;
  to: string;
}

export interface FilterCriterion {
  name: string;
  enabled: boolean;
  /** `filter`: matching calls go to the assistants; `let-through`: they ring the executive (an exception, which wins). */
  action: 'filter' | 'let-through';
  /** null: any time. */
  timeSchedule: TimeSlot[] | null;
  /** null: any day; otherwise the criterion applies only on these holidays. */
  holidaySchedule: Holiday[] | null;
  callers: {
    kind: CallerKind;
    /** For `listed`: the numbers (exact, or a prefix ending in `*`). */
    numbers: string[];
    includeAnonymous: boolean;
    includeUnavailable: boolean;
  };
  /** Which of the executive's numbers (extension or DIDs) were called; empty: any. */
  calledNumbers: string[];
}

export interface FilteringSettings {
  enabled: boolean;
  mode: FilteringMode;
  criteria: FilterCriterion[];
}

export interface ScreeningSettings {
  enabled: boolean;
  alertType: ScreeningAlertType;
  /** Extra locations that ring with the main location while screening. */
  alertShared: boolean;
  alertAnywhere: boolean;
  alertMobile: boolean;
}

export interface AlertingSettings {
  mode: AlertingMode;
  /** Sequential: rings (1–20) before the next assistant is tried. */
  ringsToAdvance: number;
  /** How long one ring lasts for every "after N rings" setting (BroadWorks counts 6 s). */
  secondsPerRing: number;
  callerIdName: { mode: CallerIdNameMode; custom: string | null };
  callerIdNumber: { mode: CallerIdNumberMode; custom: string | null };
  rollover: {
    enabled: boolean;
    /** 1–7200 s from the moment the assistants start ringing. */
    waitSeconds: number;
    action: RolloverAction;
    /** For `forward`: an extension or an outside number. */
    forwardNumber: string | null;
  };
}

export interface ExecutiveSettings {
  executiveId: number;
  filtering: FilteringSettings;
  screening: ScreeningSettings;
  alerting: AlertingSettings;
  /** Call push recall: rings (2–20) unanswered at the executive before the call returns. */
  pushRecallRings: number;
  /** Whether assistants may opt in and out of this executive's pool (#65/#66, portal). */
  allowOptInOut: boolean;
}

export interface AssistantSettings {
  assistantId: number;
  /** Filtered calls go to this number instead of the assistant's phone. */
  divert: { enabled: boolean; number: string | null };
}

export interface PoolMember {
  assistantId: number;
  extension: string;
  name: string;
  /** 0-based alerting order. */
  position: number;
  optedIn: boolean;
  divert: AssistantSettings['divert'];
}

export interface ExecutiveOfAssistant {
  executiveId: number;
  extension: string;
  name: string;
  position: number;
  optedIn: boolean;
}

export const MAX_POOL_SIZE = 10;

/** What a fresh executive has (BroadWorks defaults where it has them). */
export function defaultExecutiveSettings(executiveId: number): ExecutiveSettings {
  return {
    executiveId,
    filtering: { enabled: false, mode: 'all', criteria: [] },
    screening: { enabled: false, alertType: 'silent', alertShared: false, alertAnywhere: false, alertMobile: false },
    alerting: {
      mode: 'simultaneous',
      ringsToAdvance: 3,
      secondsPerRing: 6,
      callerIdName: { mode: 'executive-originator', custom: null },
      callerIdNumber: { mode: 'executive', custom: null },
      rollover: { enabled: false, waitSeconds: 30, action: 'voicemail', forwardNumber: null },
    },
    pushRecallRings: 4,
    allowOptInOut: true,
  };
}
