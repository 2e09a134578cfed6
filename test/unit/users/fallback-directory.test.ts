import { expect } from 'chai';
import type { Kysely } from 'kysely';
import { Ari } from '../../../src/ari/ari.js';
import { createLogger } from '../../../src/log.js';
import { openDatabase } from '../../../src/store/db.js';
import { migrateToLatest } from '../../../src/store/migrator.js';
import type { Database } from '../../../src/store/schema.js';
import { FallbackDirectory } from '../../../src/users/fallback-directory.js';
import { createOrganisation } from '../../../src/users/settings/organisation-repository.js';
import { createUser, deleteUser, updateUser } from '../../../src/users/settings/user-repository.js';
import { FakeAriServer } from '../ari/fake-ari-server.js';

/** AstDB as ARI's /asterisk/variable exposes it through func_db, in memory. */
function fakeAstDb(astdb: Map<string, string>) {
  return new FakeAriServer((req) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/ari/asterisk/variable') return { status: 404, afterMs: 1, body: { message: 'no' } };
    const variable = url.searchParams.get('variable') ?? '';
    const [, fn, arg] = /^([A-Z_]+)\((.*)\)$/.exec(variable) ?? [];
    if (req.method === 'POST' && fn === 'DB') { astdb.set(arg!, url.searchParams.get('value') ?? ''); return { status: 204, afterMs: 1 }; }
    if (fn === 'DB_KEYS') {
      const keys = [...astdb.keys()].filter((k) => k.startsWith(`${arg}/`)).map((k) => k.slice(arg!.length + 1));
      return { status: 200, afterMs: 1, body: { value: keys.join(',') } };
    }
    if (fn === 'DB_DELETE') { const value = astdb.get(arg!) ?? ''; astdb.delete(arg!); return { status: 200, afterMs: 1, body: { value } }; }
    return { status: 400, afterMs: 1, body: { message: `unexpected ${req.method} ${variable}` } };
  });
}

describe('the dialplan fallback directory: AstDB kept in step with the users', () => {
  let server: FakeAriServer;
  let ari: Ari;
  let db: Kysely<Database>;
  let astdb: Map<string, string>;
  let directory: FallbackDirectory;
  const writes = () => server.received.filter((r) => r.method === 'POST').length;

  beforeEach(async () => {
    astdb = new Map([['switchboard/ext/9999', 'PJSIP/9999'], ['switchboard/did/5559999', 'PJSIP/9999'], ['other/family', 'kept']]);
    server = fakeAstDb(astdb);
    ari = new Ari({ url: await server.start(), user: 'u', password: 'p', app: 'switchboard' }, createLogger('silent'));
    expect(await ari.connection.start(5000)).to.equal(true);
    db = openDatabase('sqlite::memory:');
    await migrateToLatest(db);
    directory = new FallbackDirectory(db, ari, createLogger('silent'), 0);
  });
  afterEach(async () => {
    ari.connection.stop();
    await server.stop();
    await db.destroy();
  });

  it('on connect writes every user\'s devices and removes what Asterisk holds for users that no longer exist', async () => {
    const org = await createOrganisation(db, { name: 'Acme' });
    await createUser(db, org.id, { extension: '1002', name: 'Erin Executive', dids: ['5552002'] });

    await directory.sync();

    expect(Object.fromEntries(astdb)).to.deep.equal({ 'switchboard/ext/1002': 'PJSIP/1002', 'switchboard/did/5552002': 'PJSIP/1002', 'other/family': 'kept' });
  });

  it('afterwards writes only what changed, and removes a deleted user\'s entries', async () => {
    const org = await createOrganisation(db, { name: 'Acme' });
    const bob = await createUser(db, org.id, { extension: '1007', name: 'Bob Smith' });
    await createUser(db, org.id, { extension: '1005', name: 'Mary Jones', dids: ['5552005'] });
    await directory.sync();
    const before = writes();

    await updateUser(db, bob.id, { locations: [
      { kind: 'primary', address: 'PJSIP/1007', ringsForIncoming: true, label: null },
      { kind: 'shared', address: 'PJSIP/1008', ringsForIncoming: true, label: 'desk' },
    ] });
    await directory.sync();
    expect(writes() - before, 'one entry changed').to.equal(1);
    expect(astdb.get('switchboard/ext/1007')).to.equal('PJSIP/1007&PJSIP/1008');

    const mary = (await db.selectFrom('users').select('id').where('extension', '=', '1005').executeTakeFirstOrThrow()).id;
    await deleteUser(db, mary);
    await directory.sync();
    expect([...astdb.keys()].filter((k) => k.startsWith('switchboard/'))).to.deep.equal(['switchboard/ext/1007']);

    const quiet = server.received.length;
    await directory.sync();
    expect(server.received.length, 'nothing changed: nothing sent').to.equal(quiet);
  });

  it('writes everything again after forget() (Asterisk restarted, or was edited by hand)', async () => {
    const org = await createOrganisation(db, { name: 'Acme' });
    await createUser(db, org.id, { extension: '1007', name: 'Bob Smith' });
    await directory.sync();
    astdb.delete('switchboard/ext/1007');

    directory.forget();
    await directory.sync();

    expect(astdb.get('switchboard/ext/1007')).to.equal('PJSIP/1007');
  });
});
