import type { Holiday, TimeSlot } from '../settings/executive-settings.js';

/** A moment as the organisation's wall clock shows it: what schedules are written in. */
export interface LocalTime {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
  /** `YYYY-MM-DD`. */
  date: string;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `at` on the wall clock of `timeZone` (an IANA name); an unknown zone counts as UTC. */
export function localTime(at: Date, timeZone: string): LocalTime {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    }).formatToParts(at);
  } catch {
    return localTime(at, 'UTC');
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    weekday: WEEKDAYS.indexOf(part('weekday')),
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
    date: `${part('year')}-${part('month')}-${part('day')}`,
  };
}

/** `HH:MM` → minutes since midnight; `24:00` is the end of the day. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * Within a weekly schedule. A slot whose end is before its start runs past midnight
 * (`22:00`–`06:00` on Monday covers Monday night and Tuesday morning).
 */
export function inTimeSchedule(slots: TimeSlot[], at: LocalTime): boolean {
  return slots.some((slot) => {
    const start = minutesOf(slot.start);
    const end = minutesOf(slot.end);
    if (start <= end) return slot.days.includes(at.weekday) && at.minutes >= start && at.minutes < end;
    const yesterday = (at.weekday + 6) % 7;
    return (slot.days.includes(at.weekday) && at.minutes >= start) || (slot.days.includes(yesterday) && at.minutes < end);
  });
}

/** On one of the holidays (date ranges, both ends included). */
export function onHoliday(holidays: Holiday[], at: LocalTime): boolean {
  return holidays.some((h) => at.date >= h.from && at.date <= h.to);
}
