import { expect } from 'chai';
import { audioStats, tail } from '../support/audio.js';
import { bridgedDevices, expectNothingLeft, resetAsterisk } from '../support/asterisk-state.js';
import { startPhones } from '../support/phones.js';
import { untilHeard } from '../support/phone-audio.js';
import { startSwitchboard, type RunningSwitchboard } from '../support/switchboard.js';

describe('plain calls through Switchboard (real Asterisk, real SIP phones)', () => {
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'mary' | 'bob' | 'carol'>>>;

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true });
    phones = await startPhones({ mary: '1005', bob: '1007', carol: '1008' });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(resetAsterisk);

  it('Mary calls Bob: Bob rings showing Mary, answers, and hears Mary', async () => {
    const { mary, bob } = phones;
    const [m, b] = [mary.mark(), bob.mark()];
    await mary.dial('1007');
    const incoming = await bob.waitForEvent('CALL_INCOMING', 10_000, b);
    expect(String(incoming.peeruri)).to.contain('1005');
    await bob.answer();
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    expect(await bridgedDevices()).to.deep.equal([['PJSIP/1005', 'PJSIP/1007']]);
    await untilHeard([bob], 2.5);
    await mary.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, b);
    const heard = bob.recordings().at(-1);
    expect(heard, 'Bob recorded the call').to.be.a('string');
    const stats = audioStats(tail(heard!, 2, `${heard}.tail.wav`));
    expect(stats.rms, 'Bob heard sound, not silence').to.be.greaterThan(0.05);
    expect(stats.roughFrequency, "Bob heard Mary's tone").to.be.within(phones.toneOf(mary) - 60, phones.toneOf(mary) + 60);
    await expectNothingLeft();
  });

  it('Bob does not answer: his voicemail answers Mary, and the call is cleanly released', async () => {
    await sb.app.db.updateTable('users').set({ no_answer_seconds: 5 }).where('extension', '=', '1007').execute();
    const { mary, bob } = phones;
    const [m, b] = [mary.mark(), bob.mark()];
    await mary.dial('1007');
    await bob.waitForEvent('CALL_INCOMING', 10_000, b);
    await bob.waitForEvent('CALL_CLOSED', 15_000, b);
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    // Bob has the voicemail service: his mailbox answers and records until Mary hangs up.
    await mary.hangup();
    await mary.waitForEvent('CALL_CLOSED', 20_000, m);
    await expectNothingLeft();
  });

  it('a number nobody has: the caller hears it is not in service, then the call ends', async () => {
    const { mary } = phones;
    const m = mary.mark();
    await mary.dial('1999');
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await mary.waitForEvent('CALL_CLOSED', 20_000, m);
    await expectNothingLeft();
  });

  it('Mary hangs up while Bob rings: Bob stops ringing and nothing is left', async () => {
    const { mary, bob } = phones;
    const [m, b] = [mary.mark(), bob.mark()];
    await mary.dial('1007');
    await bob.waitForEvent('CALL_INCOMING', 10_000, b);
    await mary.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, b);
    void m;
    await expectNothingLeft();
  });
});
