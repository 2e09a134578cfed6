import { expect } from 'chai';
import { DEMO_PASSWORD } from '../../../src/demo/seed.js';
import { ApiClient } from '../../support/api-client.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { TEST_STORES } from '../../support/test-store.js';

for (const store of TEST_STORES) describe(`users API: every route checks who is asking, on ${store}`, () => {
  let sb: RunningSwitchboard;
  let admin: ApiClient;
  let mary: ApiClient;
  let anonymous: ApiClient;
  let bobId: number;
  let maryId: number;

  before(async () => {
    sb = await startSwitchboard({ store, seed: true });
    admin = await ApiClient.signIn(sb.baseUrl, 'olivia@acme.example', DEMO_PASSWORD);
    mary = await ApiClient.signIn(sb.baseUrl, '1005', DEMO_PASSWORD);
    anonymous = new ApiClient(sb.baseUrl);
    bobId = sb.demo!.directory.find((u) => u.extension === '1007')!.id;
    maryId = sb.demo!.directory.find((u) => u.extension === '1005')!.id;
  });
  after(() => sb?.stop());

  it('reports health: ARI connected and the store answering', async () => {
    const res = await anonymous.get('/api/health');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.include({ status: 'ok' });
    expect(res.body.ari).to.deep.include({ connected: true });
  });

  it('serves Prometheus metrics', async () => {
    const res = await anonymous.get('/metrics');
    expect(res.status).to.equal(200);
    expect(String(res.body)).to.contain('switchboard_active_calls').and.contain('switchboard_ari_connected 1');
  });

  it('refuses a request without a session: 401', async () => {
    const res = await anonymous.get('/api/users');
    expect(res.status).to.equal(401);
    expect(res.body).to.include({ code: 'unauthenticated' });
    expect(res.headers.get('content-type')).to.contain('application/problem+json');
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const res = await anonymous.post('/api/auth/login', { login: '1005', password: 'nope-nope' });
    expect(res.status).to.equal(401);
    expect(res.body).to.include({ code: 'bad-credentials' });
  });

  it('lets an administrator list, create, change and delete users', async () => {
    const list = await admin.get<{ users: Array<{ extension: string }>; total: number }>('/api/users?search=jones');
    expect(list.status).to.equal(200);
    expect(list.body.users.map((u) => u.extension)).to.deep.equal(['1005', '1006']);

    const created = await admin.post<{ id: number; locations: unknown[]; services: string[] }>('/api/users', {
      extension: '1010', name: 'Nina New', email: 'nina@acme.example', services: ['attendant', 'voicemail'], dids: ['5552010'],
    });
    expect(created.status).to.equal(201);
    expect(created.body.locations).to.deep.equal([{ id: (created.body.locations[0] as { id: number }).id, kind: 'primary', address: 'PJSIP/1010', ringsForIncoming: true, label: null }]);

    const changed = await admin.patch<{ name: string; type: string }>(`/api/users/${created.body.id}`, { name: 'Nina Newer', type: 'floating_agent', secondaryNumber: '5550003' });
    expect(changed.status).to.equal(200);
    expect(changed.body).to.include({ name: 'Nina Newer', type: 'floating_agent' });

    const taken = await admin.post('/api/users', { extension: '1010', name: 'Twin' });
    expect(taken.status).to.equal(409);
    expect(String(taken.body.detail)).to.contain('extension');
    const didTaken = await admin.post('/api/users', { extension: '1011', name: 'Twin', dids: ['5552010'] });
    expect(didTaken.status).to.equal(409);
    expect(didTaken.body).to.include({ code: 'did-taken' });
    expect((await admin.get<{ total: number }>('/api/users?search=twin')).body.total, 'the refused user was not half created').to.equal(0);

    expect((await admin.delete(`/api/users/${created.body.id}`)).status).to.equal(204);
    expect((await admin.get(`/api/users/${created.body.id}`)).status).to.equal(404);
  });

  it('a user changing another user gets 403, and so does a user changing their own role', async () => {
    const other = await mary.patch(`/api/users/${bobId}`, { name: 'Hacked' });
    expect(other.status).to.equal(403);
    const role = await mary.patch(`/api/users/${maryId}`, { role: 'admin' });
    expect(role.status).to.equal(403);
    expect(String(role.body.detail)).to.contain('role');
    expect((await mary.get('/api/users')).status).to.equal(403);
    expect((await mary.get(`/api/users/${bobId}`)).status).to.equal(403);
  });

  it('a user may change their own name and PIN', async () => {
    const res = await mary.patch<{ name: string; hasPin: boolean }>(`/api/users/${maryId}`, { name: 'Mary Jones', pin: '4321' });
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ name: 'Mary Jones', hasPin: true });
  });

  it('a malformed body gets 400 naming the field', async () => {
    const badExtension = await admin.post('/api/users', { extension: '12a', name: 'X' });
    expect(badExtension.status).to.equal(400);
    expect(badExtension.body).to.include({ code: 'invalid-request' });
    expect(String(badExtension.body.detail)).to.match(/^extension:/);
    expect(badExtension.body.fields).to.deep.include({ field: 'extension', message: 'must be 2 to 8 digits' });

    const badLocation = await admin.put(`/api/users/${bobId}/locations`, { locations: [{ kind: 'mobile', address: 'PJSIP/1007' }] });
    expect(badLocation.status).to.equal(400);
    expect(String(badLocation.body.detail)).to.match(/^locations\.0\.address:/);

    const unknownField = await admin.patch(`/api/users/${bobId}`, { colour: 'blue' });
    expect(unknownField.status).to.equal(400);

    const notJson = await admin.request('POST', '/api/users', '{"extension": ', { 'content-type': 'application/json' });
    expect(notJson.status).to.equal(400);
    expect(notJson.body).to.include({ code: 'invalid-json' });
  });

  it('a cookie session must send the CSRF token to change anything', async () => {
    const login = await fetch(`${sb.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: '1005', password: DEMO_PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = await login.json() as { csrfToken: string };
    const patch = (headers: Record<string, string>) => fetch(`${sb.baseUrl}/api/users/${maryId}`, {
      method: 'PATCH', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name: 'Mary Jones' }),
    });
    expect((await patch({})).status).to.equal(403);
    expect((await patch({ 'x-csrf-token': csrfToken })).status).to.equal(200);
  });

  it('impersonation needs a reason, and it and every change made in it are in the audit log', async () => {
    const noReason = await admin.post('/api/auth/impersonate', { userId: bobId });
    expect(noReason.status).to.equal(400);
    expect(String(noReason.body.detail)).to.match(/^reason:/);

    const started = await admin.post<{ token: string; user: { extension: string } }>('/api/auth/impersonate', { userId: bobId, reason: 'Bob asked for help with his PIN' });
    expect(started.status).to.equal(201);
    expect(started.body.user.extension).to.equal('1007');
    const asBob = new ApiClient(sb.baseUrl, started.body.token);
    const me = await asBob.get<{ impersonation: { reason: string } }>('/api/auth/me');
    expect(me.body.impersonation.reason).to.equal('Bob asked for help with his PIN');
    expect((await asBob.patch(`/api/users/${bobId}`, { pin: '2468' })).status).to.equal(200);
    expect((await asBob.post('/api/auth/impersonate/stop')).status).to.equal(200);

    const audit = await admin.get<{ entries: Array<{ action: string; actingAsUserId: number; details: Record<string, unknown>; changes?: unknown[] }> }>('/api/audit');
    const actions = audit.body.entries.map((e) => e.action);
    // The request made while impersonating, and what it changed: the PIN, only as changed.
    expect(actions.slice(0, 4)).to.deep.equal(['impersonation-stopped', 'impersonated-change', 'user-changed', 'impersonation-started']);
    expect(audit.body.entries[1]!.details).to.include({ method: 'PATCH', path: `/api/users/${bobId}` });
    expect(audit.body.entries[2]!.changes).to.deep.equal([{ field: 'pin', changed: true }]);
    expect(JSON.stringify(audit.body.entries[2])).to.not.contain('2468');
    // The impersonation's entries (older ones record other tests' changes, made as themselves).
    expect(audit.body.entries.slice(0, 4).every((e) => e.actingAsUserId === bobId)).to.equal(true);
    expect((await mary.get('/api/audit')).status).to.equal(403);
  });
});
