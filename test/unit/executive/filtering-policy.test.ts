import { expect } from 'chai';
import { classifyCaller, criterionMatches, isCallFiltered, type CallToExecutive } from '../../../src/features/executive/policy/call-filtering.js';
import { inTimeSchedule, localTime, onHoliday, type LocalTime } from '../../../src/features/executive/policy/schedule.js';
import type { FilterCriterion, FilteringSettings } from '../../../src/features/executive/settings/executive-settings.js';

const internalCall: CallToExecutive = { callerClass: 'internal', callerNumber: '1005', calledNumber: '1002' };
const externalCall: CallToExecutive = { callerClass: 'external', callerNumber: '5550001', calledNumber: '5552002' };
const anonymousCall: CallToExecutive = { callerClass: 'anonymous', callerNumber: '', calledNumber: '5552002' };
const unavailableCall: CallToExecutive = { callerClass: 'unavailable', callerNumber: '', calledNumber: '5552002' };
// Monday 10:00, 2026-11-23.
const mondayMorning: LocalTime = { weekday: 1, minutes: 600, date: '2026-11-23' };
const sundayNight: LocalTime = { weekday: 0, minutes: 23 * 60, date: '2026-11-22' };

const criterion = (over: Partial<FilterCriterion> = {}): FilterCriterion => ({
  name: 'c', enabled: true, action: 'filter', timeSchedule: null, holidaySchedule: null,
  callers: { kind: 'any', numbers: [], includeAnonymous: false, includeUnavailable: false },
  calledNumbers: [], ...over,
});
const filtering = (over: Partial<FilteringSettings>): FilteringSettings => ({ enabled: true, mode: 'all', criteria: [], ...over });

