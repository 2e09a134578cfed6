import { expect } from 'chai';
import type { LiveEvent } from '../../../src/calls/live-events.js';
import { ApiClient } from '../../support/api-client.js';
import { bridgedDevices, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { recordingStarted, watchPlaybacks } from '../voicemail/voicemail-support.js';

/**
 * Agents log in and out (PRODUCT.md 2 and 4): `*50` / `*51` on the agent's phone or the
 * portal's toggle; the attendant rings a logged-out agent never (their voicemail takes
 * the caller), and the live view shows the state. The outside phone 5550001 calls the
 * company number (5552000) and keys Bob's extension.
 */
describe('attendant: agents log in and out with *50 / *51 (real Asterisk, real SIP phones)', function () {
  this.timeout(90_000);
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'caller' | 'bob' | 'mary'>>>;
  const loggedIn = async (extension: string) => (await sb.app.db.selectFrom('users').select('logged_in').where('extension', '=', extension).executeTakeFirstOrThrow()).logged_in === 1;
  const live: LiveEvent[] = [];
  const onLive = (e: LiveEvent) => { live.push(e); };

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true });
    phones = await startPhones({ caller: '5550001', bob: '1007', mary: '1005' });
    await sb.app.db.updateTable('users').set({ user_type: 'agent', logged_in: 1, no_answer_seconds: 20 }).where('extension', '=', '1007').execute();
    await sb.app.db.updateTable('users').set({ user_type: 'business_user', secondary_number: '5550009' }).where('extension', '=', '1005').execute();
    await sb.app.db.deleteFrom('attendant_business_hours').execute();
    sb.app.live.on('event', onLive);
  });
  after(async () => {
    sb?.app.live.off('event', onLive);
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(resetAsterisk);

  async function callerKeysBob(): Promise<number> {
    const { caller, bob } = phones;
    const [c, b] = [caller.mark(), bob.mark()];
    await caller.dial('5552000');
    await caller.waitForEvent('CALL_ESTABLISHED', 10_000, c);
    await caller.press('1007#');
    return b;
  }
  async function bobDials(code: string, confirmation: string): Promise<void> {
    const playbacks = watchPlaybacks(sb);
    try {
      const b = phones.bob.mark();
      await phones.bob.dial(code);
      await phones.bob.waitForEvent('CALL_ESTABLISHED', 10_000, b);
      await playbacks.waitFor(confirmation);
      await phones.bob.waitForEvent('CALL_CLOSED', 15_000, b);
    } finally { playbacks.stop(); }
  }

  it('Bob dials *51: "agent logged off", the live view is told, and the attendant no longer rings him (his voicemail answers)', async () => {
    const from = live.length;
    await bobDials('*51', 'sound:agent-loggedoff');
    expect(await loggedIn('1007')).to.equal(false);
    expect(live.slice(from).some((e) => e.kind === 'agent.logged-out' && e.data.userId === sb.demo!.directory[2]!.id), 'the live view is told').to.equal(true);
    const b = await callerKeysBob();
    await recordingStarted(sb, '1007', 30_000);
    expect(phones.bob.has('CALL_INCOMING', b), 'Bob\'s phone never rang').to.equal(false);
    const c = phones.caller.mark();
    await phones.caller.hangup();
    await phones.caller.waitForEvent('CALL_CLOSED', 10_000, c);
    await expectNothingLeft();
  });

  it('Bob dials *50: "agent login accepted", and the attendant puts the caller through to him again', async () => {
    await sb.app.db.updateTable('users').set({ logged_in: 0 }).where('extension', '=', '1007').execute();
    await bobDials('*50', 'sound:agent-loginok');
    expect(await loggedIn('1007')).to.equal(true);
    const b = await callerKeysBob();
    await phones.bob.waitForEvent('CALL_INCOMING', 30_000, b);
    await phones.bob.answer();
    await waitFor('the caller bridged with Bob', async () => JSON.stringify(await bridgedDevices()) === JSON.stringify([['PJSIP/1007', 'PJSIP/5550001']]), 10_000);
    const c = phones.caller.mark();
    await phones.caller.hangup();
    await phones.caller.waitForEvent('CALL_CLOSED', 10_000, c);
    await expectNothingLeft();
  });

  it('Mary, a business user, dials *50: she hears that only agents log in, and nothing changes', async () => {
    const playbacks = watchPlaybacks(sb);
    try {
      const m = phones.mary.mark();
      await phones.mary.dial('*50');
      await playbacks.waitFor('sound:switchboard/attendant-not-an-agent');
      await phones.mary.waitForEvent('CALL_CLOSED', 15_000, m);
      expect(playbacks.played).to.not.include('sound:agent-loginok');
    } finally { playbacks.stop(); }
    await expectNothingLeft();
  });

  it('the portal toggle: Bob logs out and in through the API; an administrator may too; a business user is refused naming the field', async () => {
    const bobId = sb.demo!.directory[2]!.id;
    const bob = await ApiClient.signIn(sb.baseUrl, '1007', 'switchboard');
    expect((await bob.put(`/api/attendant/users/${bobId}/agent-login`, { loggedIn: false })).status).to.equal(200);
    expect(await loggedIn('1007')).to.equal(false);
    const admin = await ApiClient.signIn(sb.baseUrl, '1001', 'switchboard');
    expect((await admin.put(`/api/attendant/users/${bobId}/agent-login`, { loggedIn: true })).status).to.equal(200);
    expect(await loggedIn('1007')).to.equal(true);
    const mary = await ApiClient.signIn(sb.baseUrl, '1005', 'switchboard');
    const maryId = sb.demo!.directory[0]!.id;
    expect((await mary.put(`/api/attendant/users/${bobId}/agent-login`, { loggedIn: false })).status, 'not another user\'s').to.equal(403);
    const refused = await mary.put(`/api/attendant/users/${maryId}/agent-login`, { loggedIn: false });
    expect(refused.status).to.equal(400);
    expect(JSON.stringify(refused.body)).to.contain('loggedIn');
    expect((await bob.put(`/api/attendant/users/${bobId}/agent-login`, { loggedIn: 'no' })).status).to.equal(400);
  });
});
