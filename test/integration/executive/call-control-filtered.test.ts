import { expect } from 'chai';
import { defaultExecutiveSettings } from '../../../src/features/executive/settings/executive-settings.js';
import { saveExecutiveSettings, setPool } from '../../../src/features/executive/settings/executive-repository.js';
import { bridgedAre, expectNothingLeft, resetAsterisk, resetAsteriskAndPhones } from '../../support/asterisk-state.js';
import { AsteriskEvents } from '../../support/asterisk-events.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { answerNext, expectNoSessionLeft, expectWarningHeardThenVoices, holdCall, ofCall, untilHeard } from './call-control-support.js';

/**
 * Call control on a call that came in through executive filtering (the flows/ part of
 * the feature owns it until #63, *11 or *15 acts on it through the ExecutiveCall contract).
 */
describe('executive call control on a filtered call (real Asterisk, real phones)', () => {
  let sb: RunningSwitchboard;
  let events: AsteriskEvents;
  let phones: Awaited<ReturnType<typeof startPhones<'alice' | 'mary' | 'erin'>>>;

  before(async () => {
    await resetAsterisk();
    events = new AsteriskEvents();
    await events.start();
    sb = await startSwitchboard({ seed: true });
    const erin = sb.demo!.executive.id;
    const defaults = defaultExecutiveSettings(erin);
    // Only Alice in the pool, so the test knows who rings; push recall after 2 rings of 3 s.
    await setPool(sb.app.db, erin, [sb.demo!.assistants[0].id]);
    await saveExecutiveSettings(sb.app.db, erin, {
      filtering: { ...defaults.filtering, enabled: true, mode: 'all' },
      alerting: { ...defaults.alerting, mode: 'simultaneous', secondsPerRing: 3 },
      pushRecallRings: 2,
    });
    phones = await startPhones({ alice: '1003', mary: '1005', erin: '1002' });
  });
  after(async () => {
    events?.stop();
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(() => resetAsteriskAndPhones(phones));
  afterEach(async function () { if (this.currentTest?.state === 'passed') await expectNoSessionLeft(sb); });

  /** Mary calls Erin; filtering sends it to Alice, who answers. */
  async function aliceAnswersMarysCallToErin(): Promise<{ aliceCall: unknown; a: number; m: number }> {
    const { alice, mary } = phones;
    const [a, m] = [alice.mark(), mary.mark()];
    await mary.dial('1002');
    const incoming = await answerNext(alice, a);
    await waitFor('Alice and Mary bridged', bridgedAre(['PJSIP/1003', 'PJSIP/1005']), 10_000);
    return { aliceCall: incoming.id, a, m };
  }

  it('Alice pushes Mary\'s filtered call with #63: Erin rings showing Mary, answers and talks with her', async () => {
    const { alice, mary, erin } = phones;
    const { aliceCall, a, m } = await aliceAnswersMarysCallToErin();
    const e = erin.mark();
    await holdCall(alice, events);
    await alice.dial('#63');
    const incoming = await erin.waitForEvent('CALL_INCOMING', 10_000, e);
    expect(incoming.peerdisplayname).to.contain('Mary Jones');
    expect(String(incoming.peeruri)).to.contain('1005');
    await erin.answer();
    await waitFor('Erin and Mary bridged', bridgedAre(['PJSIP/1002', 'PJSIP/1005']), 10_000);
    await alice.waitForEvent('CALL_CLOSED', 10_000, a, ofCall(aliceCall));
    await mary.hangup();
    await erin.waitForEvent('CALL_CLOSED', 10_000, e);
    expect(mary.has('CALL_CLOSED', m)).to.equal(true);
    await expectNothingLeft();
  });

  it('Erin retrieves the filtered call Alice answered with *11: Erin talks with Mary, Alice is released', async () => {
    const { alice, mary, erin } = phones;
    const { aliceCall, a } = await aliceAnswersMarysCallToErin();
    const e = erin.mark();
    await erin.dial('*11');
    await erin.waitForEvent('CALL_ESTABLISHED', 10_000, e);
    await alice.waitForEvent('CALL_CLOSED', 10_000, a, ofCall(aliceCall));
    await waitFor('Erin and Mary bridged', bridgedAre(['PJSIP/1002', 'PJSIP/1005']), 10_000);
    await erin.hangup();
    await mary.waitForEvent('CALL_CLOSED', 10_000);
    await expectNothingLeft();
  });

  it('Erin bridges into the filtered call with *15: all three hear the same warning tone, then each other', async () => {
    const { alice, mary, erin } = phones;
    const { a } = await aliceAnswersMarysCallToErin();
    const e = erin.mark();
    const tone = events.mark();
    await erin.dial('*15');
    await erin.waitForEvent('CALL_ESTABLISHED', 10_000, e);
    await waitFor('all three bridged', bridgedAre(['PJSIP/1002', 'PJSIP/1003', 'PJSIP/1005']), 10_000);
    // The tone played to the whole bridge, then a moment of conversation on every phone's recording.
    await events.waitForPlayback('PlaybackFinished', 'bridge-warning', tone);
    await untilHeard([alice, erin, mary], 1.5);
    await mary.hangup();
    await Promise.all([alice.waitForEvent('CALL_CLOSED', 10_000, a), erin.waitForEvent('CALL_CLOSED', 10_000, e)]);
    await expectNothingLeft();
    await expectWarningHeardThenVoices({ alice, mary, erin });
  });

  it('*15 into a pushed call sounds the same: Alice pushes Mary\'s call to Erin, then bridges back in with #64 1002 *15', async () => {
    const { alice, mary, erin } = phones;
    await aliceAnswersMarysCallToErin();
    const e = erin.mark();
    await holdCall(alice, events);
    await alice.dial('#63');
    await answerNext(erin, e);
    await waitFor('Erin and Mary bridged', bridgedAre(['PJSIP/1002', 'PJSIP/1005']), 10_000);
    const a = alice.mark();
    const tone = events.mark();
    await alice.dial('#641002*15');
    await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    await waitFor('all three bridged', bridgedAre(['PJSIP/1002', 'PJSIP/1003', 'PJSIP/1005']), 10_000);
    await events.waitForPlayback('PlaybackFinished', 'bridge-warning', tone);
    await untilHeard([alice, erin, mary], 1.5);
    await mary.hangup();
    await Promise.all([alice.waitForEvent('CALL_CLOSED', 10_000, a), erin.waitForEvent('CALL_CLOSED', 10_000, e)]);
    await expectNothingLeft();
    await expectWarningHeardThenVoices({ alice, mary, erin });
  });
});
