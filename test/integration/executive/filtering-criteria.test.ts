import { expect } from 'chai';
import { expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { erinFilters, expectBridged } from './filtering-support.js';

const anyCaller = { kind: 'any' as const, numbers: [], includeAnonymous: false, includeUnavailable: false };

describe('executive call filtering by criteria (real Asterisk, real phones)', () => {
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'erin' | 'alice' | 'mary' | 'outside'>>>;

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true });
    phones = await startPhones({ erin: '1002', alice: '1003', mary: '1005', outside: '5550001' });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(resetAsterisk);

  it('"filter everyone" with a let-through exception for 5550001: the exception rings Erin, Mary goes to the assistants', async () => {
    await erinFilters(sb, { filtering: { mode: 'criteria', criteria: [
      { name: 'everyone', enabled: true, action: 'filter', timeSchedule: null, holidaySchedule: null, callers: anyCaller, calledNumbers: [] },
      { name: 'VIP', enabled: true, action: 'let-through', timeSchedule: null, holidaySchedule: null,
        callers: { ...anyCaller, kind: 'listed', numbers: ['5550001'] }, calledNumbers: [] },
    ] } });
    const { erin, alice, mary, outside } = phones;
    let [e, a, o] = [erin.mark(), alice.mark(), outside.mark()];
    await outside.dial('5552002');
    await erin.waitForEvent('CALL_INCOMING', 10_000, e);
    expect(alice.has('CALL_INCOMING', a), 'the VIP is not filtered').to.equal(false);
    await erin.answer();
    await outside.waitForEvent('CALL_ESTABLISHED', 10_000, o);
    await expectBridged([['PJSIP/1002', 'PJSIP/5550001']]);
    await outside.hangup();
    await expectNothingLeft();

    [e, a] = [erin.mark(), alice.mark()];
    await mary.dial('1002');
    await alice.waitForEvent('CALL_INCOMING', 10_000, a);
    expect(erin.has('CALL_INCOMING', e)).to.equal(false);
    await mary.hangup();
    await alice.waitForEvent('CALL_CLOSED', 10_000, a);
    await expectNothingLeft();
  });

  it('a criterion on the called number: calls to Erin\'s DID are filtered, calls to her extension are not', async () => {
    await erinFilters(sb, { filtering: { mode: 'criteria', criteria: [
      { name: 'DID only', enabled: true, action: 'filter', timeSchedule: null, holidaySchedule: null, callers: anyCaller, calledNumbers: ['5552002'] },
    ] } });
    const { erin, alice, mary, outside } = phones;
    let [e, a] = [erin.mark(), alice.mark()];
    await outside.dial('5552002');
    await alice.waitForEvent('CALL_INCOMING', 10_000, a);
    expect(erin.has('CALL_INCOMING', e)).to.equal(false);
    await outside.hangup();
    await alice.waitForEvent('CALL_CLOSED', 10_000, a);
    await expectNothingLeft();

    [e, a] = [erin.mark(), alice.mark()];
    await mary.dial('1002');
    await erin.waitForEvent('CALL_INCOMING', 10_000, e);
    expect(alice.has('CALL_INCOMING', a)).to.equal(false);
    await mary.hangup();
    await erin.waitForEvent('CALL_CLOSED', 10_000, e);
    await expectNothingLeft();
  });
});
