import { expect } from 'chai';
import { DEMO_PASSWORD } from '../../../src/demo/seed.js';
import { ApiClient } from '../../support/api-client.js';
import { bridgedAre, bridgedDevices, expectNothingLeft, resetAsterisk, resetAsteriskAndPhones } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { answerNext, expectNoSessionLeft } from './call-control-support.js';

interface ConsoleCall { id: string; caller: { name: string; number: string }; state: string; actions: string[] }
interface ConsoleView { executives: Array<{ id: number; line: { state: string; actions: string[]; calls: ConsoleCall[] } }> }

/**
 * The console's other actions, each through the executive feature's own flows (issue 17):
 * Forward redirects the ringing filtered call; Call as the executive rings Alice's phone
 * and then runs #64 on it; Hold, Resume, Push (warm) and Transfer act on her answered
 * executive call (Push and Transfer are #63's push session).
 */
describe('assistant console: forward, voicemail, call as, hold, resume, warm push, transfer, retrieve (real Asterisk, real phones)', () => {
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'alice' | 'aaron' | 'mary' | 'bob' | 'erin'>>>;
  let alice: ApiClient;
  let erin: number;

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true });
    erin = sb.demo!.executive.id;
    alice = await ApiClient.signIn(sb.baseUrl, 'alice@acme.example', DEMO_PASSWORD);
    phones = await startPhones({ alice: '1003', aaron: '1004', mary: '1005', bob: '1007', erin: '1002' });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(() => resetAsteriskAndPhones(phones));
  afterEach(async function () { if (this.currentTest?.state === 'passed') await expectNoSessionLeft(sb); });

  const erinsLine = async () => (await alice.request<ConsoleView>('GET', '/api/assistant-console')).body.executives.find((e) => e.id === erin)!.line;
  const untilCall = async (what: string, match: (c: ConsoleCall) => boolean): Promise<ConsoleCall> => {
    let found: ConsoleCall | undefined;
    await waitFor(what, async () => { found = (await erinsLine()).calls.find(match); return found !== undefined; }, 10_000);
    return found!;
  };
  const act = async (path: string, body: unknown = {}) => {
    const res = await alice.request('POST', `/api/assistant-console/executives/${erin}${path}`, body);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).to.equal(202);
  };

  it('forward: Mary\'s filtered call stops ringing the assistants and rings Bob, who talks with her', async () => {
    const { alice: alicePhone, aaron, mary, bob } = phones;
    const [a, r, b] = [alicePhone.mark(), aaron.mark(), bob.mark()];
    await mary.dial('1002');
    await Promise.all([alicePhone.waitForEvent('CALL_INCOMING', 10_000, a), aaron.waitForEvent('CALL_INCOMING', 10_000, r)]);
    const call = await untilCall('Mary ringing the assistants', (c) => c.state === 'ringing-assistants');
    const bad = await alice.request<{ fields: Array<{ field: string }> }>('POST', `/api/assistant-console/executives/${erin}/calls/${call.id}/forward`, { number: 'bob' });
    expect(bad.status).to.equal(400);
    expect(bad.body.fields[0]!.field).to.equal('number');
    await act(`/calls/${call.id}/forward`, { number: '1007' });
    await Promise.all([alicePhone.waitForEvent('CALL_CLOSED', 10_000, a), aaron.waitForEvent('CALL_CLOSED', 10_000, r)]);
    const incoming = await answerNext(bob, b);
    expect(incoming.peerdisplayname).to.equal('Mary Jones');
    await waitFor('Mary and Bob bridged', bridgedAre(['PJSIP/1005', 'PJSIP/1007']), 10_000);
    await mary.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, b);
    await expectNothingLeft();
  });

  it('call as Erin: Alice\'s phone rings first, then Bob sees Erin calling; hold and resume from the console', async () => {
    const { alice: alicePhone, bob } = phones;
    const [a, b] = [alicePhone.mark(), bob.mark()];
    await act('/call', { number: '1007' });
    const mine = await alicePhone.waitForEvent('CALL_INCOMING', 10_000, a);
    expect(String(mine.peerdisplayname)).to.contain('1007').and.contain('Erin Executive');
    await alicePhone.answer();
    const incoming = await answerNext(bob, b, 20_000);
    expect(incoming.peerdisplayname).to.equal('Erin Executive');
    await waitFor('Alice and Bob bridged', bridgedAre(['PJSIP/1003', 'PJSIP/1007']), 10_000);
    const call = await untilCall('Alice\'s call for Erin', (c) => c.state === 'answered' && c.actions.includes('push'));
    expect(call.actions).to.deep.equal(['push', 'hold', 'transfer']);

    await act(`/calls/${call.id}/hold`);
    await waitFor('Bob on hold, out of the bridge', bridgedAre(['PJSIP/1003']), 10_000);
    expect((await untilCall('the call on hold', (c) => c.state === 'on-hold')).actions).to.include('resume');
    expect((await erinsLine()).state).to.equal('on-hold');
    await act(`/calls/${call.id}/resume`);
    await waitFor('Alice and Bob bridged again', bridgedAre(['PJSIP/1003', 'PJSIP/1007']), 10_000);
    await bob.hangup();
    await alicePhone.waitForEvent('CALL_CLOSED', 10_000, a);
    await expectNothingLeft();
  });

  /** Alice calls Bob as Erin from the console and Bob answers: her answered executive call. */
  async function aliceOnACallWithBob(): Promise<{ call: ConsoleCall; a: number; b: number }> {
    const { alice: alicePhone, bob } = phones;
    const [a, b] = [alicePhone.mark(), bob.mark()];
    await act('/call', { number: '1007' });
    await alicePhone.waitForEvent('CALL_INCOMING', 10_000, a);
    await alicePhone.answer();
    await answerNext(bob, b, 20_000);
    await waitFor('Alice and Bob bridged', bridgedAre(['PJSIP/1003', 'PJSIP/1007']), 10_000);
    return { call: await untilCall('Alice\'s call for Erin', (c) => c.actions.includes('push')), a, b };
  }

  it('warm push: Erin rings, Alice announces Bob on her own line, Erin presses 1 and talks with Bob', async () => {
    const { alice: alicePhone, bob, erin: erinPhone } = phones;
    const { call, a, b } = await aliceOnACallWithBob();
    const e = erinPhone.mark();
    await act(`/calls/${call.id}/push`, { warm: true });
    const ringing = await erinPhone.waitForEvent('CALL_INCOMING', 10_000, e);
    expect(ringing.peerdisplayname, 'Erin sees who the call is from').to.equal('Bob Smith');
    await erinPhone.answer();
    await waitFor('Alice announcing to Erin', bridgedAre(['PJSIP/1002', 'PJSIP/1003']), 10_000);
    await erinPhone.press('1');
    await waitFor('Erin and Bob bridged', bridgedAre(['PJSIP/1002', 'PJSIP/1007']), 10_000);
    await alicePhone.waitForEvent('CALL_CLOSED', 10_000, a);
    await bob.hangup();
    await erinPhone.waitForEvent('CALL_CLOSED', 10_000, e);
    expect(bob.has('CALL_CLOSED', b)).to.equal(true);
    await expectNothingLeft();
  });

  it('transfer: Alice transfers her call to Aaron, who rings showing Bob and talks with him', async () => {
    const { alice: alicePhone, aaron, bob } = phones;
    const { call, a, b } = await aliceOnACallWithBob();
    const r = aaron.mark();
    await act(`/calls/${call.id}/transfer`, { number: '1004' });
    const incoming = await answerNext(aaron, r);
    expect(incoming.peerdisplayname).to.equal('Bob Smith');
    await waitFor('Aaron and Bob bridged', bridgedAre(['PJSIP/1004', 'PJSIP/1007']), 10_000);
    await alicePhone.waitForEvent('CALL_CLOSED', 10_000, a);
    await aaron.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, b);
    await expectNothingLeft();
  });

  it('send to voicemail: the assistants stop ringing and Mary is answered by Erin\'s voicemail, bridged with nobody', async () => {
    const { alice: alicePhone, aaron, mary } = phones;
    const [a, r, m] = [alicePhone.mark(), aaron.mark(), mary.mark()];
    await mary.dial('1002');
    await Promise.all([alicePhone.waitForEvent('CALL_INCOMING', 10_000, a), aaron.waitForEvent('CALL_INCOMING', 10_000, r)]);
    const call = await untilCall('Mary ringing the assistants', (c) => c.state === 'ringing-assistants');
    await act(`/calls/${call.id}/voicemail`);
    await Promise.all([alicePhone.waitForEvent('CALL_CLOSED', 10_000, a), aaron.waitForEvent('CALL_CLOSED', 10_000, r)]);
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    expect(await bridgedDevices(), 'the greeting, no person').to.deep.equal([]);
    await mary.hangup();
    await expectNothingLeft();
  });

  it('retrieve: Aaron answered Mary\'s filtered call; Alice clicks Retrieve, her phone rings, and Mary is hers', async () => {
    const { alice: alicePhone, aaron, mary } = phones;
    const [a, r, m] = [alicePhone.mark(), aaron.mark(), mary.mark()];
    await mary.dial('1002');
    await alicePhone.waitForEvent('CALL_INCOMING', 10_000, a);
    await answerNext(aaron, r);
    await waitFor('Mary and Aaron bridged', bridgedAre(['PJSIP/1004', 'PJSIP/1005']), 10_000);
    await waitFor('Retrieve offered', async () => (await erinsLine()).actions.includes('retrieve'), 10_000);
    const mine = alicePhone.mark();
    await act('/retrieve');
    await answerNext(alicePhone, mine);
    await waitFor('Mary and Alice bridged', bridgedAre(['PJSIP/1003', 'PJSIP/1005']), 10_000);
    await aaron.waitForEvent('CALL_CLOSED', 10_000, r);
    await mary.hangup();
    await alicePhone.waitForEvent('CALL_CLOSED', 10_000, mine);
    expect(mary.has('CALL_CLOSED', m)).to.equal(true);
    await expectNothingLeft();
  });
});
