import { expect } from 'chai';
import type { LiveEvent } from '../../../src/calls/live-events.js';
import { defaultExecutiveSettings } from '../../../src/features/executive/settings/executive-settings.js';
import { saveExecutiveSettings, setPool } from '../../../src/features/executive/settings/executive-repository.js';
import { createUser } from '../../../src/users/settings/user-repository.js';
import { expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { erinFilters } from './filtering-support.js';

/**
 * Rollover past the 120 s every leg was once capped at. Real time, because the cap lived
 * in the ring timeout Asterisk enforces (the dial timeout), which no injected clock
 * reaches: one story of about 2.5 minutes, both executives' calls at once.
 */
describe('rollover wait beyond two minutes (real Asterisk, real phones, real time)', () => {
  let sb: RunningSwitchboard;
  const live: LiveEvent[] = [];
  let phones: Awaited<ReturnType<typeof startPhones<'erin' | 'alice' | 'mary' | 'xavier' | 'yvonne' | 'bob'>>>;

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true });
    sb.app.live.on('event', (event) => live.push(event));
    // The ringing phones ring as long as the PBX lets them (baresip alone gives up at 120 s).
    const ringOn = { localTimeoutSeconds: 0 };
    phones = await startPhones({ erin: '1002', alice: '1003', mary: '1005', xavier: '1010', yvonne: '1011', bob: '1007' },
      { alice: ringOn, yvonne: ringOn, erin: ringOn, xavier: ringOn, mary: ringOn, bob: ringOn });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });

  it('Erin\'s 150 s wait rolls over at 150 s (to her own phone); Xavier\'s rollover off keeps Yvonne ringing past 150 s until Bob gives up', async function () {
    this.timeout(240_000);
    const { db } = sb.app;
    const demo = sb.demo!;
    // Erin: Alice alone, together-mode, 150 s then no-answer processing (Erin's own phone).
    await erinFilters(sb, { alerting: { rollover: { enabled: true, waitSeconds: 150, action: 'no-answer-processing', forwardNumber: null } } });
    await setPool(db, demo.executive.id, [demo.assistants[0].id]);
    // Xavier (1010) with Yvonne (1011): every call filtered, rollover off.
    const xavier = await createUser(db, demo.organisationId, { extension: '1010', name: 'Xavier Exec', services: ['executive'] });
    const yvonne = await createUser(db, demo.organisationId, { extension: '1011', name: 'Yvonne Assistant', services: ['assistant'] });
    await setPool(db, xavier.id, [yvonne.id]);
    const defaults = defaultExecutiveSettings(xavier.id);
    await saveExecutiveSettings(db, xavier.id, {
      filtering: { ...defaults.filtering, enabled: true, mode: 'all' },
      alerting: { ...defaults.alerting, mode: 'simultaneous', rollover: { enabled: false, waitSeconds: 30, action: 'no-answer-processing', forwardNumber: null } },
    });

    const { erin, alice, mary, xavier: xavierPhone, yvonne: yvonnePhone, bob } = phones;
    await Promise.all([mary.dial('1002'), bob.dial('1010')]);
    const [aliceRang, yvonneRang] = await Promise.all([alice.waitForEvent('CALL_INCOMING', 10_000), yvonnePhone.waitForEvent('CALL_INCOMING', 10_000)]);

    // 150 s later (not 120): Alice stops ringing and Erin's own phone rings.
    const erinRang = await erin.waitForEvent('CALL_INCOMING', 170_000);
    const aliceStopped = await alice.waitForEvent('CALL_CLOSED', 5_000);
    expect((aliceStopped.at - aliceRang.at) / 1000, 'Alice rang for the whole wait').to.be.within(148, 158);
    expect((erinRang.at - aliceRang.at) / 1000, 'Erin rang at rollover, not before').to.be.within(149, 160);
    expect(mary.has('CALL_CLOSED'), 'Mary is still waiting').to.equal(false);

    // Xavier's call never rolled over: Yvonne still rings, 150 s on, and Xavier never rang.
    // Yvonne began ringing a moment after Alice: let her own 150 s (and a margin) go by too.
    const pastRollover = yvonneRang.at + 152_000 - Date.now();
    if (pastRollover > 0) await new Promise((resolve) => setTimeout(resolve, pastRollover));
    expect(yvonnePhone.has('CALL_CLOSED'), 'Yvonne still rings').to.equal(false);
    expect(xavierPhone.has('CALL_INCOMING'), 'Xavier\'s own phone never rang').to.equal(false);
    const rollovers = live.filter((e) => e.kind === 'executive.call.rollover');
    expect(rollovers.map((e) => e.data.executiveId), 'only Erin\'s call rolled over').to.deep.equal([demo.executive.id]);

    // Bob gives up: Yvonne stops ringing. Erin answers Mary.
    await bob.hangup();
    await yvonnePhone.waitForEvent('CALL_CLOSED', 10_000);
    await erin.answer();
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000);
    await mary.hangup();
    await erin.waitForEvent('CALL_CLOSED', 10_000);
    await waitFor('every call session to end', () => sb.app.tracker.size === 0, 5000);
    await expectNothingLeft();
  });
});
