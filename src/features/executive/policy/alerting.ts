import type { AlertingSettings, PoolMember } from '../settings/executive-settings.js';

/** Someone to ring for a filtered call: an assistant's own phone, or the number they divert to. */
export type AlertTarget =
  | { kind: 'assistant'; assistantId: number; extension: string; name: string }
  | { kind: 'divert'; assistantId: number; extension: string; name: string; number: string };

/**
 * The assistants a filtered call alerts, in pool order: opted-in ones only. An assistant
 * who diverts (with a number set) is not rung; their divert number is, in their place.
 */
export function assistantsToAlert(pool: PoolMember[]): AlertTarget[] {
  return [...pool].sort((a, b) => a.position - b.position).filter((m) => m.optedIn).map((m): AlertTarget => {
    if (m.divert.enabled && m.divert.number) {
      return { kind: 'divert', assistantId: m.assistantId, extension: m.extension, name: m.name, number: m.divert.number };
    }
    return { kind: 'assistant', assistantId: m.assistantId, extension: m.extension, name: m.name };
  });
}

/** Seconds an assistant rings in sequential alerting before the next one is tried. */
export const secondsBeforeAdvance = (alerting: AlertingSettings): number => alerting.ringsToAdvance * alerting.secondsPerRing;

/**
 * Sequential alerting: the next target after `tried` of them (undefined: nobody left).
 * Simultaneous alerting rings every target at once, so after the first round nobody is left.
 */
export function nextToRing<T>(targets: T[], triedCount: number, mode: AlertingSettings['mode']): T[] {
  if (mode === 'simultaneous') return triedCount === 0 ? targets : [];
  const next = targets[triedCount];
  return next === undefined ? [] : [next];
}

export type RolloverDecision = { action: 'keep-ringing' } | { action: 'rollover'; why: 'timer' | 'nobody-left' };

/**
 * BroadWorks rollover: when the wait time has passed since the assistants started ringing
 * (if rollover is on), or whenever no assistant is ringing and none is left to try.
 */
export function rolloverDecision(state: {
  rollover: AlertingSettings['rollover'];
  secondsSinceAlerting: number;
  ringingNow: number;
  leftToTry: number;
}): RolloverDecision {
  if (state.ringingNow === 0 && state.leftToTry === 0) return { action: 'rollover', why: 'nobody-left' };
  if (state.rollover.enabled && state.secondsSinceAlerting >= state.rollover.waitSeconds) return { action: 'rollover', why: 'timer' };
  return { action: 'keep-ringing' };
}

export interface Party { name: string; number: string }

/**
 * What an assistant's phone shows for a filtered call (BroadWorks caller ID modes): the
 * executive's identity, the originator's, both (either order), or custom text. A custom
 * mode with no custom text falls back to the executive's.
 */
export function callerIdForAssistant(alerting: AlertingSettings, executive: Party, originator: Party): Party {
  const originatorName = originator.name || originator.number || 'Unknown';
  const names: Record<AlertingSettings['callerIdName']['mode'], string> = {
    executive: executive.name,
    'executive-originator': `${executive.name} - ${originatorName}`,
    'originator-executive': `${originatorName} - ${executive.name}`,
    originator: originatorName,
    custom: alerting.callerIdName.custom || executive.name,
  };
  const numbers: Record<AlertingSettings['callerIdNumber']['mode'], string> = {
    executive: executive.number,
    originator: originator.number,
    custom: alerting.callerIdNumber.custom || executive.number,
  };
  return { name: names[alerting.callerIdName.mode], number: numbers[alerting.callerIdNumber.mode] };
}

/**
 * The longest any leg of a filtered call rings: the longest rollover wait the settings
 * accept. With rollover off BroadWorks keeps alerting until someone answers or the caller
 * gives up; this only keeps a phone that never gives up from holding a caller for ever.
 */
export const LONGEST_ALERTING_SECONDS = 7200;

/**
 * How long each assistant's leg rings: sequential, until it is the next one's turn;
 * simultaneous, for the whole wait. Never past rollover (when on), never past the ceiling.
 * (Each leg once rang min(120 s, wait): a 300 s wait rolled over at 120 s.)
 */
export function assistantRingSeconds(alerting: AlertingSettings): number {
  const perLeg = alerting.mode === 'sequential' ? secondsBeforeAdvance(alerting) : LONGEST_ALERTING_SECONDS;
  return Math.min(perLeg, alertingSeconds(alerting));
}

/** How long the call alerts at most before rollover: the wait time when rollover is on, else the ceiling. */
export function alertingSeconds(alerting: AlertingSettings): number {
  return alerting.rollover.enabled ? Math.min(alerting.rollover.waitSeconds, LONGEST_ALERTING_SECONDS) : LONGEST_ALERTING_SECONDS;
}