describe('executive call filtering (policy)', () => {
  describe('classifyCaller', () => {
    it('a device of a user of the organisation is internal, whatever it presents', () => {
      expect(classifyCaller({ fromOrganisationUser: true, presentedNumber: 'anonymous', presentedName: '' })).to.equal('internal');
    });
    it('a withheld number is anonymous', () => {
      for (const n of ['anonymous', 'Anonymous', 'restricted', 'private']) {
        expect(classifyCaller({ fromOrganisationUser: false, presentedNumber: n, presentedName: '' })).to.equal('anonymous');
      }
      expect(classifyCaller({ fromOrganisationUser: false, presentedNumber: '', presentedName: 'Anonymous' })).to.equal('anonymous');
    });
    it('no number at all is unavailable', () => {
      for (const n of ['', 'unknown', 'unavailable', '  ']) {
        expect(classifyCaller({ fromOrganisationUser: false, presentedNumber: n, presentedName: '' })).to.equal('unavailable');
      }
    });
    it('a number from outside is external', () => {
      expect(classifyCaller({ fromOrganisationUser: false, presentedNumber: '+15550001', presentedName: 'X' })).to.equal('external');
    });
  });

  describe('modes', () => {
    it('filtering off lets every call through', () => {
      for (const call of [internalCall, externalCall, anonymousCall]) {
        expect(isCallFiltered(filtering({ enabled: false }), call, mondayMorning).filtered).to.equal(false);
      }
    });
    it('all calls: every call is filtered', () => {
      for (const call of [internalCall, externalCall, anonymousCall, unavailableCall]) {
        expect(isCallFiltered(filtering({ mode: 'all' }), call, mondayMorning).filtered).to.equal(true);
      }
    });
    it('internal calls: only internal callers', () => {
      expect(isCallFiltered(filtering({ mode: 'internal' }), internalCall, mondayMorning).filtered).to.equal(true);
      expect(isCallFiltered(filtering({ mode: 'internal' }), externalCall, mondayMorning).filtered).to.equal(false);
      expect(isCallFiltered(filtering({ mode: 'internal' }), anonymousCall, mondayMorning).filtered).to.equal(false);
    });
    it('external calls: outside callers, anonymous and unavailable included', () => {
      expect(isCallFiltered(filtering({ mode: 'external' }), internalCall, mondayMorning).filtered).to.equal(false);
      for (const call of [externalCall, anonymousCall, unavailableCall]) {
        expect(isCallFiltered(filtering({ mode: 'external' }), call, mondayMorning).filtered).to.equal(true);
      }
    });
    it('criteria with none matching: not filtered', () => {
      expect(isCallFiltered(filtering({ mode: 'criteria', criteria: [] }), externalCall, mondayMorning))
        .to.deep.equal({ filtered: false, reason: 'no criterion matches' });
    });
    it('criteria: a matching filter criterion filters', () => {
      const decision = isCallFiltered(filtering({ mode: 'criteria', criteria: [criterion({ name: 'everyone' })] }), externalCall, mondayMorning);
      expect(decision).to.deep.equal({ filtered: true, reason: 'filtered by "everyone"' });
    });
    it('criteria: a let-through exception wins over a filter criterion, whatever the order', () => {
      const vip = criterion({ name: 'vip', action: 'let-through', callers: { kind: 'listed', numbers: ['5550001'], includeAnonymous: false, includeUnavailable: false } });
      const everyone = criterion({ name: 'everyone' });
      for (const criteria of [[everyone, vip], [vip, everyone]]) {
        expect(isCallFiltered(filtering({ mode: 'criteria', criteria }), externalCall, mondayMorning).filtered).to.equal(false);
        expect(isCallFiltered(filtering({ mode: 'criteria', criteria }), internalCall, mondayMorning).filtered).to.equal(true);
      }
    });
    it('criteria: a disabled criterion is ignored', () => {
      expect(isCallFiltered(filtering({ mode: 'criteria', criteria: [criterion({ enabled: false })] }), externalCall, mondayMorning).filtered).to.equal(false);
    });
  });

  describe('criterion matching', () => {
    const callers = (kind: FilterCriterion['callers']['kind'], extra: Partial<FilterCriterion['callers']> = {}) =>
      criterion({ callers: { kind, numbers: [], includeAnonymous: false, includeUnavailable: false, ...extra } });

    it('any caller matches everyone, anonymous and unavailable included', () => {
      for (const call of [internalCall, externalCall, anonymousCall, unavailableCall]) expect(criterionMatches(callers('any'), call, mondayMorning)).to.equal(true);
    });
    it('internal callers only', () => {
      expect(criterionMatches(callers('internal'), internalCall, mondayMorning)).to.equal(true);
      expect(criterionMatches(callers('internal'), externalCall, mondayMorning)).to.equal(false);
    });
    it('external callers only; anonymous and unavailable only when chosen', () => {
      expect(criterionMatches(callers('external'), externalCall, mondayMorning)).to.equal(true);
      expect(criterionMatches(callers('external'), internalCall, mondayMorning)).to.equal(false);
      expect(criterionMatches(callers('external'), anonymousCall, mondayMorning)).to.equal(false);
      expect(criterionMatches(callers('external', { includeAnonymous: true }), anonymousCall, mondayMorning)).to.equal(true);
      expect(criterionMatches(callers('external'), unavailableCall, mondayMorning)).to.equal(false);
      expect(criterionMatches(callers('external', { includeUnavailable: true }), unavailableCall, mondayMorning)).to.equal(true);
    });
    it('listed numbers: exact or prefix with *, plus anonymous/unavailable options', () => {
      const listed = callers('listed', { numbers: ['1005', '555*'] });
      expect(criterionMatches(listed, internalCall, mondayMorning)).to.equal(true);
      expect(criterionMatches(listed, externalCall, mondayMorning)).to.equal(true);
      expect(criterionMatches(listed, { ...externalCall, callerNumber: '4441234' }, mondayMorning)).to.equal(false);
      expect(criterionMatches(listed, anonymousCall, mondayMorning)).to.equal(false);
      expect(criterionMatches(callers('listed', { includeAnonymous: true }), anonymousCall, mondayMorning)).to.equal(true);
      expect(criterionMatches(callers('listed', { includeUnavailable: true }), unavailableCall, mondayMorning)).to.equal(true);
      expect(criterionMatches(callers('listed', { includeUnavailable: true }), anonymousCall, mondayMorning)).to.equal(false);
    });
    it('called numbers: only calls to the chosen numbers of the executive', () => {
      const didOnly = criterion({ calledNumbers: ['5552002'] });
      expect(criterionMatches(didOnly, externalCall, mondayMorning)).to.equal(true);
      expect(criterionMatches(didOnly, internalCall, mondayMorning)).to.equal(false);
    });
    it('time schedule: only inside the slots', () => {
      const officeHours = criterion({ timeSchedule: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }] });
      expect(criterionMatches(officeHours, externalCall, mondayMorning)).to.equal(true);
      expect(criterionMatches(officeHours, externalCall, sundayNight)).to.equal(false);
      expect(criterionMatches(officeHours, externalCall, { ...mondayMorning, minutes: 17 * 60 })).to.equal(false, 'end is exclusive');
      expect(criterionMatches(officeHours, externalCall, { ...mondayMorning, minutes: 9 * 60 })).to.equal(true, 'start is inclusive');
    });
    it('holiday schedule: only on the holidays', () => {
      const holidays = criterion({ holidaySchedule: [{ name: 'Thanksgiving', from: '2026-11-26', to: '2026-11-27' }] });
      expect(criterionMatches(holidays, externalCall, mondayMorning)).to.equal(false);
      expect(criterionMatches(holidays, externalCall, { weekday: 4, minutes: 600, date: '2026-11-26' })).to.equal(true);
      expect(criterionMatches(holidays, externalCall, { weekday: 5, minutes: 600, date: '2026-11-27' })).to.equal(true);
    });
  });

  describe('schedules', () => {
    it('a slot past midnight covers the night into the next day', () => {
      const night = [{ days: [1], start: '22:00', end: '06:00' }];
      expect(inTimeSchedule(night, { weekday: 1, minutes: 23 * 60, date: '' })).to.equal(true);
      expect(inTimeSchedule(night, { weekday: 2, minutes: 5 * 60, date: '' })).to.equal(true);
      expect(inTimeSchedule(night, { weekday: 2, minutes: 7 * 60, date: '' })).to.equal(false);
      expect(inTimeSchedule(night, { weekday: 1, minutes: 5 * 60, date: '' })).to.equal(false);
    });
    it('00:00–24:00 is all day', () => {
      expect(inTimeSchedule([{ days: [3], start: '00:00', end: '24:00' }], { weekday: 3, minutes: 1439, date: '' })).to.equal(true);
    });
    it('holidays include both ends', () => {
      const h = [{ name: 'x', from: '2026-12-24', to: '2026-12-26' }];
      expect(onHoliday(h, { weekday: 0, minutes: 0, date: '2026-12-23' })).to.equal(false);
      expect(onHoliday(h, { weekday: 0, minutes: 0, date: '2026-12-24' })).to.equal(true);
      expect(onHoliday(h, { weekday: 0, minutes: 0, date: '2026-12-26' })).to.equal(true);
    });
    it('localTime reads the wall clock of the organisation time zone', () => {
      const at = new Date('2026-11-23T15:30:00Z');
      expect(localTime(at, 'UTC')).to.deep.equal({ weekday: 1, minutes: 15 * 60 + 30, date: '2026-11-23' });
      expect(localTime(at, 'America/New_York')).to.deep.equal({ weekday: 1, minutes: 10 * 60 + 30, date: '2026-11-23' });
      expect(localTime(new Date('2026-11-23T02:00:00Z'), 'America/Los_Angeles')).to.deep.equal({ weekday: 0, minutes: 18 * 60, date: '2026-11-22' });
      expect(localTime(at, 'Not/A_Zone')).to.deep.equal(localTime(at, 'UTC'));
    });
  });
});
