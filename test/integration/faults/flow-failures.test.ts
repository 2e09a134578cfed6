import { expect } from 'chai';
import { expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import type { Phone } from '../../support/phone.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { testEnv } from '../../support/test-env.js';
import { waitFor } from '../../support/wait-for.js';
import { erinFilters } from '../executive/filtering-support.js';
import { AriProxy, type ProxyRule } from './ari-proxy.js';
import { untilHealthy } from './fault-support.js';

/**
 * Asterisk refuses to create a bridge: the flow fails when someone answers and the caller
 * is to be bridged with them. (A leg that cannot be created is no failure: policy treats
 * it as the callee unreachable, and the caller reaches voicemail.)
 */
const refuseBridges: ProxyRule = { match: (method, path) => method === 'POST' && /^\/ari\/bridges(\/[^/?]+)?(\?|$)/.test(path), status: 500 };
/** Asterisk refuses to play anything: every prompt fails. */
const refusePrompts: ProxyRule = { match: (method, path) => method === 'POST' && /^\/ari\/channels\/[^/]+\/play/.test(path), status: 500 };

/**
 * A flow that fails inside a session, in each feature (plain calls, executive filtering,
 * the attendant, voicemail): it is counted in switchboard_errors_total under its kind,
 * and the caller is not left in silence: the dialplan fallback rings the person they
 * wanted (or the operator), or the call ends after the failure.
 */
describe('faults: a flow fails inside a session, in every feature (real Asterisk, real SIP phones)', function () {
  this.timeout(120_000);
  let sb: RunningSwitchboard;
  let proxy: AriProxy;
  let phones: Awaited<ReturnType<typeof startPhones<'caller' | 'olivia' | 'erin' | 'alice' | 'mary' | 'bob'>>>;

  before(async () => {
    await resetAsterisk();
    proxy = new AriProxy(new URL(testEnv().ariUrl));
    await proxy.start();
    sb = await startSwitchboard({ seed: true, env: { ARI_URL: proxy.url } });
    phones = await startPhones({ caller: '5550001', olivia: '1001', erin: '1002', alice: '1003', mary: '1005', bob: '1007' });
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
  afterEach(async () => {
    proxy.rules = [];
    await expectNothingLeft(10_000);
    await waitFor('no call session left', () => sb.app.tracker.size === 0, 10_000,
      () => sb.app.tracker.all().map((s) => `${s.id}(${s.state})`).join(', '));
  });

  /** switchboard_errors_total{where="call-flow:<kind>"} as /metrics shows it. */
  async function flowFailures(kind: string): Promise<number> {
    const text = await (await fetch(`${sb.baseUrl}/metrics`)).text();
    const line = new RegExp(`^switchboard_errors_total\\{where="call-flow:${kind}"\\} (\\d+)`, 'm').exec(text);
    return line ? Number(line[1]) : 0;
  }

  /** `callee` answers a leg Switchboard rang; the bridge is refused, so that leg ends and the failure is counted. */
  async function answersInVain(callee: Phone, calleeMark: number, kind: string, before: number): Promise<number> {
    await callee.waitForEvent('CALL_INCOMING', 20_000, calleeMark);
    await callee.answer();
    const closed = await callee.waitForEvent('CALL_CLOSED', 15_000, calleeMark);
    await waitFor('the failure counted', async () => await flowFailures(kind) === before + 1, 10_000);
    proxy.rules = [];
    // The fallback rings right after: look from that hang-up on.
    return callee.events.indexOf(closed) + 1;
  }

  /** `callee` rings through the dialplan fallback, answers, and talks with `caller` until the caller hangs up. */
  async function fallbackConnects(caller: Phone, callee: Phone, callerMark: number, calleeMark: number): Promise<void> {
    const incoming = await callee.waitForEvent('CALL_INCOMING', 20_000, calleeMark);
    expect(String(incoming.peeruri), 'the fallback shows the caller').to.contain(caller.endpoint);
    await callee.answer();
    await caller.waitForEvent('CALL_ESTABLISHED', 10_000, callerMark);
    await callee.waitForEvent('CALL_ESTABLISHED', 10_000, calleeMark);
    await caller.hangup();
    await callee.waitForEvent('CALL_CLOSED', 10_000, calleeMark);
  }

  it('plain call: Bob answers but cannot be bridged; the failure is counted and the fallback rings Bob, who talks to Mary', async () => {
    const before = await flowFailures('call');
    proxy.rules = [refuseBridges];
    const [m, b] = [phones.mary.mark(), phones.bob.mark()];
    await phones.mary.dial('1007');
    const again = await answersInVain(phones.bob, b, 'call', before);
    await fallbackConnects(phones.mary, phones.bob, m, again);
  });

  it('executive filtering: Alice answers but cannot be bridged; the failure is counted and the fallback rings Erin herself', async () => {
    await erinFilters(sb);
    const before = await flowFailures('executive');
    proxy.rules = [refuseBridges];
    const [m, e, a] = [phones.mary.mark(), phones.erin.mark(), phones.alice.mark()];
    await phones.mary.dial('1002');
    await answersInVain(phones.alice, a, 'executive', before);
    await fallbackConnects(phones.mary, phones.erin, m, e);
  });

  it('attendant: the caller keys Bob, who answers but cannot be bridged; the failure is counted and the fallback rings the operator', async () => {
    const before = await flowFailures('attendant');
    const [c, o, b] = [phones.caller.mark(), phones.olivia.mark(), phones.bob.mark()];
    await phones.caller.dial('5552000');
    await phones.caller.waitForEvent('CALL_ESTABLISHED', 10_000, c);
    proxy.rules = [refuseBridges];
    await phones.caller.press('1007#');
    await answersInVain(phones.bob, b, 'attendant', before);
    const incoming = await phones.olivia.waitForEvent('CALL_INCOMING', 20_000, o);
    expect(String(incoming.peeruri), 'the operator sees the outside caller').to.contain('5550001');
    await phones.olivia.answer();
    await phones.olivia.waitForEvent('CALL_ESTABLISHED', 10_000, o);
    await phones.caller.hangup();
    await phones.olivia.waitForEvent('CALL_CLOSED', 10_000, o);
  });

  it('voicemail: the mailbox menu cannot be played; the failure is counted and the call ends, not left in silence', async () => {
    const before = await flowFailures('vmaccess');
    proxy.rules = [refusePrompts];
    const m = phones.bob.mark();
    await phones.bob.dial('*97');
    await waitFor('the failure counted', async () => await flowFailures('vmaccess') === before + 1, 15_000);
    await phones.bob.waitForEvent('CALL_CLOSED', 15_000, m);
    proxy.rules = [];
    // And the next call to the mailbox is served: the menu answers and plays.
    const again = phones.bob.mark();
    await phones.bob.dial('*97');
    await phones.bob.waitForEvent('CALL_ESTABLISHED', 10_000, again);
    await phones.bob.hangup();
    await phones.bob.waitForEvent('CALL_CLOSED', 10_000, again);
    expect(await flowFailures('vmaccess')).to.equal(before + 1);
  });
});
