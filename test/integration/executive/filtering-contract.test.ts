import { expect } from 'chai';
import { dialLeg } from '../../../src/ari/leg.js';
import type { ExecutiveCallRegistry } from '../../../src/features/executive/executive-calls.js';
import { asteriskRest, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { erinFilters, expectBridged } from './filtering-support.js';

/** A filtered call is an ExecutiveCall: call control finds it, joins it and takes it over through the contract only. */
describe('a filtered call as an ExecutiveCall (the contract with call control)', () => {
  let sb: RunningSwitchboard;
  let registry: ExecutiveCallRegistry;
  let phones: Awaited<ReturnType<typeof startPhones<'erin' | 'alice' | 'aaron' | 'mary'>>>;

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true });
    registry = (sb.app.features.find((f) => f.name === 'executive') as unknown as { calls: ExecutiveCallRegistry }).calls;
    phones = await startPhones({ erin: '1002', alice: '1003', aaron: '1004', mary: '1005' });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(resetAsterisk);

  it('registered while ringing, answered on Alice\'s device; Erin joins after a warning tone; then it is handed over and the session lets go', async () => {
    await erinFilters(sb);
    const { erin, alice, aaron, mary } = phones;
    const [e, a, r, m] = [erin.mark(), alice.mark(), aaron.mark(), mary.mark()];
    await mary.dial('1002');
    await Promise.all([alice.waitForEvent('CALL_INCOMING', 10_000, a), aaron.waitForEvent('CALL_INCOMING', 10_000, r)]);
    const [ringing] = registry.forExecutive(sb.demo!.executive.id);
    expect(ringing, 'registered while it rings').to.not.equal(undefined);
    expect(ringing!.isAnswered()).to.equal(false);
    expect(ringing!.remote.name).to.equal('Mary Jones');
    await alice.answer();
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await waitFor('the call to be answered', () => registry.answeredOnDevice('PJSIP/1003').length === 1, 5000);
    const call = registry.answeredOnDevice('PJSIP/1003')[0]!;
    expect(call.handler()).to.include({ device: 'PJSIP/1003', userId: sb.demo!.assistants[0].id });

    // Erin barges in as call control would: an answered channel of its own, then join().
    const leg = await dialLeg(sb.app.ari, { endpoint: 'PJSIP/1002', appArgs: ['test', 'barge'], ringTimeoutSeconds: 10 });
    await erin.waitForEvent('CALL_INCOMING', 10_000, e);
    await erin.answer();
    expect(await leg.outcome).to.equal('answered');
    await call.join(leg.id, { channelId: leg.id, device: 'PJSIP/1002', userId: sb.demo!.executive.id });
    await expectBridged([['PJSIP/1002', 'PJSIP/1003', 'PJSIP/1005']]);

    const handed = await call.handOver();
    expect(handed.remote.channelId).to.equal(call.remote.channelId);
    expect(handed.handler?.device).to.equal('PJSIP/1003');
    expect(registry.all(), 'no longer registered').to.have.length(0);
    const live = (await asteriskRest.listChannels()).map((c) => c.id);
    expect(live, 'the caller was released, not hung up').to.include(handed.remote.channelId);
    expect(live, 'the handler leg was released, not hung up').to.include(handed.handler!.channelId);
    await waitFor('the session to end', () => sb.app.tracker.size === 0, 3000);
    for (const id of [handed.remote.channelId, handed.handler!.channelId]) await asteriskRest.hangup(id).catch(() => undefined);
    await expectNothingLeft();
  });
});
