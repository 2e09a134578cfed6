import { expect } from 'chai';
import type { SwitchboardApp } from '../../../src/app.js';
import { startApiApp, type ApiApp } from '../../support/api-app.js';

/** The audit log says what changed: old and new values of a user's fields, secrets only as changed. */
describe('audit log: a user change records before and after', function () {
  this.timeout(60_000);
  let running: ApiApp;
  let app: SwitchboardApp;
  let baseUrl: string;
  let token: string;

  before(async () => {
    running = await startApiApp('audit');
    ({ app, baseUrl, adminToken: token } = running);
  });
  after(async () => { await running?.stop(); });

  const api = async (method: string, path: string, body?: unknown) => fetch(`${baseUrl}${path}`, {
    method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  type Entry = { action: string; actorUserId: number | null; details: { userId?: number }; changes?: Array<Record<string, unknown>> };
  const audit = async () => ((await (await api('GET', '/api/audit?search=user-changed')).json()) as { entries: Entry[] }).entries;

  it('PATCH /users/:id: the name\'s old and new value, the password only as changed', async () => {
    const mary = await app.db.selectFrom('users').select(['id', 'password_hash']).where('extension', '=', '1005').executeTakeFirstOrThrow();
    const response = await api('PATCH', `/api/users/${mary.id}`, { name: 'Mary Smith', password: 'a-new-secret-42', noAnswerSeconds: 20 });
    expect(response.status).to.equal(200);
    const [entry] = await audit();
    expect(entry?.action).to.equal('user-changed');
    expect(entry?.details.userId).to.equal(mary.id);
    expect(entry?.changes).to.deep.equal([
      { field: 'name', before: 'Mary Jones', after: 'Mary Smith' },
      { field: 'password', changed: true },
    ]);
    const stored = await app.db.selectFrom('audit_log').select('details').where('action', '=', 'user-changed').execute();
    const hash = (await app.db.selectFrom('users').select('password_hash').where('id', '=', mary.id).executeTakeFirstOrThrow()).password_hash!;
    for (const row of stored) expect(row.details).to.not.contain('a-new-secret-42').and.not.contain(hash);
  });

  it('PUT /users/:id/dids: the old and new list', async () => {
    const mary = await app.db.selectFrom('users').select('id').where('extension', '=', '1005').executeTakeFirstOrThrow();
    expect((await api('PUT', `/api/users/${mary.id}/dids`, { dids: ['5552005', '5552099'] })).status).to.equal(200);
    const [entry] = await audit();
    expect(entry?.changes).to.deep.equal([{ field: 'dids', before: ['5552005'], after: ['5552005', '5552099'] }]);
  });

  it('a change that changes nothing adds no entry', async () => {
    const mary = await app.db.selectFrom('users').select('id').where('extension', '=', '1005').executeTakeFirstOrThrow();
    const count = (await audit()).length;
    expect((await api('PATCH', `/api/users/${mary.id}`, { name: 'Mary Smith' })).status).to.equal(200);
    expect((await audit()).length).to.equal(count);
  });

  it('POST and DELETE /users: who created and who deleted a user, by extension and name, and no password', async () => {
    const created = await api('POST', '/api/users', { extension: '1077', name: 'Nina Temp', password: 'temp-secret-77' });
    expect(created.status).to.equal(201);
    const nina = (await created.json()) as { id: number };
    expect((await api('DELETE', `/api/users/${nina.id}`)).status).to.equal(204);
    const admin = await app.db.selectFrom('users').select('id').where('extension', '=', '1001').executeTakeFirstOrThrow();
    const entries = ((await (await api('GET', '/api/audit?search=Nina%20Temp')).json()) as { entries: Entry[] }).entries;
    expect(entries.map((e) => [e.action, e.actorUserId, e.details])).to.deep.equal([
      ['user-deleted', admin.id, { userId: nina.id, extension: '1077', name: 'Nina Temp' }],
      ['user-created', admin.id, { userId: nina.id, extension: '1077', name: 'Nina Temp' }],
    ]);
    const stored = await app.db.selectFrom('audit_log').select('details').execute();
    for (const row of stored) expect(row.details).to.not.contain('temp-secret-77');
  });
});
