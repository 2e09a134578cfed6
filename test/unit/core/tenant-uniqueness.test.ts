import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { AppError } from '../../../src/errors.js';
import { openDatabase } from '../../../src/store/db.js';
import { allMigrations, migrateToLatest } from '../../../src/store/migrator.js';
import type { Database } from '../../../src/store/schema.js';
import { conflictFromUniqueViolation } from '../../../src/store/unique-violation.js';
import { createOrganisation } from '../../../src/users/settings/organisation-repository.js';
import { createUser, updateUser } from '../../../src/users/settings/user-repository.js';
import { freshTestDatabase, openMigratedStore, TEST_STORES, type MigratedTestStore } from '../../support/test-store.js';

const phone = (address: string) => ({ kind: 'primary' as const, address, ringsForIncoming: true, label: null });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try { await promise; } catch (error) { return error as AppError; }
  throw new Error('expected a refusal');
}

/** The store's own guards, below the API (issue 12): what every writer (API, CSV, CLI) gets. */
for (const storeName of TEST_STORES) describe(`tenants in the store: one device, DID, company DID and e-mail each, on ${storeName}`, () => {
  let store: MigratedTestStore;
  let db: Kysely<Database>;
  beforeEach(async () => { store = await openMigratedStore(storeName); db = store.db; });
  afterEach(() => store.close());

  it('a second organisation cannot take a device, a DID or a company DID; the first keeps them', async () => {
    const acme = await createOrganisation(db, { name: 'Acme', companyDid: '5552000' });
    const globex = await createOrganisation(db, { name: 'Globex' });
    await createUser(db, acme.id, { extension: '1002', name: 'Erin', dids: ['5552002'] });

    const device = await refusal(createUser(db, globex.id, { extension: '1002', name: 'Mallory' }));
    expect(device).to.include({ status: 409, code: 'device-taken', message: 'extension: PJSIP/1002 is already another user\'s device' });
    const did = await refusal(createUser(db, globex.id, { extension: '1003', name: 'Mallory', locations: [], dids: ['5552002'] }));
    expect(did).to.include({ status: 409, code: 'did-taken' });
    expect(did.details).to.deep.equal({ fields: [{ field: 'dids.0', message: '5552002 is already assigned to another user' }] });
    const company = await refusal(createOrganisation(db, { name: 'Initech', companyDid: '5552000' }));
    expect(company).to.include({ status: 409, message: 'companyDid: 5552000 is already another organisation\'s company number' });
    expect(await db.selectFrom('organisations').select('name').execute()).to.deep.equal([{ name: 'Acme' }, { name: 'Globex' }]);
  });

  it('a user keeps their own device and DIDs when saved again, and two users of one organisation cannot share a phone', async () => {
    const acme = await createOrganisation(db, { name: 'Acme' });
    const erin = await createUser(db, acme.id, { extension: '1002', name: 'Erin', dids: ['5552002'] });
    await createUser(db, acme.id, { extension: '1003', name: 'Alice' });
    expect((await updateUser(db, erin.id, { locations: [phone('PJSIP/1002')], dids: ['5552002'] }))?.dids).to.deep.equal(['5552002']);
    const shared = await refusal(updateUser(db, erin.id, { locations: [phone('PJSIP/1002'), { ...phone('PJSIP/1003'), kind: 'shared' }] }));
    expect(shared).to.include({ status: 409, message: 'locations.1.address: PJSIP/1003 is already another user\'s device' });
  });

  it('e-mail addresses are unique whatever their case; the index stops a write that skipped the check', async () => {
    const acme = await createOrganisation(db, { name: 'Acme' });
    await createUser(db, acme.id, { extension: '1001', name: 'Olivia', email: 'olivia@acme.example', locations: [] });
    expect(await refusal(createUser(db, acme.id, { extension: '1004', name: 'Twin', email: 'OLIVIA@acme.example', locations: [] })))
      .to.include({ status: 409, code: 'email-taken' });
    const raw = await refusal(db.insertInto('users').values({
      organisation_id: acme.id, extension: '1005', name: 'Raw', email: 'Olivia@Acme.example', role: 'user', user_type: 'agent',
      password_hash: null, pin_hash: null, hidden_from_directory: 0, aliases: '[]', backup_user_id: null, secondary_number: null, logged_in: 1, no_answer_seconds: 20,
    }).execute());
    expect(conflictFromUniqueViolation(raw)).to.include({ status: 409, code: 'email-taken' });
  });

  it('the migration refuses to run over a store that already holds a take-over, and names it', async () => {
    // The store as it was before the migration: rows written as they were then.
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-store-'));
    const database = await freshTestDatabase(storeName, dir);
    const fresh = openDatabase(database.url) as unknown as Kysely<any>;
    const migrations = allMigrations();
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '20261201')) as Record<string, Migration>;
    // On PostgreSQL kysely must be told the schema of its migration table, as migrateToLatest does.
    const schema = storeName === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(fresh)).rows[0]?.s : undefined;
    await new Migrator({ db: fresh, provider: { getMigrations: async () => before }, migrationTableSchema: schema }).migrateToLatest();
    const [a, b] = [
      (await fresh.insertInto('organisations').values({ name: 'A' }).returning('id').executeTakeFirstOrThrow()).id,
      (await fresh.insertInto('organisations').values({ name: 'B' }).returning('id').executeTakeFirstOrThrow()).id,
    ];
    for (const [org, ext] of [[a, '1002'], [b, '1002']] as const) {
      const user = await fresh.insertInto('users').values({ organisation_id: org, extension: ext, name: 'x' }).returning('id').executeTakeFirstOrThrow();
      await fresh.insertInto('locations').values({ user_id: user.id, kind: 'primary', address: 'PJSIP/1002' }).execute();
    }
    const error = await refusal(migrateToLatest(fresh));
    expect(error.message).to.contain('device PJSIP/1002 is a location of several users');
    await fresh.destroy();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });
});
