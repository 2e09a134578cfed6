import type { UnansweredReason } from '../../../calls/handoffs.js';
import type { GreetingKind } from '../settings/voicemail-schema.js';

export interface GreetingInputs {
  reason: UnansweredReason;
  outOfOffice: boolean;
  /** The organisation is closed now (after hours or a holiday, by its schedule). */
  closed: boolean;
  extension: string;
  /** Media of each greeting the mailbox has recorded (`sound:http://…`). */
  recorded: Partial<Record<GreetingKind, string>>;
}

/**
 * What a caller hears before the beep. Out of office wins over everything (the person
 * is away whatever the call found); then after hours while the organisation is closed
 * by its schedule (a busy or unanswered phone at night is not the news: the office is
 * closed, CXone's after-hours greeting); then busy, and unavailable for the rest. A missing personal greeting is replaced by the system one, which names the
 * person by their recorded name, else by their extension read digit by digit.
 */
export function greetingFor(input: GreetingInputs): { kind: GreetingKind; media: string[]; personal: boolean } {
  const kind: GreetingKind = input.outOfOffice || input.reason === 'out-of-office' ? 'out_of_office'
    : input.closed || input.reason === 'after-hours' ? 'after_hours'
      : input.reason === 'busy' ? 'busy'
        : 'unavailable';
  const personal = input.recorded[kind];
  if (personal) return { kind, media: [personal], personal: true };
  const who = input.recorded.name ? [input.recorded.name] : ['sound:vm-theperson', `digits:${input.extension}`];
  const state = kind === 'busy' ? 'sound:vm-isonphone' : 'sound:vm-isunavail';
  return { kind, media: [...who, state, 'sound:vm-intro'], personal: false };
}
