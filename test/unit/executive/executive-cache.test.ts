import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { attendantMigrations } from '../../../src/features/attendant/settings/migrations.js';
import { ExecutiveCache } from '../../../src/features/executive/settings/executive-cache.js';
import {
  getExecutiveSettings, saveAssistantSettings, setFilteringEnabled, setOptIn, setPool,
} from '../../../src/features/executive/settings/executive-repository.js';
import { executiveMigrations } from '../../../src/features/executive/settings/migrations.js';
import { voicemailMigrations } from '../../../src/features/voicemail/settings/migrations.js';
import { createLogger } from '../../../src/log.js';
import { changeFeedFor, type ChangeFeed } from '../../../src/store/change-feed.js';
import { openDatabase } from '../../../src/store/db.js';
import { migrateToLatest } from '../../../src/store/migrator.js';
import type { Database } from '../../../src/store/schema.js';
import { createOrganisation } from '../../../src/users/settings/organisation-repository.js';
import { createUser, deleteUser, updateUser } from '../../../src/users/settings/user-repository.js';
import { freshTestDatabase, TEST_STORES, type TestDatabase } from '../../support/test-store.js';

/**
 * The call path's in-memory executive settings and pools: what the next call to Erin is
 * decided from after a change made anywhere (the portal, #61/#62 on a phone, an assistant's
 * opt-in or divert, another controller on the same store) is the changed value, as the
 * store would answer. On PostgreSQL the test waits for the NOTIFY, as the next call does.
 */
for (const store of TEST_STORES) {
  describe(`executive cache: settings and pools follow changes from any connection (${store})`, () => {
    let dir: string;
    let database: TestDatabase;
    let ours: Kysely<Database>;
    let theirs: Kysely<Database>;
    let feed: ChangeFeed;
    let cache: ExecutiveCache;
    let erin: number;
    let alice: number;
    let aaron: number;

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'executive-cache-'));
      database = await freshTestDatabase(store, dir);
      ours = openDatabase(database.url);
      await migrateToLatest(ours, [executiveMigrations, attendantMigrations, voicemailMigrations]);
      theirs = openDatabase(database.url);
      const orgId = (await createOrganisation(ours, { name: 'Acme', companyDid: '5552000' })).id;
      erin = (await createUser(ours, orgId, { extension: '1002', name: 'Erin Executive', services: ['executive'] })).id;
      alice = (await createUser(ours, orgId, { extension: '1003', name: 'Alice Assistant', services: ['assistant'] })).id;
      aaron = (await createUser(ours, orgId, { extension: '1004', name: 'Aaron Assistant', services: ['assistant'] })).id;
      await setPool(ours, erin, [alice]);
      feed = changeFeedFor(ours, createLogger('silent'));
      await feed.start();
      cache = new ExecutiveCache(ours, feed);
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
    const elsewhere = async <T>(write: (db: Kysely<Database>) => Promise<T>): Promise<T> => {
      if (store === 'sqlite') return write(theirs);
      const delivered = new Promise<void>((resolve) => {
        const off = feed.subscribe({ changed: () => { off(); resolve(); }, reset: () => undefined });
      });
      const result = await write(theirs);
      await delivered;
      return result;
    };
    const poolOf = async () => (await cache.callData(erin)).pool.map((m) => `${m.extension} ${m.name} ${m.optedIn ? 'in' : 'out'} ${m.divert.enabled ? `divert ${m.divert.number}` : ''}`.trim());

    it('answers filtering switched on and off, as the store does', async () => {
      expect((await cache.callData(erin)).settings.filtering.enabled).to.equal(false);
      await elsewhere((db) => setFilteringEnabled(db, erin, true));
      expect((await cache.callData(erin)).settings.filtering.enabled).to.equal(true);
      await elsewhere((db) => setFilteringEnabled(db, erin, false));
      expect((await cache.callData(erin)).settings).to.deep.equal(await getExecutiveSettings(ours, erin));
    });

    it('answers the pool as it changes: an assistant added, opted out, diverting, renamed, deleted', async () => {
      expect(await poolOf()).to.deep.equal(['1003 Alice Assistant in']);
      await elsewhere((db) => setPool(db, erin, [alice, aaron]));
      expect(await poolOf()).to.deep.equal(['1003 Alice Assistant in', '1004 Aaron Assistant in']);
      await elsewhere((db) => setOptIn(db, aaron, erin, false));
      expect(await poolOf()).to.deep.equal(['1003 Alice Assistant in', '1004 Aaron Assistant out']);
      await elsewhere((db) => saveAssistantSettings(db, alice, { enabled: true, number: '5550001' }));
      expect(await poolOf()).to.deep.equal(['1003 Alice Assistant in divert 5550001', '1004 Aaron Assistant out']);
      await elsewhere((db) => updateUser(db, aaron, { name: 'Aaron Moss' }));
      expect(await poolOf()).to.deep.equal(['1003 Alice Assistant in divert 5550001', '1004 Aaron Moss out']);
      await elsewhere((db) => deleteUser(db, alice));
      expect(await poolOf()).to.deep.equal(['1004 Aaron Moss out']);
    });

    it('gives each caller its own copy: what one call changes in it, the next never sees', async () => {
      const first = await cache.callData(erin);
      first.settings.filtering.enabled = true;
      first.pool.length = 0;
      const next = await cache.callData(erin);
      expect(next.settings.filtering.enabled).to.equal(false);
      expect(next.pool.map((m) => m.assistantId)).to.deep.equal([alice]);
    });

    it('reads the store while its feed is down', async () => {
      await cache.callData(erin);
      await feed.stop();
      await setFilteringEnabled(theirs, erin, true);
      expect((await cache.callData(erin)).settings.filtering.enabled).to.equal(true);
    });
  });
}
