import { expect } from 'chai';
import { attendantMigrations } from '../../../src/features/attendant/settings/migrations.js';
import { executiveMigrations } from '../../../src/features/executive/settings/migrations.js';
import { voicemailMigrations } from '../../../src/features/voicemail/settings/migrations.js';
import { allMigrations, migrateToLatest } from '../../../src/store/migrator.js';
import { createOrganisation } from '../../../src/users/settings/organisation-repository.js';
import { openMigratedStore, TEST_STORES, type MigratedTestStore } from '../../support/test-store.js';

const features = [executiveMigrations, attendantMigrations, voicemailMigrations];

for (const storeName of TEST_STORES) {
  describe(`migrations on ${storeName}`, () => {
    const stores: MigratedTestStore[] = [];
    after(() => Promise.all(stores.map((s) => s.close())));

    it('bring two stores on one server up on their own, and a second run changes nothing', async () => {
      stores.push(await openMigratedStore(storeName));
      // The second store is migrated while the first, with all its tables, sits beside it.
      stores.push(await openMigratedStore(storeName));
      const [first, second] = stores as [MigratedTestStore, MigratedTestStore];
      await createOrganisation(second.db, { name: 'Only in the second' });
      expect(await first.db.selectFrom('organisations').select('name').execute()).to.deep.equal([]);
      expect(await second.db.selectFrom('organisations').select('name').execute()).to.deep.equal([{ name: 'Only in the second' }]);

      expect(await migrateToLatest(first.db, features)).to.deep.equal([]);
      const applied = await first.db.selectFrom('kysely_migration' as never).select('name' as never).execute() as Array<{ name: string }>;
      expect(applied.map((m) => m.name)).to.deep.equal(Object.keys(allMigrations(features)).sort());
    });
  });
}
