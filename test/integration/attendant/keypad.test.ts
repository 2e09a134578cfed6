import { expect } from 'chai';
import { bridgedDevices, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import type { Phone } from '../../support/phone.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { nameSoundsEnv } from './attendant-support.js';

/**
 * The company number by keypad (PRODUCT.md 4): an outside caller dials Acme's number
 * (5552000), hears the greeting and menu, and keys an extension, spells a name, or
 * presses 0; a DID reaches its user with no menu.
 */
describe('attendant: company number by keypad (real Asterisk, real SIP phones)', function () {
  this.timeout(60_000);
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'caller' | 'olivia' | 'mary' | 'mark' | 'bob' | 'carol'>>>;

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true, env: nameSoundsEnv() });
    phones = await startPhones({ caller: '5550001', olivia: '1001', mary: '1005', mark: '1006', bob: '1007', carol: '1008' });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(resetAsterisk);

  /** The outside caller dials the company number and is answered by the attendant. */
  async function callCompanyNumber(): Promise<number> {
    const m = phones.caller.mark();
    await phones.caller.dial('5552000');
    await phones.caller.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    return m;
  }

  async function answers(phone: Phone, since: number): Promise<void> {
    const incoming = await phone.waitForEvent('CALL_INCOMING', 20_000, since);
    expect(String(incoming.peeruri), 'the callee sees the outside caller').to.contain('5550001');
    await phone.answer();
  }

  async function hangUpAndCheck(): Promise<void> {
    const m = phones.caller.mark();
    await phones.caller.hangup();
    await phones.caller.waitForEvent('CALL_CLOSED', 10_000, m);
    await expectNothingLeft();
  }

  it('a caller keys an extension: Bob rings, answers, and is bridged with the caller', async () => {
    const b = phones.bob.mark();
    await callCompanyNumber();
    await phones.caller.press('1007#');
    await answers(phones.bob, b);
    await waitFor('caller and Bob bridged', async () => JSON.stringify(await bridgedDevices()) === JSON.stringify([['PJSIP/1007', 'PJSIP/5550001']]), 10_000);
    await hangUpAndCheck();
  });

  it('a caller spells a first name (C-A-R-O-L = 22765; 2276 would also be A-A-R-O-n): Carol White rings', async () => {
    const c = phones.carol.mark();
    await callCompanyNumber();
    await phones.caller.press('22765#');
    await answers(phones.carol, c);
    await waitFor('caller and Carol bridged', async () => JSON.stringify(await bridgedDevices()) === JSON.stringify([['PJSIP/1008', 'PJSIP/5550001']]), 10_000);
    await hangUpAndCheck();
  });

  it('a caller spells a shared last name (J-O-N-E-S): both Joneses are listed (Mark 1, Mary 2); 1 picks Mark', async () => {
    const [mary, mark] = [phones.mary.mark(), phones.mark.mark()];
    await callCompanyNumber();
    await phones.caller.press('56637#');
    // The list is read out ("For Mark Jones, extension 1006, press 1. For Mary Jones…"); the caller keys over it.
    await phones.caller.press('1');
    await answers(phones.mark, mark);
    expect(phones.mary.has('CALL_INCOMING', mary), 'Mary is not rung').to.equal(false);
    await hangUpAndCheck();
  });

  it('a call to Mary’s DID (5552005) rings Mary at once, with no menu', async () => {
    const m = phones.mary.mark();
    const c = phones.caller.mark();
    await phones.caller.dial('5552005');
    await answers(phones.mary, m);
    await phones.caller.waitForEvent('CALL_ESTABLISHED', 10_000, c);
    await waitFor('caller and Mary bridged', async () => JSON.stringify(await bridgedDevices()) === JSON.stringify([['PJSIP/1005', 'PJSIP/5550001']]), 10_000);
    await hangUpAndCheck();
  });

  it('0 reaches the operator (Olivia, 1001)', async () => {
    const o = phones.olivia.mark();
    await callCompanyNumber();
    await phones.caller.press('0');
    await answers(phones.olivia, o);
    await hangUpAndCheck();
  });

  it('too many wrong tries: three invalid entries, then the operator rings', async () => {
    const o = phones.olivia.mark();
    await callCompanyNumber();
    // "1#" is neither an extension nor a spelling; keys typed ahead are kept for the next try.
    await phones.caller.press('1#1#1#');
    await answers(phones.olivia, o);
    await hangUpAndCheck();
  });

  it('an internal phone dials 0 (the company extension) and keys an extension', async () => {
    const b = phones.bob.mark();
    const m = phones.mary.mark();
    await phones.mary.dial('0');
    await phones.mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await phones.mary.press('1007#');
    const incoming = await phones.bob.waitForEvent('CALL_INCOMING', 20_000, b);
    expect(String(incoming.peeruri)).to.contain('1005');
    await phones.bob.answer();
    await waitFor('Mary and Bob bridged', async () => JSON.stringify(await bridgedDevices()) === JSON.stringify([['PJSIP/1005', 'PJSIP/1007']]), 10_000);
    const mm = phones.mary.mark();
    await phones.mary.hangup();
    await phones.mary.waitForEvent('CALL_CLOSED', 10_000, mm);
    await expectNothingLeft();
  });
});
