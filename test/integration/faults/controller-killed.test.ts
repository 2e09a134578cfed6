import { expect } from 'chai';
import { ControllerProcess } from '../../../bench/lib/controller.js';
import { bridgedDevices, bridges, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { testEnv } from '../../support/test-env.js';
import { waitFor } from '../../support/wait-for.js';
import { answeredCall } from '../../support/calls.js';

/**
 * The controller dies (SIGKILL, as a crash) and its supervisor starts it again on the same
 * database. Asterisk keeps the channels of a dead Stasis app in silence, so what the
 * callers get depends on the reconciler (src/calls/reconciler.ts) of the new process.
 */
describe('faults: the controller is killed mid-call and restarted', function () {
  this.timeout(90_000);
  let controller: ControllerProcess;
  let phones: Awaited<ReturnType<typeof startPhones<'mary' | 'bob' | 'erin' | 'alice' | 'aaron'>>>;

  before(async () => {
    await resetAsterisk();
    phones = await startPhones({ mary: '1005', bob: '1007', erin: '1002', alice: '1003', aaron: '1004' });
  });
  after(async () => {
    await controller?.stop();
    await phones?.stopAll();
  });
  beforeEach(async () => {
    await resetAsterisk();
    controller = new ControllerProcess(testEnv().ariUrl, { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info' });
    await controller.start();
  });
  afterEach(async () => { await controller.stop(); });

  it('killed while Bob rings: Mary is not left in silence, the restarted controller puts her through to Bob', async () => {
    const { mary, bob } = phones;
    const [m, b] = [mary.mark(), bob.mark()];
    await mary.dial('1007');
    await bob.waitForEvent('CALL_INCOMING', 10_000, b);
    await controller.kill();
    const afterKill = bob.mark();
    await controller.start();
    // The reconciler stops the orphaned leg and sends Mary to the dialplan fallback,
    // which rings Bob's own phone directly.
    await bob.waitForEvent('CALL_INCOMING', 15_000, afterKill);
    await bob.answer();
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    expect(await bridgedDevices(), 'Mary and Bob talk').to.satisfy((all: string[][]) => all.some((x) => x.includes('PJSIP/1005') && x.includes('PJSIP/1007'))
      || all.length === 0 /* Dial() bridges natively: no ARI-visible mixing bridge needed */);
    await mary.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, afterKill);
    await expectNothingLeft(10_000);
    await waitFor('the controller tracks no call', async () => (await controller.activeCalls()) === 0, 5000);
  });

  it('killed while a filtered call rings Erin\'s assistants: after restart Mary reaches Erin\'s own phone, the assistants stop ringing', async () => {
    const { mary, erin, alice, aaron } = phones;
    const [m, e, a1, a2] = [mary.mark(), erin.mark(), alice.mark(), aaron.mark()];
    await mary.dial('1002');
    // The demo executive filters every call to her pool, alerted simultaneously.
    await alice.waitForEvent('CALL_INCOMING', 10_000, a1);
    await aaron.waitForEvent('CALL_INCOMING', 10_000, a2);
    expect(erin.has('CALL_INCOMING', e), 'Erin is not disturbed by a filtered call').to.equal(false);
    await controller.kill();
    await controller.start();
    await alice.waitForEvent('CALL_CLOSED', 15_000, a1);
    await aaron.waitForEvent('CALL_CLOSED', 15_000, a2);
    // The dialplan fallback of an extension is that user's own phone (PRODUCT.md section 6).
    await erin.waitForEvent('CALL_INCOMING', 15_000, e);
    await erin.answer();
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await mary.hangup();
    await erin.waitForEvent('CALL_CLOSED', 10_000, e);
    await expectNothingLeft(10_000);
    await waitFor('the controller tracks no call', async () => (await controller.activeCalls()) === 0, 5000);
  });

  it('killed during an answered call: the call stays up, is adopted after restart, and ends for both when one hangs up', async () => {
    const { mary, bob } = phones;
    const { callerMark: m, calleeMark: b } = await answeredCall(mary, bob, '1007');
    await controller.kill();
    await new Promise((r) => setTimeout(r, 2000)); // the call must survive a controller outage, not just a blip
    expect(mary.has('CALL_CLOSED', m) || bob.has('CALL_CLOSED', b), 'nobody was cut off').to.equal(false);
    expect(await bridgedDevices()).to.deep.equal([['PJSIP/1005', 'PJSIP/1007']]);
    await controller.start();
    // After restart, the controller's view matches Asterisk's: one call, the one bridge.
    await waitFor('the restarted controller to adopt the call', async () => (await controller.activeCalls()) === 1, 10_000);
    expect((await bridges()).filter((x) => x.channels.length > 0)).to.have.length(1);
    await mary.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, b);
    await expectNothingLeft(10_000);
    await waitFor('the controller tracks no call', async () => (await controller.activeCalls()) === 0, 5000);
  });
});
