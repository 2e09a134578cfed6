import { expect } from 'chai';

import { heardTone } from '../../support/audio.js';
import { bridgedAre, expectNothingLeft, resetAsterisk, resetAsteriskAndPhones } from '../../support/asterisk-state.js';
import { AsteriskEvents } from '../../support/asterisk-events.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { answerNext, erinWithAssistants, expectNoSessionLeft, expectWarningHeardThenVoices, loudness, ofCall, untilHeard, WARNING_HZ, written } from './call-control-support.js';

/** The bridge warning tone (flows/prompts.ts BRIDGE_WARNING_TONE). */

describe('executive call control: *11 retrieve and *15 bridge (real Asterisk, real phones)', () => {
  let sb: RunningSwitchboard;
  let events: AsteriskEvents;
  // Tones 440, 660, 880, 1100 Hz: none near the 1400 Hz warning tone.
  let phones: Awaited<ReturnType<typeof startPhones<'alice' | 'bob' | 'erin' | 'aaron'>>>;

  before(async () => {
    await resetAsterisk();
    events = new AsteriskEvents();
    await events.start();
    sb = await startSwitchboard({ seed: true });
    await erinWithAssistants(sb);
    phones = await startPhones({ alice: '1003', bob: '1007', erin: '1002', aaron: '1004' });
  });
  after(async () => {
    events?.stop();
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(() => resetAsteriskAndPhones(phones));
  afterEach(async function () { if (this.currentTest?.state === 'passed') await expectNoSessionLeft(sb); });

  /** Alice calls Bob on Erin's behalf (#64) and Bob answers: an executive call Alice handles. */
  async function aliceTalksWithBobForErin(): Promise<{ aliceCall: unknown; a: number; b: number }> {
    const { alice, bob } = phones;
    const [a, b] = [alice.mark(), bob.mark()];
    await alice.dial('#641002#1007');
    await answerNext(bob, b);
    const established = await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    await waitFor('Alice and Bob bridged', bridgedAre(['PJSIP/1003', 'PJSIP/1007']), 10_000);
    return { aliceCall: established.id, a, b };
  }

  it('Erin dials *11: the call moves to Erin\'s phone and Alice\'s leg is released', async () => {
    const { alice, bob, erin } = phones;
    const { aliceCall, a, b } = await aliceTalksWithBobForErin();
    const e = erin.mark();
    await erin.dial('*11');
    await erin.waitForEvent('CALL_ESTABLISHED', 10_000, e);
    await alice.waitForEvent('CALL_CLOSED', 10_000, a, ofCall(aliceCall));
    await waitFor('Erin and Bob bridged', bridgedAre(['PJSIP/1002', 'PJSIP/1007']), 10_000);
    expect(bob.has('CALL_CLOSED', b), 'Bob stayed on the call').to.equal(false);
    await bob.hangup();
    await erin.waitForEvent('CALL_CLOSED', 10_000, e);
    await expectNothingLeft();
  });

  it('a retrieved call can be retrieved again: Aaron takes it back from Erin with #64 1002 *11', async () => {
    const { aaron, bob, erin } = phones;
    await aliceTalksWithBobForErin();
    const [e, r] = [erin.mark(), aaron.mark()];
    await erin.dial('*11');
    const erinCall = await erin.waitForEvent('CALL_ESTABLISHED', 10_000, e);
    await waitFor('Erin and Bob bridged', bridgedAre(['PJSIP/1002', 'PJSIP/1007']), 10_000);
    await aaron.dial('#641002*11');
    await aaron.waitForEvent('CALL_ESTABLISHED', 10_000, r);
    await erin.waitForEvent('CALL_CLOSED', 10_000, e, ofCall(erinCall.id));
    await waitFor('Aaron and Bob bridged', bridgedAre(['PJSIP/1004', 'PJSIP/1007']), 10_000);
    await aaron.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000);
    await expectNothingLeft();
  });

  it('*11 with no executive call to retrieve: Erin hears so and the call is released', async () => {
    const { erin } = phones;
    const e = erin.mark();
    await erin.dial('*11');
    await erin.waitForEvent('CALL_ESTABLISHED', 10_000, e);
    await erin.waitForEvent('CALL_CLOSED', 15_000, e);
    expect(await loudness(erin.recordings().at(-1)!), 'Erin heard why').to.be.greaterThan(0.02);
    await expectNothingLeft();
  });

  it('Erin dials *15: all three are bridged, every party hears the warning tone, then each other', async () => {
    const { alice, bob, erin } = phones;
    const { a, b } = await aliceTalksWithBobForErin();
    const e = erin.mark();
    const tone = events.mark();
    await erin.dial('*15');
    await erin.waitForEvent('CALL_ESTABLISHED', 10_000, e);
    await waitFor('all three bridged', bridgedAre(['PJSIP/1002', 'PJSIP/1003', 'PJSIP/1007']), 10_000);
    await events.waitForPlayback('PlaybackFinished', 'bridge-warning', tone);
    await untilHeard([alice, bob, erin], 1.5);
    await bob.hangup();
    await Promise.all([alice.waitForEvent('CALL_CLOSED', 10_000, a), erin.waitForEvent('CALL_CLOSED', 10_000, e)]);
    await expectNothingLeft();
    await expectWarningHeardThenVoices({ alice, bob, erin });
    void b;
  });

  it('Aaron, not handling the call, bridges in with #64 1002 *15: all three hear the tone', async () => {
    const { aaron, alice, bob } = phones;
    const { a } = await aliceTalksWithBobForErin();
    const r = aaron.mark();
    const tone = events.mark();
    await aaron.dial('#641002*15');
    await aaron.waitForEvent('CALL_ESTABLISHED', 10_000, r);
    await waitFor('all three bridged', bridgedAre(['PJSIP/1003', 'PJSIP/1004', 'PJSIP/1007']), 10_000);
    await events.waitForPlayback('PlaybackFinished', 'bridge-warning', tone);
    // Alice leaves: Aaron carries on with Bob.
    await alice.hangup();
    await alice.waitForEvent('CALL_CLOSED', 10_000, a);
    await waitFor('Aaron and Bob still bridged', bridgedAre(['PJSIP/1004', 'PJSIP/1007']), 10_000);
    await bob.hangup();
    await aaron.waitForEvent('CALL_CLOSED', 10_000, r);
    await expectNothingLeft();
    expect(heardTone(await written(aaron.recordings().at(-1)!), WARNING_HZ), 'Aaron heard the warning tone').to.equal(true);
    expect(heardTone(await written(bob.recordings().at(-1)!), WARNING_HZ), 'Bob heard the warning tone').to.equal(true);
    expect(heardTone(await written(alice.recordings().at(-1)!), WARNING_HZ), 'Alice heard the warning tone').to.equal(true);
  });
});
