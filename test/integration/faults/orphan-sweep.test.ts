import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { asteriskRest, bridgedDevices, bridges, channels, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { answeredCall } from '../../support/calls.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';

const GRACE_MS = 3000;

/**
 * Something in our Stasis app that no call owns (a hang-up that was lost, a create
 * request that timed out after Asterisk did it) is cleaned up by the periodic sweep
 * (src/calls/orphan-sweep.ts), not only when the controller reconnects; calls in
 * progress and other applications' bridges are left alone.
 */
describe('faults: the periodic sweep clears channels and bridges no call owns', function () {
  this.timeout(60_000);
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'mary' | 'bob'>>>;

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true, env: { ORPHAN_SWEEP_INTERVAL_MS: '500', ORPHAN_SWEEP_GRACE_MS: String(GRACE_MS) } });
    phones = await startPhones({ mary: '1005', bob: '1007' });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(resetAsterisk);

  it('hangs up an unowned channel and destroys an unowned bridge after the grace period, while Mary and Bob keep talking', async () => {
    const { mary, bob } = phones;
    const { callerMark: m, calleeMark: b } = await answeredCall(mary, bob, '1007');
    const orphanChannel = `orphan-${randomUUID()}`;
    const orphanBridge = `executive-${randomUUID()}`;
    const othersBridge = `another-app-${Date.now()}`;
    const made = Date.now();
    await asteriskRest.createChannel({ endpoint: 'Local/5550199@switchboard-pstn', app: sb.config.ari.app, appArgs: 'lost-leg', channelId: orphanChannel });
    await asteriskRest.createBridge(orphanBridge, 'mixing', 'executive');
    await asteriskRest.createBridge(othersBridge, 'mixing', 'not-ours');

    await waitFor('the orphan channel and bridge to be gone', async () => {
      const [c, br] = await Promise.all([channels(), bridges()]);
      return !c.some((x) => x.id.startsWith(orphanChannel)) && !br.some((x) => x.id === orphanBridge);
    }, GRACE_MS + 10_000);
    expect(Date.now() - made, 'nothing is touched before its grace period').to.be.at.least(GRACE_MS);

    expect(await bridgedDevices(), 'Mary and Bob still talk').to.deep.equal([['PJSIP/1005', 'PJSIP/1007']]);
    expect(mary.has('CALL_CLOSED', m) || bob.has('CALL_CLOSED', b), 'nobody was cut off').to.equal(false);
    expect((await bridges()).map((x) => x.id), "another application's bridge is left alone").to.include(othersBridge);

    await asteriskRest.destroyBridge(othersBridge);
    await mary.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, b);
    await expectNothingLeft(10_000);
  });
});
