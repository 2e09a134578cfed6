import { expect } from 'chai';
import { setOutOfOffice, clearOutOfOffice } from '../../../src/features/attendant/settings/out-of-office.js';
import type { FilterCriterion } from '../../../src/features/executive/settings/executive-settings.js';
import { bridgedAre, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { erinFilters } from './filtering-support.js';

const anyCaller = { kind: 'any' as const, numbers: [], includeAnonymous: true, includeUnavailable: true };
const toNumbers = (calledNumbers: string[]): FilterCriterion => ({
  name: `calls to ${calledNumbers.join(', ')}`, enabled: true, action: 'filter', timeSchedule: null, holidaySchedule: null, callers: anyCaller, calledNumbers,
});

/**
 * A caller the attendant puts through to an executive (keys 1002 at the company number)
 * meets the executive's out of office and called-number criteria like any other caller:
 * they were once handed to the executive feature before either was applied.
 */
describe('attendant → executive: out of office and called-number criteria apply (real Asterisk, real phones)', function () {
  this.timeout(60_000);
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'caller' | 'erin' | 'alice' | 'aaron' | 'bob'>>>;

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true });
    phones = await startPhones({ caller: '5550001', erin: '1002', alice: '1003', aaron: '1004', bob: '1007' });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(resetAsterisk);
  afterEach(async () => {
    await clearOutOfOffice(sb.app.db, sb.demo!.executive.id);
    await waitFor('no session left', () => sb.app.tracker.size === 0, 5000);
  });

  async function callErinThroughTheAttendant(): Promise<void> {
    const { caller } = phones;
    const c = caller.mark();
    await caller.dial('5552000');
    await caller.waitForEvent('CALL_ESTABLISHED', 10_000, c);
    await caller.press('1002#');
  }

  it('Erin is out of office with Bob as backup: Bob rings, her assistants do not', async () => {
    await erinFilters(sb);
    const bobId = sb.demo!.directory.find((u) => u.extension === '1007')!.id;
    await setOutOfOffice(sb.app.db, sb.demo!.executive.id, { backupUserId: bobId });
    const { caller, erin, alice, aaron, bob } = phones;
    const [e, a, r, b] = [erin.mark(), alice.mark(), aaron.mark(), bob.mark()];
    await callErinThroughTheAttendant();
    await bob.waitForEvent('CALL_INCOMING', 20_000, b);
    await bob.answer();
    await waitFor('the caller bridged with Bob', bridgedAre(['PJSIP/1007', 'PJSIP/5550001']), 10_000);
    for (const [phone, since] of [[alice, a], [aaron, r], [erin, e]] as const) {
      expect(phone.has('CALL_INCOMING', since), `${phone.endpoint} did not ring`).to.equal(false);
    }
    await caller.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, b);
    await expectNothingLeft();
  });

  it('a criterion filtering calls to Erin\'s extension takes the put-through caller: Alice and Aaron ring', async () => {
    await erinFilters(sb, { filtering: { mode: 'criteria', criteria: [toNumbers(['1002'])] } });
    const { caller, erin, alice, aaron } = phones;
    const [e, a, r] = [erin.mark(), alice.mark(), aaron.mark()];
    await callErinThroughTheAttendant();
    await Promise.all([alice.waitForEvent('CALL_INCOMING', 20_000, a), aaron.waitForEvent('CALL_INCOMING', 20_000, r)]);
    expect(erin.has('CALL_INCOMING', e), 'Erin did not ring').to.equal(false);
    await caller.hangup();
    await Promise.all([alice.waitForEvent('CALL_CLOSED', 10_000, a), aaron.waitForEvent('CALL_CLOSED', 10_000, r)]);
    await expectNothingLeft();
  });

  it('a criterion filtering only calls to Erin\'s DID does not: the caller dialled the company number, and Erin rings', async () => {
    await erinFilters(sb, { filtering: { mode: 'criteria', criteria: [toNumbers(['5552002'])] } });
    const { caller, erin, alice } = phones;
    const [e, a] = [erin.mark(), alice.mark()];
    await callErinThroughTheAttendant();
    await erin.waitForEvent('CALL_INCOMING', 20_000, e);
    expect(alice.has('CALL_INCOMING', a), 'Alice did not ring').to.equal(false);
    await caller.hangup();
    await erin.waitForEvent('CALL_CLOSED', 10_000, e);
    await expectNothingLeft();
  });
});
