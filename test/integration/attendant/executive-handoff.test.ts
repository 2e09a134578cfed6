import { expect } from 'chai';
import { bridgedDevices, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';

/**
 * An executive's calls are filtered however they arrive (PRODUCT.md 3): a caller the
 * attendant puts through to Erin rings her assistants, not Erin.
 */
describe('attendant: a caller put through to an executive is filtered (real Asterisk, real SIP phones)', function () {
  this.timeout(60_000);
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'caller' | 'erin' | 'alice' | 'aaron'>>>;

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true });
    phones = await startPhones({ caller: '5550001', erin: '1002', alice: '1003', aaron: '1004' });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });

  it('the caller keys 1002 at the company number: Alice and Aaron ring, Erin does not; Alice answers and talks with the caller', async () => {
    const { caller, erin, alice, aaron } = phones;
    const [c, e, a1, a2] = [caller.mark(), erin.mark(), alice.mark(), aaron.mark()];
    await caller.dial('5552000');
    await caller.waitForEvent('CALL_ESTABLISHED', 10_000, c);
    await caller.press('1002#');
    const atAlice = await alice.waitForEvent('CALL_INCOMING', 20_000, a1);
    await aaron.waitForEvent('CALL_INCOMING', 20_000, a2);
    // The demo executive presents her own number to assistants (caller ID number mode `executive`).
    expect(String(atAlice.peeruri), 'Alice sees a call for Erin').to.contain('1002');
    await alice.answer();
    await aaron.waitForEvent('CALL_CLOSED', 10_000, a2);
    await waitFor('caller bridged with Alice', async () => JSON.stringify(await bridgedDevices()) === JSON.stringify([['PJSIP/1003', 'PJSIP/5550001']]), 10_000,
      () => 'bridges differ');
    expect(erin.has('CALL_INCOMING', e), 'Erin never rang').to.equal(false);
    const registered = (sb.app.features.find((f) => f.name === 'executive') as unknown as { calls: { forExecutive(id: number): unknown[] } }).calls;
    expect(registered.forExecutive(sb.demo!.executive.id)).to.have.length(1);
    await caller.hangup();
    await alice.waitForEvent('CALL_CLOSED', 10_000, a1);
    await expectNothingLeft();
    await waitFor('no session left', () => sb.app.tracker.size === 0, 5000);
  });
});
