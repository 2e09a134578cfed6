import { expect } from 'chai';
import { DEMO_PASSWORD } from '../../../src/demo/seed.js';
import { purgeExpiredSessions } from '../../../src/http/auth/session-store.js';
import { ApiClient } from '../../support/api-client.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { TEST_STORES } from '../../support/test-store.js';

type AuditEntries = { entries: Array<{ action: string; actorUserId: number; actingAsUserId: number; details: Record<string, unknown> }> };

for (const store of TEST_STORES) describe(`sessions: impersonation, sign-out and password changes end what they must, on ${store}`, () => {
  let sb: RunningSwitchboard;
  let olivia: ApiClient;
  let bobId: number;

  beforeEach(async () => {
    sb = await startSwitchboard({ store, seed: true, asterisk: false });
    olivia = await ApiClient.signIn(sb.baseUrl, 'olivia@acme.example', DEMO_PASSWORD);
    bobId = sb.demo!.directory.find((u) => u.extension === '1007')!.id;
  });
  afterEach(() => sb?.stop());

  const secondAdmin = async () => {
    const created = await olivia.post<{ id: number }>('/api/users', { extension: '1020', name: 'Adam Admin', role: 'admin', password: 'adam-password-1' });
    expect(created.status).to.equal(201);
    return { id: created.body.id, client: await ApiClient.signIn(sb.baseUrl, '1020', 'adam-password-1') };
  };
  const actAs = async (admin: ApiClient, userId: number) => {
    const started = await admin.post<{ token: string }>('/api/auth/impersonate', { userId, reason: 'ticket 12: checking voicemail' });
    expect(started.status).to.equal(201);
    return new ApiClient(sb.baseUrl, started.body.token);
  };

  it('an administrator demoted by another loses the impersonation they had running at once', async () => {
    const adam = await secondAdmin();
    const asBob = await actAs(adam.client, bobId);
    expect((await asBob.get('/api/voicemail/messages')).status).to.equal(200);
    expect((await olivia.patch(`/api/users/${adam.id}`, { role: 'user' })).status).to.equal(200);
    expect((await asBob.get('/api/voicemail/messages')).status).to.equal(401);
    expect((await asBob.get('/api/auth/me')).status).to.equal(401);
  });

  it('a demotion that bypasses the users API (a direct store change) still ends the impersonation on its next request, audited', async () => {
    const adam = await secondAdmin();
    const asBob = await actAs(adam.client, bobId);
    await sb.app.db.updateTable('users').set({ role: 'user' }).where('id', '=', adam.id).execute();
    expect((await asBob.get('/api/voicemail/messages')).status).to.equal(401);
    const audit = await olivia.get<AuditEntries>('/api/audit');
    expect(audit.body.entries[0]).to.deep.include({ action: 'impersonation-ended', actorUserId: adam.id, actingAsUserId: bobId });
    expect(audit.body.entries[0]!.details).to.deep.equal({ reason: 'the administrator is no longer an administrator' });
  });

  it('what an administrator reads as Bob, such as his voicemail, is in the audit log', async () => {
    const asBob = await actAs(olivia, bobId);
    expect((await asBob.get('/api/voicemail/messages')).status).to.equal(200);
    expect((await asBob.get('/api/voicemail/messages')).status).to.equal(200);
    const reads = (await olivia.get<AuditEntries>('/api/audit')).body.entries.filter((e) => e.action === 'impersonated-read');
    expect(reads, 'one entry for two reads of the same list').to.have.length(1);
    expect(reads[0]).to.deep.include({ actingAsUserId: bobId });
    expect(reads[0]!.details).to.include({ method: 'GET', path: '/api/voicemail/messages' });
  });

  it('signing out while impersonating ends the impersonation and the administrator\'s own session', async () => {
    const asBob = await actAs(olivia, bobId);
    expect((await asBob.post('/api/auth/logout')).status).to.equal(204);
    expect((await asBob.get('/api/auth/me')).status).to.equal(401);
    expect((await olivia.get('/api/auth/me')).status).to.equal(401);
  });

  it('an impersonation ends when the administrator signs out of their own session', async () => {
    const asBob = await actAs(olivia, bobId);
    expect((await olivia.post('/api/auth/logout')).status).to.equal(204);
    expect((await asBob.get('/api/voicemail/messages')).status).to.equal(401);
  });

  it('changing one\'s password needs the current one and signs out one\'s other sessions', async () => {
    const maryId = sb.demo!.directory.find((u) => u.extension === '1005')!.id;
    const here = await ApiClient.signIn(sb.baseUrl, '1005', DEMO_PASSWORD);
    const elsewhere = await ApiClient.signIn(sb.baseUrl, 'mary@acme.example', DEMO_PASSWORD);

    const without = await here.patch(`/api/users/${maryId}`, { password: 'a-new-password' });
    expect(without.status).to.equal(400);
    expect(String(without.body.detail)).to.match(/^currentPassword:/);
    const wrong = await here.patch(`/api/users/${maryId}`, { password: 'a-new-password', currentPassword: 'not-it' });
    expect(wrong.status).to.equal(403);
    expect(wrong.body).to.include({ code: 'wrong-current-password' });
    expect((await elsewhere.get('/api/auth/me')).status, 'refused changes end nothing').to.equal(200);

    expect((await here.patch(`/api/users/${maryId}`, { password: 'a-new-password', currentPassword: DEMO_PASSWORD })).status).to.equal(200);
    expect((await here.get('/api/auth/me')).status, 'the session that changed it stays').to.equal(200);
    expect((await elsewhere.get('/api/auth/me')).status, 'the other session is signed out').to.equal(401);
    expect((await new ApiClient(sb.baseUrl).post('/api/auth/login', { login: '1005', password: DEMO_PASSWORD })).status).to.equal(401);
    expect((await new ApiClient(sb.baseUrl).post('/api/auth/login', { login: '1005', password: 'a-new-password' })).status).to.equal(200);
  });

  it('an impersonating administrator cannot change the user\'s password without it; an administrator\'s reset signs the user out everywhere', async () => {
    const bob = await ApiClient.signIn(sb.baseUrl, '1007', DEMO_PASSWORD);
    const asBob = await actAs(olivia, bobId);
    expect((await asBob.patch(`/api/users/${bobId}`, { password: 'chosen-by-admin' })).status).to.equal(400);
    expect((await olivia.patch(`/api/users/${bobId}`, { password: 'reset-by-admin' })).status).to.equal(200);
    expect((await bob.get('/api/auth/me')).status).to.equal(401);
    expect((await asBob.get('/api/auth/me')).status).to.equal(401);
  });

  it('expired sessions are purged from the store', async () => {
    await sb.app.db.insertInto('auth_sessions').values({
      token_hash: 'expired-session', user_id: bobId, csrf_token: 'x', created_at: '2026-01-01T00:00:00.000Z', expires_at: '2026-01-01T12:00:00.000Z',
      impersonator_id: null, impersonation_reason: null,
    }).execute();
    expect(await purgeExpiredSessions(sb.app.db, new Date())).to.equal(1);
    expect(await sb.app.db.selectFrom('auth_sessions').select('token_hash').where('token_hash', '=', 'expired-session').executeTakeFirst()).to.equal(undefined);
    expect((await olivia.get('/api/auth/me')).status, 'live sessions stay').to.equal(200);
  });
});
