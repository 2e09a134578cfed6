import { expect } from 'chai';
import { resetAsterisk } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { callGoesThrough, restartAsterisk, untilHealthy } from './fault-support.js';
import { answeredCall } from '../../support/calls.js';

describe('faults: Asterisk restarts under a running controller (real Asterisk, real SIP phones)', function () {
  this.timeout(120_000);
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'mary' | 'bob'>>>;

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true });
    phones = await startPhones({ mary: '1005', bob: '1007' });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(resetAsterisk);

  const restartAndRecover = async () => {
    const reconnects = sb.app.ari.connection.reconnects;
    await restartAsterisk();
    await untilHealthy(sb.baseUrl);
    expect(sb.app.ari.connection.reconnects).to.be.greaterThan(reconnects);
  };

  it('Asterisk is restarted under the running controller: it reconnects by itself and handles the next call', async () => {
    await restartAndRecover();
    await callGoesThrough(phones.mary, phones.bob, '1007');
    await waitFor('no call session left', () => sb.app.tracker.size === 0, 5000);
  });

  it('restarted during an answered call: both phones are released, no stale session, the next call works', async () => {
    const { mary, bob } = phones;
    const { callerMark: m, calleeMark: b } = await answeredCall(mary, bob, '1007');
    expect(sb.app.tracker.size).to.equal(1);
    await restartAndRecover();
    await mary.waitForEvent('CALL_CLOSED', 10_000, m);
    await bob.waitForEvent('CALL_CLOSED', 10_000, b);
    await waitFor('the stale session to end', () => sb.app.tracker.size === 0, 10_000,
      () => `sessions: ${sb.app.tracker.all().map((s) => `${s.id}(${s.state})`).join(', ')}`);
    await callGoesThrough(mary, bob, '1007');
  });

  it('restarted while Bob rings: the ringing stops, no stale session, the next call works', async () => {
    const { mary, bob } = phones;
    const [m, b] = [mary.mark(), bob.mark()];
    await mary.dial('1007');
    await bob.waitForEvent('CALL_INCOMING', 10_000, b);
    await restartAndRecover();
    await bob.waitForEvent('CALL_CLOSED', 10_000, b);
    await mary.waitForEvent('CALL_CLOSED', 10_000, m);
    await waitFor('the stale session to end', () => sb.app.tracker.size === 0, 10_000,
      () => `sessions: ${sb.app.tracker.all().map((s) => `${s.id}(${s.state})`).join(', ')}`);
    await callGoesThrough(mary, bob, '1007');
  });
});
