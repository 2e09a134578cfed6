import { expect } from 'chai';
import { advertiseLeader, knownNodes, leaderOf, organisationsServedBy, withdrawLeader } from '../../../src/store/node-registry.js';
import { createOrganisation } from '../../../src/users/settings/organisation-repository.js';
import { openMigratedStore, TEST_STORES, type MigratedTestStore } from '../../support/test-store.js';

/** Several Asterisk nodes on one store (issue 14): where each node's leader serves, and whose background work it does. */
for (const storeName of TEST_STORES) {
  describe(`the node registry on ${storeName}`, () => {
    let store: MigratedTestStore;
    before(async () => { store = await openMigratedStore(storeName); });
    after(() => store?.close());

    it('a new leader overwrites a killed one\'s address; a clean stop clears only its own', async () => {
      await advertiseLeader(store.db, 'a', 'http://a1:8080', new Date('2026-12-03T10:00:00Z'));
      // a1 was killed: it never withdrew; a2 takes over and says so.
      await advertiseLeader(store.db, 'a', 'http://a2:8080', new Date('2026-12-03T10:00:02Z'));
      expect(await leaderOf(store.db, 'a')).to.equal('http://a2:8080');
      // a1 coming back and stopping late must not erase its successor.
      await withdrawLeader(store.db, 'a', 'http://a1:8080');
      expect(await leaderOf(store.db, 'a')).to.equal('http://a2:8080');
      await withdrawLeader(store.db, 'a', 'http://a2:8080');
      expect(await leaderOf(store.db, 'a')).to.equal(undefined);
      expect(await knownNodes(store.db)).to.deep.equal([{ name: 'a', leaderUrl: null, ledSince: null }]);
      expect(await leaderOf(store.db, 'never')).to.equal(undefined);
    });

    it('a node\'s leader does the background work of its own organisations and of those on no node, never another node\'s', async () => {
      const onA = await createOrganisation(store.db, { name: 'On A' });
      const onB = await createOrganisation(store.db, { name: 'On B' });
      const unassigned = await createOrganisation(store.db, { name: 'Nowhere' });
      await store.db.updateTable('organisations').set({ node: 'a' }).where('id', '=', onA.id).execute();
      await store.db.updateTable('organisations').set({ node: 'b' }).where('id', '=', onB.id).execute();
      expect((await organisationsServedBy(store.db, 'a')).sort()).to.deep.equal([onA.id, unassigned.id].sort());
      expect((await organisationsServedBy(store.db, 'b')).sort()).to.deep.equal([onB.id, unassigned.id].sort());
    });
  });
}
