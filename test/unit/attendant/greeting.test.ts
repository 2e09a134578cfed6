import { expect } from 'chai';
import { greetingAt, localTime, type WeeklyHours } from '../../../src/features/attendant/policy/greeting.js';

const weekdays: WeeklyHours[] = [1, 2, 3, 4, 5].map((dayOfWeek) => ({ dayOfWeek, opens: '09:00', closes: '17:00' }));

describe('attendant greeting choice', () => {
  it('a weekday inside the hours is business hours; the closing minute is not', () => {
    // Monday 23 November 2026.
    expect(greetingAt(new Date('2026-11-23T09:00:00Z'), 'UTC', weekdays, [])).to.equal('business-hours');
    expect(greetingAt(new Date('2026-11-23T16:59:00Z'), 'UTC', weekdays, [])).to.equal('business-hours');
    expect(greetingAt(new Date('2026-11-23T17:00:00Z'), 'UTC', weekdays, [])).to.equal('after-hours');
    expect(greetingAt(new Date('2026-11-22T12:00:00Z'), 'UTC', weekdays, [])).to.equal('after-hours');
  });
  it('uses the organisation’s timezone: 08:30 UTC is 09:30 in Paris (open), 03:30 in New York (closed)', () => {
    const at = new Date('2026-11-23T08:30:00Z');
    expect(greetingAt(at, 'Europe/Paris', weekdays, [])).to.equal('business-hours');
    expect(greetingAt(at, 'America/New_York', weekdays, [])).to.equal('after-hours');
  });
  it('the local date decides the weekday near midnight', () => {
    // Monday 00:30 in Tokyo is still Sunday in UTC.
    expect(localTime(new Date('2026-11-22T15:30:00Z'), 'Asia/Tokyo')).to.deep.equal({ date: '2026-11-23', dayOfWeek: 1, minutes: 30 });
  });
  it('a holiday wins over business hours, for every day of its range', () => {
    const holidays = [{ startsOn: '2026-12-24', endsOn: '2026-12-26' }];
    expect(greetingAt(new Date('2026-12-24T10:00:00Z'), 'UTC', weekdays, holidays)).to.equal('holiday');
    expect(greetingAt(new Date('2026-12-26T10:00:00Z'), 'UTC', weekdays, holidays)).to.equal('holiday');
    expect(greetingAt(new Date('2026-12-28T10:00:00Z'), 'UTC', weekdays, holidays)).to.equal('business-hours');
  });
  it('hours past midnight (22:00–06:00) cover the late evening and the next early morning', () => {
    const night: WeeklyHours[] = [{ dayOfWeek: 1, opens: '22:00', closes: '06:00' }];
    expect(greetingAt(new Date('2026-11-23T23:00:00Z'), 'UTC', night, [])).to.equal('business-hours');
    expect(greetingAt(new Date('2026-11-24T05:59:00Z'), 'UTC', night, [])).to.equal('business-hours');
    expect(greetingAt(new Date('2026-11-24T06:00:00Z'), 'UTC', night, [])).to.equal('after-hours');
  });
  it('no hours at all: always open (a fresh install)', () => {
    expect(greetingAt(new Date('2026-11-22T03:00:00Z'), 'UTC', [], [])).to.equal('business-hours');
  });
});
