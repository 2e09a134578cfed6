import { expect } from 'chai';
import type { SwitchboardApp } from '../../../src/app.js';
import { startApiApp, type ApiApp } from '../../support/api-app.js';

/** The administrator's CSV import is all or nothing: a bad row after good ones leaves every user as it was. */
describe('attendant API: CSV import is atomic', function () {
  this.timeout(60_000);
  let api: ApiApp;
  let app: SwitchboardApp;
  let baseUrl: string;
  let token: string;

  before(async () => {
    api = await startApiApp('csv');
    ({ app, baseUrl, adminToken: token } = api);
  });
  after(async () => { await api?.stop(); });

  const snapshot = async () => ({
    users: await app.db.selectFrom('users').selectAll().orderBy('id').execute(),
    services: await app.db.selectFrom('user_services').selectAll().orderBy('user_id').orderBy('service').execute(),
    dids: await app.db.selectFrom('dids').selectAll().orderBy('number').execute(),
  });
  interface AuditEntry { action: string; actorUserId: number | null; details: { extension?: string; name?: string; via?: string }; changes?: Array<{ field: string; before?: unknown; after?: unknown }> }
  const audit = async (): Promise<AuditEntry[]> => ((await (await fetch(`${baseUrl}/api/audit?search=csv-import&limit=100`, { headers: { authorization: `Bearer ${token}` } })).json()) as { entries: AuditEntry[] }).entries;
  const importCsv = (csv: string) => fetch(`${baseUrl}/api/attendant/users.csv`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` }, body: csv });

  it('a taken DID on row 3 undoes the creation on row 1 and the update on row 2; the 400/409 names rows.3.dids.0', async () => {
    const before = await snapshot();
    const csv = 'extension,name,type,dids\r\n1011,Zoe Quinn,agent,5559011\r\n1005,Mary Renamed,business_user,\r\n1012,Al Bad,agent,5552002\r\n';
    const response = await importCsv(csv);
    expect(response.status).to.be.oneOf([400, 409]);
    const problem = (await response.json()) as { detail: string; fields: Array<{ field: string }> };
    expect(problem.detail).to.match(/^rows\.3\.dids\.0:/);
    expect(problem.fields.map((f) => f.field)).to.deep.equal(['rows.3.dids.0']);
    expect(await snapshot()).to.deep.equal(before);
    expect(await audit(), 'no audit entry for an import that changed nothing').to.deep.equal([]);
  });

  it('an unknown backup on the last row (checked after every row is written) changes nothing', async () => {
    const before = await snapshot();
    const response = await importCsv('extension,name,backupExtension\r\n1011,Zoe Quinn,\r\n1005,Mary Renamed,\r\n1012,Al Bad,1999\r\n');
    expect(response.status).to.equal(400);
    expect(((await response.json()) as { detail: string }).detail).to.match(/^rows\.3\.backupExtension:/);
    expect(await snapshot()).to.deep.equal(before);
    expect(before.users.map((u) => u.extension)).to.not.include('1011');
  });

  it('a good file still creates and updates (the transaction commits)', async () => {
    const response = await importCsv('extension,name,backupExtension\r\n1011,Zoe Quinn,1005\r\n1005,Mary Renamed,\r\n');
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.equal({ created: 1, updated: 1 });
    const { users } = await snapshot();
    const zoe = users.find((u) => u.extension === '1011');
    expect(users.find((u) => u.extension === '1005')?.name).to.equal('Mary Renamed');
    expect(zoe?.backup_user_id).to.equal(users.find((u) => u.extension === '1005')?.id);

    // The administrator's audit log: who imported whom, and Mary's old and new name.
    const entries = await audit();
    const admin = await app.db.selectFrom('users').select('id').where('extension', '=', '1001').executeTakeFirst();
    expect(entries.map((e) => [e.action, e.details.extension]).sort()).to.deep.equal([['user-changed', '1005'], ['user-created', '1011']]);
    expect(entries.every((e) => e.actorUserId === admin?.id && e.details.via === 'csv-import')).to.equal(true);
    expect(entries.find((e) => e.action === 'user-created')?.details.name).to.equal('Zoe Quinn');
    expect(entries.find((e) => e.action === 'user-changed')?.changes).to.deep.include({ field: 'name', before: 'Mary Jones', after: 'Mary Renamed' });
  });
});
