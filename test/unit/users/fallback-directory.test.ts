import { expect } from 'chai';
import type { Kysely } from 'kysely';
import { createLogger } from '../../../src/log.js';
import { openDatabase } from '../../../src/store/db.js';
import { migrateToLatest } from '../../../src/store/migrator.js';
import type { Database } from '../../../src/store/schema.js';
import { FallbackDirectory } from '../../../src/users/fallback-directory.js';
import { createOrganisation } from '../../../src/users/settings/organisation-repository.js';
import { createUser, deleteUser, updateUser } from '../../../src/users/settings/user-repository.js';
import { FakeAri } from '../../support/fake-ari.js';
import { fakeAstDbDialplan } from '../ari/fake-astdb-dialplan.js';

describe('the dialplan fallback directory: AstDB kept in step with the users', () => {
  let ari: FakeAri;
  let db: Kysely<Database>;
  let astdb: Map<string, string>;
  let directory: FallbackDirectory;
  const batches = () => ari.requests('originateToDialplan').length;

  beforeEach(async () => {
    astdb = new Map([['switchboard/ext/9999', 'PJSIP/9999'], ['switchboard/did/5559999', 'PJSIP/9999'], ['other/family', 'kept']]);
    ari = new FakeAri();
    ari.connection.state = 'connected';
    fakeAstDbDialplan(ari, astdb);
    db = openDatabase('sqlite::memory:');
    await migrateToLatest(db);
    directory = new FallbackDirectory(db, ari, createLogger('silent'), 0);
  });
  afterEach(async () => { await db.destroy(); });

  it('on connect writes every user\'s devices and removes what Asterisk holds for users that no longer exist', async () => {
    const org = await createOrganisation(db, { name: 'Acme' });
    await createUser(db, org.id, { extension: '1002', name: 'Erin Executive', dids: ['5552002'] });

    await directory.sync();

    expect(Object.fromEntries(astdb)).to.deep.equal({ 'switchboard/ext/1002': 'PJSIP/1002', 'switchboard/did/5552002': 'PJSIP/1002', 'other/family': 'kept' });
    expect(ari.requests('hangup').length, 'every batch channel hung up').to.equal(batches());
  });

  it('afterwards writes only what changed, in one batch, and removes a deleted user\'s entries', async () => {
    const org = await createOrganisation(db, { name: 'Acme' });
    const bob = await createUser(db, org.id, { extension: '1007', name: 'Bob Smith' });
    await createUser(db, org.id, { extension: '1005', name: 'Mary Jones', dids: ['5552005'] });
    await directory.sync();
    const before = batches();

    await updateUser(db, bob.id, { locations: [
      { kind: 'primary', address: 'PJSIP/1007', ringsForIncoming: true, label: null },
      { kind: 'shared', address: 'PJSIP/1008', ringsForIncoming: true, label: 'desk' },
    ] });
    await directory.sync();
    expect(batches() - before, 'one batch').to.equal(1);
    const [request] = ari.requests('originateToDialplan').at(-1) as [{ variables: Record<string, string> }];
    expect(request.variables, 'only the entry that changed').to.include({ SB_PUTS: '1', SB_PUT_0: 'ext/1007=PJSIP/1007&PJSIP/1008', SB_DELETES: '0' });
    expect(astdb.get('switchboard/ext/1007')).to.equal('PJSIP/1007&PJSIP/1008');

    const mary = (await db.selectFrom('users').select('id').where('extension', '=', '1005').executeTakeFirstOrThrow()).id;
    await deleteUser(db, mary);
    await directory.sync();
    expect([...astdb.keys()].filter((k) => k.startsWith('switchboard/'))).to.deep.equal(['switchboard/ext/1007']);

    const quiet = ari.calls.length;
    await directory.sync();
    expect(ari.calls.length, 'nothing changed: nothing sent').to.equal(quiet);
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

  it('a batch that fails leaves the directory to be written in full next time', async () => {
    const org = await createOrganisation(db, { name: 'Acme' });
    await createUser(db, org.id, { extension: '1007', name: 'Bob Smith' });
    const working = ari.respond;
    ari.respond = (method, args) => { if (method === 'originateToDialplan') throw new Error('ARI POST /channels failed: 500'); return working(method, args); };
    let failure: unknown;
    await directory.sync().catch((error: unknown) => { failure = error; });
    expect(String(failure)).to.contain('500');

    ari.respond = working;
    await directory.sync();
    expect(astdb.get('switchboard/ext/1007')).to.equal('PJSIP/1007');
    expect(astdb.has('switchboard/ext/9999'), 'the full write removed the stale entry').to.equal(false);
  });
});
