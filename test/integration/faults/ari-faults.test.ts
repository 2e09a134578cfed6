import { expect } from 'chai';
import { bridgedDevices, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { testEnv } from '../../support/test-env.js';
import { waitFor } from '../../support/wait-for.js';
import { AriProxy } from './ari-proxy.js';
import { callGoesThrough, untilHealthy } from './fault-support.js';
import { answeredCall } from '../../support/calls.js';

/** The controller talks to ARI through a fault-injecting proxy; Asterisk itself stays fine. */
describe('faults: the ARI connection misbehaves (real Asterisk, real SIP phones)', function () {
  this.timeout(90_000);
  let sb: RunningSwitchboard;
  let proxy: AriProxy;
  let phones: Awaited<ReturnType<typeof startPhones<'mary' | 'bob'>>>;

  before(async () => {
    await resetAsterisk();
    proxy = new AriProxy(new URL(testEnv().ariUrl));
    await proxy.start();
    sb = await startSwitchboard({ seed: true, env: { ARI_URL: proxy.url } });
    phones = await startPhones({ mary: '1005', bob: '1007' });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
    await proxy?.stop();
  });
  beforeEach(async () => {
    proxy.rules = [];
    await resetAsterisk();
    await untilHealthy(sb.baseUrl);
  });

  const untilNoSession = () => waitFor('no call session left', () => sb.app.tracker.size === 0, 10_000,
    () => `sessions: ${sb.app.tracker.all().map((s) => `${s.id}(${s.state})`).join(', ')}`);

  it('the websocket drops during an answered call (HTTP stays up): it reconnects, the call stays up and still ends cleanly', async () => {
    const { mary, bob } = phones;
    const { calleeMark: b } = await answeredCall(mary, bob, '1007');
    const reconnects = sb.app.ari.connection.reconnects;
    sb.app.ari.connection.simulateDrop();
    await waitFor('the websocket to come back', () => sb.app.ari.connection.reconnects > reconnects && sb.app.ari.connection.connected, 10_000);
    await untilHealthy(sb.baseUrl);
    expect(await bridgedDevices()).to.deep.equal([['PJSIP/1005', 'PJSIP/1007']]);
    expect(sb.app.tracker.size).to.equal(1);
    await mary.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, b);
    await expectNothingLeft();
    await untilNoSession();
  });

  it('the websocket is down for 3 s while Mary hangs up: after reconnecting, Bob is released and no session is left', async () => {
    const { mary, bob } = phones;
    const { calleeMark: b } = await answeredCall(mary, bob, '1007');
    proxy.cutWebsockets(3000);
    await waitFor('the controller to notice', () => !sb.app.ari.connection.connected, 5000);
    await mary.hangup(); // the hangup event is never delivered to the controller
    await untilHealthy(sb.baseUrl, 20_000);
    await bob.waitForEvent('CALL_CLOSED', 10_000, b);
    await expectNothingLeft();
    await untilNoSession();
  });

  it('ARI answers every request 400 ms late: the call still goes through', async () => {
    proxy.rules = [{ match: () => true, delayMs: 400 }];
    await callGoesThrough(phones.mary, phones.bob, '1007');
    await untilNoSession();
  });

  it('ARI refuses to create the bridge (500) after Bob answers: Mary is not left in silence, the fallback rings Bob again', async () => {
    proxy.rules = [{ match: (method, path) => method === 'POST' && /^\/ari\/bridges\/[^/?]+(\?|$)/.test(path), status: 500 }];
    const { mary, bob } = phones;
    const [m, b] = [mary.mark(), bob.mark()];
    await mary.dial('1007');
    await bob.waitForEvent('CALL_INCOMING', 10_000, b);
    await bob.answer();
    const closed = await bob.waitForEvent('CALL_CLOSED', 10_000, b);
    // Switchboard gave up and sent Mary to the dialplan fallback: Bob's own phone rings
    // (right after, so look from the hangup on, not from now).
    const again = bob.events.indexOf(closed) + 1;
    await bob.waitForEvent('CALL_INCOMING', 10_000, again);
    await bob.answer();
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await mary.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, again);
    await expectNothingLeft();
    await untilNoSession();
  });

  it('ARI fails every request for a moment (500): the call fails over, then the next call works', async () => {
    proxy.rules = [{ match: (method, path) => method === 'POST' && /^\/ari\/channels(\?|$)/.test(path), status: 500 }];
    const { mary } = phones;
    const m = mary.mark();
    await mary.dial('1007');
    // Bob cannot be rung through Switchboard: Mary hears why (or reaches voicemail), never silence.
    await mary.waitForEvent('CALL_ESTABLISHED', 15_000, m);
    await mary.hangup();
    await mary.waitForEvent('CALL_CLOSED', 10_000, m);
    await expectNothingLeft();
    await untilNoSession();
    proxy.rules = [];
    await callGoesThrough(phones.mary, phones.bob, '1007');
  });
});
