export interface WeeklyHours {
  /** 0 = Sunday … 6 = Saturday. */
  dayOfWeek: number;
  opens: string;
  closes: string;
}
export interface Holiday { startsOn: string; endsOn: string }
export type GreetingKind = 'business-hours' | 'after-hours' | 'holiday';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock date, weekday and minute of the day of `instant` in `timezone`. */
export function localTime(instant: Date, timezone: string): { date: string; dayOfWeek: number; minutes: number } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    dayOfWeek: WEEKDAYS.indexOf(parts.weekday ?? 'Sun'),
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * Which greeting the company number plays now: a holiday wins over the weekly hours; an
 * organisation with no hours at all is always open (a fresh install answers as open).
 * `closes` is exclusive; `closes` ≤ `opens` means the interval runs past midnight.
 */
export function greetingAt(now: Date, timezone: string, hours: WeeklyHours[], holidays: Holiday[]): GreetingKind {
  const local = localTime(now, timezone);
  if (holidays.some((h) => h.startsOn <= local.date && local.date <= h.endsOn)) return 'holiday';
  if (hours.length === 0) return 'business-hours';
  const yesterday = (local.dayOfWeek + 6) % 7;
  const open = hours.some((h) => {
    const opens = minutesOf(h.opens);
    const closes = minutesOf(h.closes);
    if (closes > opens) return h.dayOfWeek === local.dayOfWeek && local.minutes >= opens && local.minutes < closes;
    // Overnight: the evening part on its own day, the morning part on the next.
    return (h.dayOfWeek === local.dayOfWeek && local.minutes >= opens) || (h.dayOfWeek === yesterday && local.minutes < closes);
  });
  return open ? 'business-hours' : 'after-hours';
}
