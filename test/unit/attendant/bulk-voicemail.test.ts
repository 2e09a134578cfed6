import { expect } from 'chai';
import type { SwitchboardApp } from '../../../src/app.js';
import { verifySecret } from '../../../src/users/password.js';
import { startApiApp, type ApiApp } from '../../support/api-app.js';

interface AuditEntry { action: string; details: { userId?: number; extension?: string; via?: string }; changes?: Array<{ field: string; before?: unknown; after?: unknown; changed?: true }> }

/** PRODUCT.md 4, Bulk settings: voicemail options for many users at once, all or nothing, each change in the audit log. */
describe('attendant API: bulk edit of voicemail options', function () {
  this.timeout(60_000);
  let api: ApiApp;
  let app: SwitchboardApp;
  let baseUrl: string;
  let adminToken: string;

  before(async () => {
    api = await startApiApp('bulk-vm');
    ({ app, baseUrl, adminToken } = api);
  });
  after(async () => { await api?.stop(); });

  const call = async <T>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const r = await fetch(`${baseUrl}/api${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const signIn = async (login: string) => ((await (await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: 'switchboard' }) })).json()) as { token: string }).token;
  const idOf = async (extension: string) => (await app.db.selectFrom('users').select('id').where('extension', '=', extension).executeTakeFirstOrThrow()).id;
  const mailboxSettings = async (login: string) => (await call<{ notify: string; locked: boolean }>(await signIn(login), 'GET', '/voicemail/settings')).body;
  const mailboxes = () => app.db.selectFrom('voicemail_boxes').selectAll().orderBy('user_id').execute();
  const userChanges = async () => (await call<{ entries: AuditEntry[] }>(adminToken, 'GET', '/audit?search=user-changed')).body.entries.filter((e) => e.action === 'user-changed');

  it('turns e-mail notification off and unlocks two mailboxes; their owners see it; each gets an audit entry with old and new values', async () => {
    const [mary, mark] = [await idOf('1005'), await idOf('1006')];
    // Mary locked herself out by phone earlier.
    await app.db.insertInto('voicemail_boxes').values({ user_id: mary, notify: 'email-attachment', pin_failures: 3, locked_at: new Date().toISOString(), greeting_unavailable: null, greeting_busy: null, greeting_out_of_office: null, greeting_after_hours: null, greeting_name: null })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ notify: 'email-attachment', pin_failures: 3, locked_at: new Date().toISOString() })).execute();
    expect(await mailboxSettings('mary@acme.example')).to.deep.include({ notify: 'email-attachment', locked: true });

    const response = await call<{ updated: number }>(adminToken, 'POST', '/attendant/users/bulk', { userIds: [mary, mark], set: { voicemailNotify: 'none', unlockMailboxes: true } });
    expect(response).to.deep.equal({ status: 200, body: { updated: 2 } });
    expect(await mailboxSettings('mary@acme.example')).to.deep.include({ notify: 'none', locked: false });
    expect(await mailboxSettings('mark@acme.example')).to.deep.include({ notify: 'none', locked: false });

    const entries = await userChanges();
    const maryEntry = entries.find((e) => e.details.userId === mary);
    expect(maryEntry?.details).to.deep.include({ extension: '1005', via: 'bulk' });
    expect(maryEntry?.changes).to.deep.equal([
      { field: 'voicemailNotify', before: 'email-attachment', after: 'none' },
      { field: 'mailboxLocked', before: true, after: false },
    ]);
    // Mark's mailbox was never locked: only the notification changed.
    expect(entries.find((e) => e.details.userId === mark)?.changes).to.deep.equal([{ field: 'voicemailNotify', before: 'email', after: 'none' }]);
  });

  it('gives the selected mailboxes one new PIN: stored as a hash that verifies, audited only as changed', async () => {
    const carol = await idOf('1008');
    const response = await call(adminToken, 'POST', '/attendant/users/bulk', { userIds: [carol], set: { voicemailPin: '4821', type: 'business_user' } });
    expect(response.status).to.equal(200);
    const row = await app.db.selectFrom('users').select(['pin_hash', 'user_type']).where('id', '=', carol).executeTakeFirstOrThrow();
    expect(await verifySecret('4821', row.pin_hash)).to.equal(true);
    const entry = (await userChanges()).find((e) => e.details.userId === carol);
    expect(entry?.changes).to.deep.include({ field: 'type', before: 'agent', after: 'business_user' });
    expect(entry?.changes).to.deep.include({ field: 'pin', changed: true });
    expect(JSON.stringify(entry)).to.not.contain('4821');
  });

  it('a refused option or an unknown user changes nothing for anyone, and the 400 names the field', async () => {
    const [mary, mark] = [await idOf('1005'), await idOf('1006')];
    const [boxesBefore, auditBefore] = [await mailboxes(), (await userChanges()).length];

    const weakPin = await call<{ detail: string }>(adminToken, 'POST', '/attendant/users/bulk', { userIds: [mary, mark], set: { voicemailNotify: 'email', voicemailPin: '1111' } });
    expect(weakPin.status).to.equal(400);
    expect(weakPin.body.detail).to.equal('set.voicemailPin: must be 4 to 10 digits, not all the same digit');

    const badMode = await call<{ detail: string }>(adminToken, 'POST', '/attendant/users/bulk', { userIds: [mary], set: { voicemailNotify: 'sms' } });
    expect(badMode.status).to.equal(400);
    expect(badMode.body.detail).to.match(/^set\.voicemailNotify:/);

    const stranger = await call<{ detail: string }>(adminToken, 'POST', '/attendant/users/bulk', { userIds: [mary, 999_999], set: { voicemailNotify: 'email' } });
    expect(stranger.status).to.equal(400);
    expect(stranger.body.detail).to.match(/^userIds\.1:/);

    expect(await mailboxes()).to.deep.equal(boxesBefore);
    expect((await userChanges()).length).to.equal(auditBefore);
  });

  it('only an administrator may bulk-edit mailboxes', async () => {
    const response = await call(await signIn('mary@acme.example'), 'POST', '/attendant/users/bulk', { userIds: [await idOf('1006')], set: { unlockMailboxes: true } });
    expect(response.status).to.equal(403);
  });
});
