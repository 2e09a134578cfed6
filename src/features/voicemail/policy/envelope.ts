/**
 * A message's envelope spoken with Asterisk's own recordings: who called (their
 * number digit by digit, or "unknown caller") and when ("received Monday, November 23,
 * 2 45 PM" in the mailbox's time zone).
 */
export function envelopeMedia(m: { callerNumber: string | null; receivedAt: string }, timeZone: string): string[] {
  const from = m.callerNumber && /^\+?\d+$/.test(m.callerNumber)
    ? ['sound:vm-from', `digits:${m.callerNumber.replace('+', '')}`]
    : ['sound:vm-from', 'sound:vm-unknown-caller'];
  return [...from, 'sound:vm-received', ...spokenDateTime(new Date(m.receivedAt), timeZone)];
}

export function spokenDateTime(at: Date, timeZone: string): string[] {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, weekday: 'short', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hour12: false,
  }).formatToParts(at).map((p) => [p.type, p.value])) as Record<string, string>;
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? 'Sun');
  const month = Number(parts.month) - 1;
  const hour24 = Number(parts.hour) % 24;
  const minute = Number(parts.minute);
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  const minutes = minute === 0 ? ['sound:digits/oclock'] : minute < 10 ? ['sound:digits/oh', `number:${minute}`] : [`number:${minute}`];
  return [
    `sound:digits/day-${weekday}`, `sound:digits/mon-${month}`, `number:${Number(parts.day)}`,
    `number:${hour12}`, ...minutes, hour24 < 12 ? 'sound:digits/a-m' : 'sound:digits/p-m',
  ];
}
