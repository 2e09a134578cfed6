import { expect } from 'chai';
import type { ConsoleView } from '../../../src/features/attendant/console/console-view.js';
import { DEMO_PASSWORD } from '../../../src/demo/seed.js';
import { hashSecret } from '../../../src/users/password.js';
import { createOrganisation } from '../../../src/users/settings/organisation-repository.js';
import { createUser } from '../../../src/users/settings/user-repository.js';
import { ApiClient } from '../../support/api-client.js';
import { audioStats, tail } from '../../support/audio.js';
import { bridgedDevices, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import type { Phone } from '../../support/phone.js';
import { untilHeard } from '../../support/phone-audio.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { recordingStarted } from '../voicemail/voicemail-support.js';

/**
 * The operator console's API (issue 17) with a real caller at Acme's company number
 * (5550001 dials 5552000): Olivia is Acme's administrator and operator, Bob a plain
 * user, Gina Globex's administrator.
 */
describe('attendant: the operator console acts on calls at the company number, for the operator and administrators only (real Asterisk, real SIP phones)', function () {
  this.timeout(90_000);
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'caller' | 'olivia' | 'bob'>>>;
  let olivia: ApiClient;
  let bob: ApiClient;
  let gina: ApiClient;

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true });
    const globex = await createOrganisation(sb.app.db, { name: 'Globex' });
    await createUser(sb.app.db, globex.id, { extension: '1001', name: 'Gina Globex', email: 'gina@globex.example', role: 'admin', locations: [], passwordHash: await hashSecret(DEMO_PASSWORD) });
    phones = await startPhones({ caller: '5550001', olivia: '1001', bob: '1007' });
    olivia = await ApiClient.signIn(sb.baseUrl, 'olivia@acme.example', DEMO_PASSWORD);
    bob = await ApiClient.signIn(sb.baseUrl, 'bob@acme.example', DEMO_PASSWORD);
    gina = await ApiClient.signIn(sb.baseUrl, 'gina@globex.example', DEMO_PASSWORD);
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(async () => {
    await resetAsterisk();
    await sb.app.db.updateTable('organisations').set({ operator_destination: '1001' }).where('name', '=', 'Acme Corp').execute();
  });

  /** The caller rings the company number; resolves with the call as Olivia's console lists it. */
  async function callerInTheMenu(): Promise<ConsoleView['calls'][number]> {
    const m = phones.caller.mark();
    await phones.caller.dial('5552000');
    await phones.caller.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    let call: ConsoleView['calls'][number] | undefined;
    await waitFor('the caller on Olivia\'s console, in the menu', async () => {
      call = (await olivia.get<ConsoleView>('/api/attendant/console')).body.calls.find((c) => c.caller.number === '5550001' && c.state === 'menu');
      return call !== undefined;
    }, 10_000);
    return call!;
  }
  async function hangUpAndCheck(): Promise<void> {
    const m = phones.caller.mark();
    await phones.caller.hangup();
    await phones.caller.waitForEvent('CALL_CLOSED', 10_000, m);
    await expectNothingLeft();
  }

  it('a plain user and another organisation\'s administrator can neither see the caller nor act on the call; the operator can', async () => {
    const call = await callerInTheMenu();
    const bobId = (await olivia.get<ConsoleView>('/api/attendant/console')).body.people.find((p) => p.extension === '1007')!.id;
    const m = phones.caller.mark();

    expect((await bob.get('/api/attendant/console')).status, 'Bob may not open the console').to.equal(403);
    for (const [action, body] of [['transfer', { userId: bobId }], ['voicemail', { userId: bobId }], ['park', {}], ['hangup', {}]] as const) {
      expect((await bob.post(`/api/attendant/console/calls/${call.id}/${action}`, body)).status, `Bob: ${action}`).to.equal(403);
    }
    const globexConsole = await gina.get<ConsoleView>('/api/attendant/console');
    expect(globexConsole.status).to.equal(200);
    expect(globexConsole.body.calls, 'Globex\'s console shows no Acme call').to.deep.equal([]);
    expect(globexConsole.body.people.map((p) => p.name), 'nor Acme\'s people').to.deep.equal(['Gina Globex']);
    for (const [action, body] of [['transfer', { userId: bobId }], ['park', {}], ['hangup', {}]] as const) {
      expect((await gina.post(`/api/attendant/console/calls/${call.id}/${action}`, body)).status, `Gina: ${action} is no such call`).to.equal(404);
    }
    expect((await olivia.post(`/api/attendant/console/calls/${call.id}/transfer`, { userId: 'bob' })).status, 'a bad body names its field').to.equal(400);

    // None of it touched the call: the caller is still in the menu, Bob's phone never rang.
    expect(phones.caller.has('CALL_CLOSED', m)).to.equal(false);
    expect(phones.bob.has('CALL_INCOMING', m)).to.equal(false);
    expect((await olivia.get<ConsoleView>('/api/attendant/console')).body.calls.map((c) => [c.id, c.state])).to.deep.equal([[call.id, 'menu']]);

    // Bob becomes Acme's operator: the console is his.
    await sb.app.db.updateTable('organisations').set({ operator_destination: '1007' }).where('name', '=', 'Acme Corp').execute();
    expect((await bob.get<ConsoleView>('/api/attendant/console')).body.calls.map((c) => c.id)).to.deep.equal([call.id]);

    expect((await olivia.post(`/api/attendant/console/calls/${call.id}/hangup`)).status).to.equal(204);
    await phones.caller.waitForEvent('CALL_CLOSED', 10_000, m);
    await expectNothingLeft();
  });

  it('Olivia parks the caller, picks slot 1 up on her own phone, and talks to the caller', async () => {
    const call = await callerInTheMenu();
    const parked = await olivia.post<{ slot: number }>(`/api/attendant/console/calls/${call.id}/park`);
    expect(parked.status).to.equal(200);
    expect(parked.body.slot).to.equal(1);
    await waitFor('the caller parked in slot 1', async () =>
      (await olivia.get<ConsoleView>('/api/attendant/console')).body.calls.some((c) => c.state === 'parked' && c.slot === 1), 10_000);
    const o = phones.olivia.mark();
    expect((await olivia.post('/api/attendant/console/parked/1/pickup')).status).to.equal(202);
    await phones.olivia.waitForEvent('CALL_INCOMING', 10_000, o);
    await phones.olivia.answer();
    await waitFor('Olivia bridged with the caller', async () =>
      JSON.stringify(await bridgedDevices()) === JSON.stringify([['PJSIP/1001', 'PJSIP/5550001']]), 10_000);
    await untilHeard([phones.olivia, phones.caller], 2.5);
    expect((await olivia.get<ConsoleView>('/api/attendant/console')).body.calls.map((c) => [c.state, c.with?.extension])).to.deep.equal([['connected', '1001']]);
    await hangUpAndCheck();
    // Read once the phones closed their recordings: each heard the other's tone.
    for (const [listener, speaker] of [[phones.olivia, phones.caller], [phones.caller, phones.olivia]] as Array<[Phone, Phone]>) {
      const heard = listener.recordings().at(-1)!;
      const stats = audioStats(tail(heard, 2, `${heard}.tail.wav`));
      expect(stats.roughFrequency, `${listener.endpoint} hears ${speaker.endpoint}`).to.be.within(phones.toneOf(speaker) - 60, phones.toneOf(speaker) + 60);
    }
  });

  it('Olivia sends the caller to Bob\'s voicemail: Bob\'s phone does not ring, a message is being recorded', async () => {
    const call = await callerInTheMenu();
    const bobId = (await olivia.get<ConsoleView>('/api/attendant/console')).body.people.find((p) => p.extension === '1007')!.id;
    const b = phones.bob.mark();
    expect((await olivia.post(`/api/attendant/console/calls/${call.id}/voicemail`, { userId: bobId })).status).to.equal(202);
    await recordingStarted(sb, '1007');
    expect(phones.bob.has('CALL_INCOMING', b)).to.equal(false);
    await hangUpAndCheck();
  });
});
