import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { attendantMigrations } from '../../../src/features/attendant/settings/migrations.js';
import { executiveMigrations } from '../../../src/features/executive/settings/migrations.js';
import { voicemailMigrations } from '../../../src/features/voicemail/settings/migrations.js';
import { createLogger } from '../../../src/log.js';
import { changeFeedFor, type ChangeFeed } from '../../../src/store/change-feed.js';
import { openDatabase } from '../../../src/store/db.js';
import { migrateToLatest } from '../../../src/store/migrator.js';
import type { Database } from '../../../src/store/schema.js';
import { createOrganisation, updateOrganisation } from '../../../src/users/settings/organisation-repository.js';
import { UserCache } from '../../../src/users/settings/user-cache.js';
import { createUser, deleteUser, updateUser } from '../../../src/users/settings/user-repository.js';
import { freshTestDatabase, TEST_STORES, type TestDatabase } from '../../support/test-store.js';

/**
 * The call path's in-memory users: a change through another connection on the same store
 * (another controller, the CLI) is what the cache answers next. On PostgreSQL the change
 * travels as a NOTIFY delivered at commit; the test waits for that delivery (the event),
 * as the next call on another controller comes after it.
 */
for (const store of TEST_STORES) {
  describe(`user cache: invalidated by changes from any connection (${store})`, () => {
    let dir: string;
    let database: TestDatabase;
    let ours: Kysely<Database>;
    let theirs: Kysely<Database>;
    let feed: ChangeFeed;
    let cache: UserCache;
    let orgId: number;

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'user-cache-'));
      database = await freshTestDatabase(store, dir);
      ours = openDatabase(database.url);
      await migrateToLatest(ours, [executiveMigrations, attendantMigrations, voicemailMigrations]);
      theirs = openDatabase(database.url);
      orgId = (await createOrganisation(ours, { name: 'Acme', companyDid: '5552000' })).id;
      feed = changeFeedFor(ours, createLogger('silent'));
      await feed.start();
      cache = new UserCache(ours, feed, createLogger('silent'));
      cache.start();
    });
    afterEach(async () => {
      cache.stop();
      await feed.stop();
      await theirs.destroy();
      await ours.destroy();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    /** Runs a write elsewhere and waits, on PostgreSQL, until its NOTIFY reached our feed. */
    const elsewhere = <T>(write: (db: Kysely<Database>) => Promise<T>): Promise<T> => through(theirs, write);
    const through = async <T>(db: Kysely<Database>, write: (db: Kysely<Database>) => Promise<T>): Promise<T> => {
      if (store === 'sqlite') return write(db);
      const delivered = new Promise<void>((resolve) => {
        const off = feed.subscribe({ changed: () => { off(); resolve(); }, reset: () => undefined });
      });
      const result = await write(db);
      await delivered;
      return result;
    };

    it('answers a new user, a changed device and a deleted user as the store does', async () => {
      expect(await cache.byExtensionAnywhere('1005')).to.equal(undefined);
      const mary = await elsewhere((db) => createUser(db, orgId, { extension: '1005', name: 'Mary Jones', dids: ['5552005'] }));
      expect((await cache.byExtension(orgId, '1005'))?.name).to.equal('Mary Jones');
      expect((await cache.byDevice('PJSIP/1005'))?.id).to.equal(mary.id);
      expect((await cache.byDid('5552005'))?.id).to.equal(mary.id);

      await elsewhere((db) => updateUser(db, mary.id, {
        locations: [{ kind: 'primary', address: 'PJSIP/2005', ringsForIncoming: true, label: null }], services: ['executive'],
      }));
      expect(await cache.byDevice('PJSIP/1005')).to.equal(undefined);
      const moved = await cache.byDevice('PJSIP/2005');
      expect(moved?.id).to.equal(mary.id);
      expect(moved?.services).to.deep.equal(['executive']);

      await elsewhere((db) => deleteUser(db, mary.id));
      expect(await cache.byExtensionAnywhere('1005')).to.equal(undefined);
      expect(await cache.byDevice('PJSIP/2005')).to.equal(undefined);
      expect(await cache.byDid('5552005')).to.equal(undefined);
    });

    it('answers an organisation\'s new company number', async () => {
      expect((await cache.organisationByCompanyNumber('5552000'))?.id).to.equal(orgId);
      await elsewhere((db) => updateOrganisation(db, orgId, { company_did: '5553000' }));
      expect(await cache.organisationByCompanyNumber('5552000')).to.equal(undefined);
      expect((await cache.organisationByCompanyNumber('5553000'))?.id).to.equal(orgId);
    });

    it('answers its own process\'s writes', async () => {
      const bob = await through(ours, (db) => createUser(db, orgId, { extension: '1007', name: 'Bob Smith' }));
      expect((await cache.user(bob.id))?.name).to.equal('Bob Smith');
      await through(ours, (db) => updateUser(db, bob.id, { name: 'Robert Smith' }));
      expect((await cache.byExtension(orgId, '1007'))?.name).to.equal('Robert Smith');
    });

    it('reads the store while its feed is down', async () => {
      await feed.stop();
      const carol = await createUser(theirs, orgId, { extension: '1008', name: 'Carol White' });
      expect((await cache.byExtensionAnywhere('1008'))?.id).to.equal(carol.id);
    });
  });
}
