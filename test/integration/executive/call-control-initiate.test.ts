import { expect } from 'chai';
import { bridgedDevices, expectNothingLeft, resetAsterisk, resetAsteriskAndPhones } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { answerNext, bridgedWithOutside, erinWithAssistants, expectNoSessionLeft, loudness, ofCall } from './call-control-support.js';

describe('executive call control: #64 initiate on behalf and *14 (real Asterisk, real phones)', () => {
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'alice' | 'bob' | 'carol' | 'outside'>>>;

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true });
    await erinWithAssistants(sb);
    phones = await startPhones({ alice: '1003', bob: '1007', carol: '1008', outside: '5550001' });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(() => resetAsteriskAndPhones(phones));
  afterEach(async function () { if (this.currentTest?.state === 'passed') await expectNoSessionLeft(sb); });

  it('Alice dials #64 1002 # 5550001: the outside phone sees Erin Executive and her DID, Alice talks on it', async () => {
    const { alice, outside } = phones;
    const [a, o] = [alice.mark(), outside.mark()];
    await alice.dial('#641002#5550001');
    const incoming = await answerNext(outside, o);
    expect(incoming.peerdisplayname).to.equal('Erin Executive');
    expect(String(incoming.peeruri)).to.contain('5552002');
    await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    let bridged: string[][] = [];
    await waitFor('Alice bridged with the outside phone', async () => bridgedWithOutside(bridged = await bridgedDevices(), 'PJSIP/1003', '5550001'), 5000, () => JSON.stringify(bridged));
    await alice.hangup();
    await outside.waitForEvent('CALL_CLOSED', 10_000, o);
    await expectNothingLeft();
  });

  it('Alice dials #64 and is asked for the executive and the destination: Bob sees Erin (1002)', async () => {
    const { alice, bob } = phones;
    const [a, b] = [alice.mark(), bob.mark()];
    await alice.dial('#64');
    await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    await alice.press('1002#');
    await alice.press('1007#');
    const incoming = await answerNext(bob, b, 20_000);
    expect(incoming.peerdisplayname).to.equal('Erin Executive');
    expect(String(incoming.peeruri)).to.contain('1002');
    await waitFor('Alice and Bob bridged', async () => JSON.stringify(await bridgedDevices()) === JSON.stringify([['PJSIP/1003', 'PJSIP/1007']]), 5000);
    await bob.hangup();
    await alice.waitForEvent('CALL_CLOSED', 10_000, a);
    await expectNothingLeft();
  });

  it('Bob turns down the call Alice places for Erin: Alice hears why and the call is released', async () => {
    const { alice, bob } = phones;
    const [a, b] = [alice.mark(), bob.mark()];
    await alice.dial('#641002#1007');
    await bob.waitForEvent('CALL_INCOMING', 10_000, b);
    await bob.hangup();
    await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    await alice.waitForEvent('CALL_CLOSED', 20_000, a);
    expect(await loudness(alice.recordings().at(-1)!), 'Alice heard why').to.be.greaterThan(0.02);
    await expectNothingLeft();
  });

  it('a wrong executive is asked for again; three wrong answers release the call with a prompt', async () => {
    const { alice, bob } = phones;
    const [a, b] = [alice.mark(), bob.mark()];
    await alice.dial('#64');
    const established = await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    await alice.press('1999#');
    await alice.press('1007#');
    await alice.waitForEvent('CALL_CLOSED', 60_000, a, ofCall(established.id));
    expect(bob.has('CALL_INCOMING', b), 'nobody was called').to.equal(false);
    expect(await loudness(alice.recordings().at(-1)!), 'Alice heard prompts, not silence').to.be.greaterThan(0.02);
    await expectNothingLeft();
  });

  it('Carol, who is nobody\'s assistant, dials #64: refused with a prompt and released', async () => {
    const { carol, bob } = phones;
    const [c, b] = [carol.mark(), bob.mark()];
    await carol.dial('#641002#1007');
    await carol.waitForEvent('CALL_ESTABLISHED', 10_000, c);
    await carol.waitForEvent('CALL_CLOSED', 20_000, c);
    expect(bob.has('CALL_INCOMING', b)).to.equal(false);
    expect(await loudness(carol.recordings().at(-1)!), 'Carol heard why').to.be.greaterThan(0.02);
    await expectNothingLeft();
  });

  it('#64 1002 *14 5550001: an E.164 destination on Erin\'s behalf goes out through the trunk as +5550001', async () => {
    const { alice, outside } = phones;
    const [a, o] = [alice.mark(), outside.mark()];
    await alice.dial('#641002*145550001');
    const incoming = await answerNext(outside, o);
    expect(incoming.peerdisplayname).to.equal('Erin Executive');
    expect(String(incoming.peeruri)).to.contain('5552002');
    await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    let bridged: string[][] = [];
    await waitFor('Alice bridged with the outside phone', async () => bridgedWithOutside(bridged = await bridgedDevices(), 'PJSIP/1003', '5550001'), 5000, () => JSON.stringify(bridged));
    expect(bridged.flat().some((d) => d.startsWith('Local/+5550001@')), 'dialled as +5550001').to.equal(true);
    await outside.hangup();
    await alice.waitForEvent('CALL_CLOSED', 10_000, a);
    await expectNothingLeft();
  });

  it('Bob dials *14 5550001: the trunk gets +5550001 and the outside phone rings', async () => {
    const { bob, outside } = phones;
    const [b, o] = [bob.mark(), outside.mark()];
    await bob.dial('*145550001');
    const incoming = await answerNext(outside, o);
    expect(incoming.peerdisplayname).to.equal('Bob Smith');
    await bob.waitForEvent('CALL_ESTABLISHED', 10_000, b);
    let bridged: string[][] = [];
    await waitFor('Bob bridged with the outside phone', async () => bridgedWithOutside(bridged = await bridgedDevices(), 'PJSIP/1007', '5550001'), 5000, () => JSON.stringify(bridged));
    await outside.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, b);
    await expectNothingLeft();
  });
});
