import { expect } from 'chai';
import { DirectoryIndex, attachDirectoryIndex, detachDirectoryIndex } from '../../../src/features/attendant/settings/directory-index.js';
import { findListedByNumber, searchByKeypad, searchByName, syncDirectory } from '../../../src/features/attendant/settings/directory.js';
import { createLogger } from '../../../src/log.js';
import { changeFeedFor, type ChangeFeed } from '../../../src/store/change-feed.js';
import { createOrganisation } from '../../../src/users/settings/organisation-repository.js';
import { UserCache } from '../../../src/users/settings/user-cache.js';
import { createUser, updateUser } from '../../../src/users/settings/user-repository.js';
import { openMigratedStore, type MigratedTestStore } from '../../support/test-store.js';

/** The in-memory directory answers every search as the store's directory tables do, and follows changes. */
describe('attendant directory index in memory (SQLite)', () => {
  let store: MigratedTestStore;
  let feed: ChangeFeed;
  let cache: UserCache;
  let index: DirectoryIndex;
  let orgId: number;
  let otherOrg: number;
  before(async () => {
    store = await openMigratedStore('sqlite');
    orgId = (await createOrganisation(store.db, { name: 'Acme' })).id;
    otherOrg = (await createOrganisation(store.db, { name: 'Globex' })).id;
    const listed = ['attendant'] as const;
    const people: Array<[string, string, string[]]> = [
      ['1002', 'Erin Executive', []], ['1003', 'Alice Assistant', []], ['1004', 'Aaron Assistant', []],
      ['1005', 'John Smith', []], ['1006', 'John Sonders', ['Johnny']], ['1007', 'Jöhn Smythe', ['Smitty']], ['1008', 'Mary Jones', []],
    ];
    for (const [extension, name, aliases] of people) await createUser(store.db, orgId, { extension, name, aliases, services: [...listed], dids: [`555${extension}`] });
    await createUser(store.db, orgId, { extension: '1009', name: 'John Hidden', services: [...listed], hiddenFromDirectory: true });
    await createUser(store.db, orgId, { extension: '1010', name: 'John Unlisted' });
    await createUser(store.db, otherOrg, { extension: '1005', name: 'John Elsewhere', services: [...listed], locations: [{ kind: 'primary', address: 'PJSIP/g1005', ringsForIncoming: true, label: null }] });
    await syncDirectory(store.db);
    feed = changeFeedFor(store.db, createLogger('silent'));
    await feed.start();
    cache = new UserCache(store.db, feed, createLogger('silent'));
    cache.start();
    index = new DirectoryIndex(cache);
  });
  after(async () => { index?.close(); cache?.stop(); await feed?.stop(); await store?.close(); });

  const fromStore = async <T>(search: () => Promise<T>): Promise<T> => search();
  const fromIndex = async <T>(search: () => Promise<T>): Promise<T> => {
    attachDirectoryIndex(store.db, index);
    try { return await search(); } finally { detachDirectoryIndex(store.db); }
  };

  it('gives the store\'s answers for name prefixes, keypad digits and numbers', async () => {
    const searches = [
      ...['john', 'john s', 'john sm', 'johnn', 'assistant', 'a', 'smi', 'jones', 'x', 'smitty'].map((q) => () => searchByName(store.db, orgId, q)),
      ...['5646', '7663', '7648', '2', '56', '9'].map((k) => () => searchByKeypad(store.db, orgId, k, 9)),
      ...['1005', '5551006', '1009', '1010', '9999'].map((n) => () => findListedByNumber(store.db, orgId, n)),
      () => searchByName(store.db, otherOrg, 'john'),
    ];
    for (const search of searches) expect(await fromIndex(search)).to.deep.equal(await fromStore(search));
    expect((await fromIndex(() => searchByName(store.db, orgId, 'john'))).map((e) => e.name))
      .to.deep.equal(['John Smith', 'Jöhn Smythe', 'John Sonders']);
  });

  it('follows a rename, a user hidden and a user listed, with no sync', async () => {
    const mary = (await cache.byExtension(orgId, '1008'))!;
    await updateUser(store.db, mary.id, { name: 'Mary Smithers' });
    const unlisted = (await cache.byExtension(orgId, '1010'))!;
    await updateUser(store.db, unlisted.id, { services: ['attendant'] });
    const smith = (await cache.byExtension(orgId, '1005'))!;
    await updateUser(store.db, smith.id, { hiddenFromDirectory: true });
    expect((await fromIndex(() => searchByName(store.db, orgId, 'mary'))).map((e) => e.name)).to.deep.equal(['Mary Smithers']);
    expect((await fromIndex(() => searchByName(store.db, orgId, 'smi'))).map((e) => e.name)).to.deep.equal(['Jöhn Smythe', 'Mary Smithers']);
    expect((await fromIndex(() => searchByName(store.db, orgId, 'john u'))).map((e) => e.name)).to.deep.equal(['John Unlisted']);
    expect(await fromIndex(() => findListedByNumber(store.db, orgId, '1005'))).to.deep.equal([]);
  });
});
