import { expect } from 'chai';
import { bridgedAre, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { testEnv } from '../../support/test-env.js';
import { waitFor } from '../../support/wait-for.js';
import { AriProxy } from './ari-proxy.js';
import { callGoesThrough, untilHealthy } from './fault-support.js';

const isRecord = (method: string, path: string) => method === 'POST' && /^\/ari\/channels\/[^/]+\/record/.test(path);

/**
 * The attendant's speech menu records the caller (after a beep) to hear a name. An
 * anonymous caller must not be able to crash or stall the controller there: neither by
 * hanging up while the record request is in flight, nor when Asterisk refuses to record.
 * (An unhandled rejection in the controller fails the test run itself: mocha reports it.)
 */
describe('faults: the speech menu\'s recording fails or races a hang-up (real Asterisk, real SIP phones)', function () {
  this.timeout(90_000);
  let sb: RunningSwitchboard;
  let proxy: AriProxy;
  let phones: Awaited<ReturnType<typeof startPhones<'caller' | 'mary' | 'bob'>>>;
  let recordRequests = 0;

  before(async () => {
    await resetAsterisk();
    proxy = new AriProxy(new URL(testEnv().ariUrl));
    await proxy.start();
    sb = await startSwitchboard({ seed: true, env: { ARI_URL: proxy.url } });
    phones = await startPhones({ caller: '5550001', mary: '1005', bob: '1007' });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
    await proxy?.stop();
  });
  beforeEach(async () => {
    proxy.rules = [];
    recordRequests = 0;
    await resetAsterisk();
    await untilHealthy(sb.baseUrl);
  });

  const untilNoSession = () => waitFor('no call session left', () => sb.app.tracker.size === 0, 15_000,
    () => `sessions: ${sb.app.tracker.all().map((s) => `${s.id}(${s.state})`).join(', ')}`);

  it('the caller hangs up while the record request is in flight: the controller carries on and the next call works', async () => {
    const { caller, mary, bob } = phones;
    // The record request reaches Asterisk 3 s late, after the caller has gone.
    proxy.rules = [{ match: (method, path) => isRecord(method, path) && ++recordRequests > 0, delayMs: 3000 }];
    const c = caller.mark();
    await caller.dial('5552000');
    await caller.waitForEvent('CALL_ESTABLISHED', 10_000, c);
    await waitFor('the speech menu asking Asterisk to record', () => recordRequests >= 1, 30_000);
    await caller.hangup();
    await caller.waitForEvent('CALL_CLOSED', 10_000, c);
    await untilNoSession();
    await expectNothingLeft(10_000);
    proxy.rules = [];
    await untilHealthy(sb.baseUrl);
    await callGoesThrough(mary, bob, '1007');
  });

  it('Asterisk refuses to record: the caller is not dropped, keys an extension and reaches Bob', async () => {
    const { caller, bob } = phones;
    proxy.rules = [{ match: (method, path) => isRecord(method, path) && ++recordRequests > 0, status: 500 }];
    const [c, b] = [caller.mark(), bob.mark()];
    await caller.dial('5552000');
    await caller.waitForEvent('CALL_ESTABLISHED', 10_000, c);
    await waitFor('the speech menu trying to record', () => recordRequests >= 1, 30_000);
    await caller.press('1007#');
    const incoming = await bob.waitForEvent('CALL_INCOMING', 30_000, b);
    expect(String(incoming.peeruri), 'Bob sees the outside caller').to.contain('5550001');
    await bob.answer();
    await waitFor('caller and Bob bridged', bridgedAre(['PJSIP/1007', 'PJSIP/5550001']), 10_000);
    await caller.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, b);
    await untilNoSession();
    await expectNothingLeft(10_000);
  });
});
