import { expect } from 'chai';
import { audioStats, tail } from '../../support/audio.js';
import { bridgedAre, bridgedDevices, expectNothingLeft, resetAsterisk, resetAsteriskAndPhones } from '../../support/asterisk-state.js';
import { AsteriskEvents } from '../../support/asterisk-events.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { answerNext, erinWithAssistants, expectNoSessionLeft, loudness, holdCall, ofCall, trim, untilHeard, written } from './call-control-support.js';

describe('executive call control: #63 call push, blind and warm (real Asterisk, real phones)', () => {
  let sb: RunningSwitchboard;
  let events: AsteriskEvents;
  let phones: Awaited<ReturnType<typeof startPhones<'alice' | 'bob' | 'erin' | 'mary'>>>;

  before(async () => {
    await resetAsterisk();
    events = new AsteriskEvents();
    await events.start();
    sb = await startSwitchboard({ seed: true });
    // Push recall after 2 rings of 3 s: short timers, not sleeps.
    await erinWithAssistants(sb, { rings: 2, secondsPerRing: 3 });
    phones = await startPhones({ alice: '1003', bob: '1007', erin: '1002', mary: '1005' });
  });
  after(async () => {
    events?.stop();
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(() => resetAsteriskAndPhones(phones));
  afterEach(async function () { if (this.currentTest?.state === 'passed') await expectNoSessionLeft(sb); });

  /** Alice calls Bob on Erin's behalf (#64), Bob answers, Alice puts him on hold: the call to push. */
  async function aliceHoldsACallForErin(): Promise<{ held: unknown; a: number; bobAnsweredAt: number }> {
    const { alice, bob } = phones;
    const [a, b] = [alice.mark(), bob.mark()];
    await alice.dial('#641002#1007');
    await answerNext(bob, b);
    const bobAnswered = await bob.waitForEvent('CALL_ESTABLISHED', 10_000, b);
    const established = await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    await holdCall(alice, events);
    return { held: established.id, a: alice.mark(), bobAnsweredAt: bobAnswered.at };
  }

  it('push answered: Erin rings showing Bob, answers, talks with Bob; Alice\'s held line is released', async () => {
    const { alice, bob, erin } = phones;
    const { held, a } = await aliceHoldsACallForErin();
    const [b, e] = [bob.mark(), erin.mark()];
    await alice.dial('#63');
    const code = await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    const incoming = await erin.waitForEvent('CALL_INCOMING', 10_000, e);
    expect(incoming.peerdisplayname).to.equal('Bob Smith');
    expect(String(incoming.peeruri)).to.contain('1007');
    expect(await bridgedDevices(), 'Bob waits alone (music) while Erin rings').to.deep.equal([]);
    await alice.waitForEvent('CALL_CLOSED', 10_000, a, ofCall(code.id));
    expect(await loudness(alice.recordings().at(-1)!), 'Alice heard the confirmation').to.be.greaterThan(0.02);
    await erin.answer();
    await waitFor('Erin and Bob bridged', bridgedAre(['PJSIP/1002', 'PJSIP/1007']), 10_000);
    await alice.waitForEvent('CALL_CLOSED', 10_000, a, ofCall(held));
    // Enough of the conversation on Erin's recording to tell whom she hears.
    await untilHeard([erin], 2);
    await erin.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, b);
    const heard = await written(erin.recordings().at(-1)!);
    const stats = audioStats(tail(heard, 1.5, `${heard}.tail.wav`));
    expect(stats.roughFrequency, 'Erin heard Bob').to.be.within(phones.toneOf(bob) - 60, phones.toneOf(bob) + 60);
    await expectNothingLeft();
  });

  it('push not answered: after the recall rings Erin stops ringing and the call comes back to Alice', async () => {
    const { alice, bob, erin } = phones;
    const { held, a } = await aliceHoldsACallForErin();
    const [b, e] = [bob.mark(), erin.mark()];
    await alice.dial('#63');
    const ringingAt = Date.now();
    const erinRang = await erin.waitForEvent('CALL_INCOMING', 10_000, e);
    const erinStopped = await erin.waitForEvent('CALL_CLOSED', 15_000, e);
    expect(Date.now() - ringingAt, 'Erin rang for 2 rings of 3 s').to.be.within(4500, 9000);
    await alice.waitForEvent('CALL_CLOSED', 10_000, a, ofCall(held));
    const recall = await answerNext(alice, a);
    expect(recall.peerdisplayname).to.equal('Bob Smith');
    await waitFor('Alice and Bob bridged again', bridgedAre(['PJSIP/1003', 'PJSIP/1007']), 10_000);
    const hungUpAt = Date.now();
    await bob.hangup();
    await alice.waitForEvent('CALL_CLOSED', 10_000, a, ofCall(recall.id));
    expect(bob.has('CALL_CLOSED', b)).to.equal(true);
    await expectNothingLeft();
    // While Erin rang, Bob heard music on hold, not silence. The window is counted back from
    // the end of his recording (his hang-up): when its first audio arrived varies under load.
    const bobHeard = await written(bob.recordings().at(-1)!);
    const total = audioStats(bobHeard).seconds;
    const from = Math.max(0, total - (hungUpAt - erinRang.at) / 1000 + 0.5);
    const length = (erinStopped.at - erinRang.at) / 1000 - 1;
    const waiting = audioStats(trim(bobHeard, from, length, `${bobHeard}.waiting.wav`));
    expect(waiting.rms, 'Bob heard music while Erin rang').to.be.greaterThan(0.01);
  });

  it('Bob hangs up while Erin rings for the push: Erin stops ringing, Alice\'s held line goes, nothing is left', async () => {
    const { alice, bob, erin } = phones;
    const { held, a } = await aliceHoldsACallForErin();
    const e = erin.mark();
    await alice.dial('#63');
    await erin.waitForEvent('CALL_INCOMING', 10_000, e);
    await bob.hangup();
    await erin.waitForEvent('CALL_CLOSED', 10_000, e);
    await alice.waitForEvent('CALL_CLOSED', 10_000, a, ofCall(held));
    expect(alice.events.slice(a).some((x) => x.type === 'CALL_INCOMING'), 'no recall to Alice').to.equal(false);
    await expectNothingLeft();
  });

  it('push refused: Alice has no executive call on hold, so #63 says so and is released', async () => {
    const { alice, erin } = phones;
    const [a, e] = [alice.mark(), erin.mark()];
    await alice.dial('#63');
    const code = await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    await alice.waitForEvent('CALL_CLOSED', 20_000, a, ofCall(code.id));
    expect(await loudness(alice.recordings().at(-1)!), 'Alice heard why').to.be.greaterThan(0.02);
    expect(erin.has('CALL_INCOMING', e), 'Erin never rang').to.equal(false);
    await expectNothingLeft();
  });

  it('push refused: Alice holds two executive calls on her phone, so #63 cannot tell which; both stay as they were', async () => {
    const { alice, bob, erin, mary } = phones;
    await aliceHoldsACallForErin();
    const [a, m, e] = [alice.mark(), mary.mark(), erin.mark()];
    await alice.dial('#641002#1005');
    await answerNext(mary, m);
    await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    await holdCall(alice, events);
    const c = alice.mark();
    await alice.dial('#63');
    const code = await alice.waitForEvent('CALL_ESTABLISHED', 10_000, c);
    await alice.waitForEvent('CALL_CLOSED', 20_000, c, ofCall(code.id));
    expect(erin.has('CALL_INCOMING', e), 'Erin never rang').to.equal(false);
    const bridged = (await bridgedDevices()).map((b) => b.join('+')).sort();
    expect(bridged).to.deep.equal(['PJSIP/1003+PJSIP/1005', 'PJSIP/1003+PJSIP/1007']);
    await bob.hangup();
    await mary.hangup();
    await expectNothingLeft();
  });

  it('warm push taken: Alice announces Bob to Erin, Erin presses 1 and talks with Bob', async () => {
    const { alice, bob, erin } = phones;
    const { held, a } = await aliceHoldsACallForErin();
    const [b, e] = [bob.mark(), erin.mark()];
    await alice.dial('#631');
    const code = await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    const incoming = await answerNext(erin, e);
    expect(incoming.peerdisplayname).to.equal('Bob Smith');
    await waitFor('Alice announcing to Erin', bridgedAre(['PJSIP/1002', 'PJSIP/1003']), 10_000);
    await erin.press('1');
    await waitFor('Erin and Bob bridged', bridgedAre(['PJSIP/1002', 'PJSIP/1007']), 10_000);
    await alice.waitForEvent('CALL_CLOSED', 10_000, a, ofCall(code.id));
    await alice.waitForEvent('CALL_CLOSED', 10_000, a, ofCall(held));
    await bob.hangup();
    await erin.waitForEvent('CALL_CLOSED', 10_000, e);
    expect(bob.has('CALL_CLOSED', b)).to.equal(true);
    await expectNothingLeft();
  });

  it('warm push completed by the assistant hanging up after the announcement (as with an attended transfer)', async () => {
    const { alice, bob, erin } = phones;
    const { held, a } = await aliceHoldsACallForErin();
    const e = erin.mark();
    await alice.dial('#631');
    const code = await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    await answerNext(erin, e);
    await waitFor('Alice announcing to Erin', bridgedAre(['PJSIP/1002', 'PJSIP/1003']), 10_000);
    await alice.hangup();
    await alice.waitForEvent('CALL_CLOSED', 10_000, a, ofCall(code.id));
    await waitFor('Erin and Bob bridged', bridgedAre(['PJSIP/1002', 'PJSIP/1007']), 10_000);
    await alice.waitForEvent('CALL_CLOSED', 10_000, a, ofCall(held));
    await erin.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, bob.mark() - 1);
    await expectNothingLeft();
  });

  it('warm push not answered: after the recall rings Alice hears so and Bob is back on her held line', async () => {
    const { alice, bob, erin } = phones;
    const { held, a } = await aliceHoldsACallForErin();
    const e = erin.mark();
    await alice.dial('#631');
    const code = await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    await erin.waitForEvent('CALL_INCOMING', 10_000, e);
    await erin.waitForEvent('CALL_CLOSED', 15_000, e);
    await waitFor('Alice and Bob bridged again', bridgedAre(['PJSIP/1003', 'PJSIP/1007']), 10_000);
    await alice.waitForEvent('CALL_CLOSED', 15_000, a, ofCall(code.id));
    expect(await loudness(alice.recordings().at(-1)!), 'Alice heard ringback, then why').to.be.greaterThan(0.02);
    expect(alice.events.slice(a).some((x) => x.type === 'CALL_CLOSED' && x.id === held), 'the held line stayed').to.equal(false);
    await bob.hangup();
    await alice.waitForEvent('CALL_CLOSED', 10_000, a, ofCall(held));
    await expectNothingLeft();
  });

  it('warm push sent back: Erin presses 2, the call returns to Alice\'s held line', async () => {
    const { alice, bob, erin } = phones;
    const { held, a } = await aliceHoldsACallForErin();
    const e = erin.mark();
    await alice.dial('#631');
    const code = await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    await answerNext(erin, e);
    await waitFor('Alice announcing to Erin', bridgedAre(['PJSIP/1002', 'PJSIP/1003']), 10_000);
    await erin.press('2');
    await erin.waitForEvent('CALL_CLOSED', 10_000, e);
    await waitFor('Alice and Bob bridged again', bridgedAre(['PJSIP/1003', 'PJSIP/1007']), 10_000);
    await alice.waitForEvent('CALL_CLOSED', 15_000, a, ofCall(code.id));
    expect(alice.has('CALL_CLOSED', a) && alice.events.slice(a).some((x) => x.type === 'CALL_CLOSED' && x.id === held)).to.equal(false);
    await bob.hangup();
    await alice.waitForEvent('CALL_CLOSED', 10_000, a, ofCall(held));
    await expectNothingLeft();
  });
});
