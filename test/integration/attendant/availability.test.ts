import { expect } from 'chai';
import type { LiveEvent } from '../../../src/calls/live-events.js';
import { bridgedDevices, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import type { Phone } from '../../support/phone.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { recordingStarted } from '../voicemail/voicemail-support.js';

/**
 * Who the attendant puts a caller through to (PRODUCT.md 4, user types, availability,
 * out of office): an outside caller (5550001) keys an extension at the company number.
 */
describe('attendant: user types, availability, backups, out of office (real Asterisk, real SIP phones)', function () {
  this.timeout(60_000);
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'caller' | 'outside' | 'mary' | 'mark' | 'bob' | 'carol'>>>;
  const id = (extension: string) => sb.app.db.selectFrom('users').select('id').where('extension', '=', extension).executeTakeFirstOrThrow().then((r) => r.id);
  const setUser = async (extension: string, values: Record<string, unknown>) => {
    await sb.app.db.updateTable('users').set(values).where('extension', '=', extension).execute();
  };

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true });
    phones = await startPhones({ caller: '5550001', outside: '5550002', mary: '1005', mark: '1006', bob: '1007', carol: '1008' });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(async () => {
    await resetAsterisk();
    await sb.app.db.updateTable('users').set({ user_type: 'agent', backup_user_id: null, logged_in: 1, no_answer_seconds: 20, secondary_number: null })
      .where('extension', 'in', ['1005', '1006', '1007', '1008']).execute();
    await sb.app.db.deleteFrom('attendant_out_of_office').execute();
    await sb.app.db.deleteFrom('attendant_business_hours').execute();
  });

  async function callAndKey(keys: string): Promise<void> {
    const m = phones.caller.mark();
    await phones.caller.dial('5552000');
    await phones.caller.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await phones.caller.press(keys);
  }
  async function answers(phone: Phone, since: number): Promise<void> {
    await phone.waitForEvent('CALL_INCOMING', 30_000, since);
    await phone.answer();
  }
  const bridgedWith = (device: string) => waitFor(`caller bridged with ${device}`, async () =>
    JSON.stringify(await bridgedDevices()) === JSON.stringify([[device, 'PJSIP/5550001'].sort()]), 10_000);
  async function hangUpAndCheck(): Promise<void> {
    const m = phones.caller.mark();
    await phones.caller.hangup();
    await phones.caller.waitForEvent('CALL_CLOSED', 10_000, m);
    await expectNothingLeft();
  }
  async function login(extension: string): Promise<(method: string, path: string, body?: unknown) => Promise<Response>> {
    const response = await fetch(`${sb.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: extension, password: 'switchboard' }) });
    const { token } = await response.json() as { token: string };
    return (method, path, body) => fetch(`${sb.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  it('Bob is busy on another call: his backup Mark rings instead, and Bob is not disturbed', async () => {
    await setUser('1007', { backup_user_id: await id('1006') });
    const [b, k] = [phones.bob.mark(), phones.mark.mark()];
    await phones.carol.dial('1007');
    await phones.bob.waitForEvent('CALL_INCOMING', 10_000, b);
    await phones.bob.answer();
    await waitFor('Carol and Bob talking', async () => (await bridgedDevices()).length === 1, 10_000);
    const busySince = phones.bob.mark();
    await callAndKey('1007#');
    await answers(phones.mark, k);
    await waitFor('caller bridged with Mark', async () => (await bridgedDevices()).some((d) => JSON.stringify(d) === JSON.stringify(['PJSIP/1006', 'PJSIP/5550001'])), 10_000);
    expect(phones.bob.has('CALL_INCOMING', busySince), 'Bob was not rung while busy').to.equal(false);
    await phones.carol.hangup();
    await hangUpAndCheck();
  });

  it('Bob does not answer, nor does his backup Mark: the caller reaches Bob’s voicemail', async () => {
    await setUser('1007', { backup_user_id: await id('1006'), no_answer_seconds: 5 });
    await setUser('1006', { no_answer_seconds: 5 });
    const [b, k] = [phones.bob.mark(), phones.mark.mark()];
    await callAndKey('1007#');
    await phones.bob.waitForEvent('CALL_INCOMING', 15_000, b);
    await phones.bob.waitForEvent('CALL_CLOSED', 15_000, b);
    await phones.mark.waitForEvent('CALL_INCOMING', 15_000, k);
    await phones.mark.waitForEvent('CALL_CLOSED', 15_000, k);
    await recordingStarted(sb, '1007');
    await hangUpAndCheck();
  });

  it('Carol has no backup and no voicemail: no answer, an apology, and the caller is back in the menu to key Bob', async () => {
    const carolId = await id('1008');
    await setUser('1008', { no_answer_seconds: 5 });
    await sb.app.db.deleteFrom('user_services').where('user_id', '=', carolId).where('service', '=', 'voicemail').execute();
    try {
      const [c, b] = [phones.carol.mark(), phones.bob.mark()];
      await callAndKey('1008#');
      await phones.carol.waitForEvent('CALL_INCOMING', 15_000, c);
      await phones.carol.waitForEvent('CALL_CLOSED', 15_000, c);
      await phones.caller.press('1007#');
      await answers(phones.bob, b);
      await bridgedWith('PJSIP/1007');
      await hangUpAndCheck();
    } finally {
      await sb.app.db.insertInto('user_services').values({ user_id: carolId, service: 'voicemail' }).execute();
    }
  });

  it('Bob is out of office with Carol as his backup: Carol rings, Bob does not', async () => {
    const api = await login('1007');
    const response = await api('PUT', `/api/attendant/users/${await id('1007')}/out-of-office`, { backupUserId: await id('1008') });
    expect(response.status).to.equal(200);
    expect((await response.json() as { activeNow: boolean }).activeNow).to.equal(true);
    const [b, c] = [phones.bob.mark(), phones.carol.mark()];
    await callAndKey('1007#');
    await answers(phones.carol, c);
    await bridgedWith('PJSIP/1008');
    expect(phones.bob.has('CALL_INCOMING', b)).to.equal(false);
    await hangUpAndCheck();
  });

  it('Bob is out of office with no backup: straight to his voicemail, his phone silent', async () => {
    const api = await login('1007');
    expect((await api('PUT', `/api/attendant/users/${await id('1007')}/out-of-office`, { endsAt: new Date(Date.now() + 86_400_000).toISOString() })).status).to.equal(200);
    const b = phones.bob.mark();
    await callAndKey('1007#');
    await recordingStarted(sb, '1007');
    expect(phones.bob.has('CALL_INCOMING', b)).to.equal(false);
    await hangUpAndCheck();
  });

  it('an agent who is logged out is unavailable: the backup (Mark) rings', async () => {
    await setUser('1007', { logged_in: 0, backup_user_id: await id('1006') });
    const [b, k] = [phones.bob.mark(), phones.mark.mark()];
    await callAndKey('1007#');
    await answers(phones.mark, k);
    await bridgedWith('PJSIP/1006');
    expect(phones.bob.has('CALL_INCOMING', b)).to.equal(false);
    await hangUpAndCheck();
  });

  it('a business user (Carol) is reached on her outside number through the trunk', async () => {
    await setUser('1008', { user_type: 'business_user', secondary_number: '5550002' });
    const [c, o] = [phones.carol.mark(), phones.outside.mark()];
    await callAndKey('1008#');
    await answers(phones.outside, o);
    await waitFor('caller connected to the outside number', async () => (await bridgedDevices()).some((d) => d.includes('PJSIP/5550001')), 10_000);
    expect(phones.carol.has('CALL_INCOMING', c), 'her desk phone does not ring').to.equal(false);
    await hangUpAndCheck();
  });

  it('a floating agent (Carol) rings at her desk first, then on her outside number', async () => {
    await setUser('1008', { user_type: 'floating_agent', secondary_number: '5550002', no_answer_seconds: 5 });
    const [c, o] = [phones.carol.mark(), phones.outside.mark()];
    await callAndKey('1008#');
    await phones.carol.waitForEvent('CALL_INCOMING', 15_000, c);
    await phones.carol.waitForEvent('CALL_CLOSED', 15_000, c);
    await answers(phones.outside, o);
    await waitFor('caller connected to the outside number', async () => (await bridgedDevices()).some((d) => d.includes('PJSIP/5550001')), 10_000);
    await hangUpAndCheck();
  });

  it('a general mailbox (Sales, 1009) goes straight to its greeting', async () => {
    await callAndKey('1009#');
    await recordingStarted(sb, '1009');
    await hangUpAndCheck();
  });

  it('after hours: the caller hears the after-hours greeting, then the menu still works', async () => {
    const admin = await login('1001');
    const today = new Date().getUTCDay();
    const response = await admin('PUT', '/api/attendant/business-hours', { hours: [{ dayOfWeek: (today + 3) % 7, opens: '09:00', closes: '17:00' }] });
    expect(response.status).to.equal(200);
    const greetings: string[] = [];
    const listener = (e: LiveEvent) => { if (e.kind === 'attendant-greeting') greetings.push(String(e.data.greeting)); };
    sb.app.live.on('event', listener);
    try {
      const b = phones.bob.mark();
      await callAndKey('1007#');
      await answers(phones.bob, b);
      expect(greetings).to.deep.equal(['after-hours']);
      await bridgedWith('PJSIP/1007');
      await hangUpAndCheck();
    } finally {
      sb.app.live.off('event', listener);
    }
  });
});
