import { expect } from 'chai';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { TEST_STORES } from '../../support/test-store.js';

type Call = (method: string, path: string, body?: unknown, type?: string) => Promise<Response>;

/** The attendant's REST API: settings, schedules, directory, out of office, bulk and CSV. */
for (const store of TEST_STORES) describe(`attendant API, on ${store}`, function () {
  this.timeout(30_000);
  let sb: RunningSwitchboard;
  let admin: Call;
  let bob: Call;
  const id = async (extension: string) => (await sb.app.db.selectFrom('users').select('id').where('extension', '=', extension).executeTakeFirstOrThrow()).id;

  async function login(extension: string): Promise<Call> {
    const response = await fetch(`${sb.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: extension, password: 'switchboard' }) });
    const { token } = await response.json() as { token: string };
    return (method, path, body, type = 'application/json') => fetch(`${sb.baseUrl}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  before(async () => {
    sb = await startSwitchboard({ store, seed: true });
    admin = await login('1001');
    bob = await login('1007');
  });
  after(async () => { await sb?.stop(); });

  it('every route needs a signed-in user', async () => {
    const response = await fetch(`${sb.baseUrl}/api/attendant/directory?q=mary`);
    expect(response.status).to.equal(401);
  });

  it('directory search by name prefix, keypad digits, extension and DID; hidden users are not listed', async () => {
    const names = async (query: string) => ((await (await bob('GET', `/api/attendant/directory?${query}`)).json()) as { entries: Array<{ name: string }> }).entries.map((e) => e.name);
    expect(await names('q=jon')).to.deep.equal(['Mark Jones', 'Mary Jones']);
    expect(await names('q=molly')).to.deep.equal(['Mary Jones']);
    expect(await names('keys=76')).to.deep.equal(['Bob Smith']); // S-M: Smith; R-O(bert) is 76 as well, one entry per user
    expect(await names('number=1008')).to.deep.equal(['Carol White']);
    expect(await names('number=5552005')).to.deep.equal(['Mary Jones']);
    await sb.app.db.updateTable('users').set({ hidden_from_directory: 1 }).where('extension', '=', '1008').execute();
    expect(await names('q=carol')).to.deep.equal([]);
    expect(await names('keys=22765')).to.deep.equal([]);
  });

  it('bad input gets a 400 that names the field', async () => {
    const response = await bob('GET', '/api/attendant/directory?keys=12x');
    expect(response.status).to.equal(400);
    expect((await response.json() as { detail: string }).detail).to.match(/^keys:/);
    const hours = await admin('PUT', '/api/attendant/business-hours', { hours: [{ dayOfWeek: 1, opens: '9am', closes: '17:00' }] });
    expect(hours.status).to.equal(400);
    expect((await hours.json() as { detail: string }).detail).to.match(/^hours\.0\.opens:/);
  });

  it('settings, hours and holidays are the administrator’s', async () => {
    expect((await bob('PATCH', '/api/attendant/settings', { maxAttempts: 5 })).status).to.equal(403);
    const changed = await admin('PATCH', '/api/attendant/settings', { maxAttempts: 5, operatorDestination: '1008', timezone: 'Europe/Paris' });
    expect(changed.status).to.equal(200);
    expect(await changed.json()).to.include({ maxAttempts: 5, operatorDestination: '1008', timezone: 'Europe/Paris', companyExtension: '0', companyDid: '5552000' });
    expect((await admin('PATCH', '/api/attendant/settings', { timezone: 'Mars/Olympus' })).status).to.equal(400);
    const holiday = await admin('POST', '/api/attendant/holidays', { name: 'Christmas', startsOn: '2026-12-24', endsOn: '2026-12-26' });
    expect(holiday.status).to.equal(201);
    const { id: holidayId } = await holiday.json() as { id: number };
    expect(((await (await bob('GET', '/api/attendant/holidays')).json()) as { holidays: unknown[] }).holidays).to.have.length(1);
    expect((await admin('DELETE', `/api/attendant/holidays/${holidayId}`)).status).to.equal(204);
  });

  it('out of office: the user sets and clears their own; not someone else’s', async () => {
    const bobId = await id('1007');
    const set = await bob('PUT', `/api/attendant/users/${bobId}/out-of-office`, { endsAt: '2099-01-01T00:00:00Z', backupUserId: await id('1006') });
    expect(set.status).to.equal(200);
    expect(await set.json()).to.deep.include({ activeNow: true });
    expect((await bob('PUT', `/api/attendant/users/${await id('1005')}/out-of-office`, {})).status).to.equal(403);
    expect((await bob('PUT', `/api/attendant/users/${bobId}/out-of-office`, { backupUserId: bobId })).status).to.equal(400);
    expect((await bob('DELETE', `/api/attendant/users/${bobId}/out-of-office`)).status).to.equal(204);
    expect(await (await bob('GET', `/api/attendant/users/${bobId}/out-of-office`)).json()).to.deep.equal({ outOfOffice: null, activeNow: false });
  });

  it('bulk update changes many users at once, all or nothing', async () => {
    const ids = [await id('1005'), await id('1006'), await id('1007')];
    const bad = await admin('POST', '/api/attendant/users/bulk', { userIds: [...ids, 99_999], set: { type: 'floating_agent' } });
    expect(bad.status).to.equal(400);
    expect((await bad.json() as { detail: string }).detail).to.match(/^userIds\.3:/);
    const oliviaId = await id('1001');
    const ok = await admin('POST', '/api/attendant/users/bulk', { userIds: ids, set: { type: 'floating_agent', backupUserId: oliviaId, removeServices: ['voicemail'], noAnswerSeconds: 12 } });
    expect(ok.status).to.equal(200);
    const rows = await sb.app.db.selectFrom('users').select(['user_type', 'backup_user_id', 'no_answer_seconds']).where('id', 'in', ids).execute();
    expect(rows.every((r) => r.user_type === 'floating_agent' && r.backup_user_id === oliviaId && r.no_answer_seconds === 12)).to.equal(true);
    const services = await sb.app.db.selectFrom('user_services').select('service').where('user_id', 'in', ids).where('service', '=', 'voicemail').execute();
    expect(services).to.have.length(0);
    expect((await bob('POST', '/api/attendant/users/bulk', { userIds: ids, set: { type: 'agent' } })).status).to.equal(403);
  });

  it('CSV export, then import creating and updating users by extension', async () => {
    const exported = await (await admin('GET', '/api/attendant/users.csv')).text();
    expect(exported.split('\r\n')[0]).to.equal('extension,name,email,type,services,aliases,hiddenFromDirectory,secondaryNumber,backupExtension,noAnswerSeconds,dids');
    expect(exported).to.contain('1005,Mary Jones,mary@acme.example');
    const csv = 'extension,name,type,services,aliases,backupExtension\r\n1011,Zoe Quinn,agent,attendant;voicemail,Zed,1005\r\n1008,"White, Carol",business_user,,,\r\n';
    const imported = await admin('POST', '/api/attendant/users.csv', csv, 'text/csv');
    expect(imported.status).to.equal(200);
    expect(await imported.json()).to.deep.equal({ created: 1, updated: 1 });
    const zoe = await (await bob('GET', '/api/attendant/directory?q=zed')).json() as { entries: Array<{ name: string; extension: string }> };
    expect(zoe.entries.map((e) => e.extension)).to.deep.equal(['1011']);
    const invalid = await admin('POST', '/api/attendant/users.csv', 'extension,name,type\r\n1012,Al,robot\r\n', 'text/csv');
    expect(invalid.status).to.equal(400);
    expect((await invalid.json() as { detail: string }).detail).to.match(/^rows\.1\.type:/);
  });
});
