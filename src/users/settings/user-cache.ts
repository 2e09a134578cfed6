import type { Kysely } from 'kysely';
import type { Logger } from '../../log.js';
import type { ChangeFeed, ChangeListener, StoreChange } from '../../store/change-feed.js';
import type { Database, Organisation } from '../../store/schema.js';
import { findOrganisationByCompanyNumber, getOrganisation } from './organisation-repository.js';
import {
  allProfiles, findUserByDevice, findUserByDid, findUserByExtension, findUserByExtensionAnywhere, getUser, getUsers, type UserProfile,
} from './user-repository.js';

/** The user-related tables whose change means "refresh this user" (the id is the user's). */
const USER_TABLES = new Set(['users', 'user_services', 'locations', 'dids']);
/** More changed users than this at once (a CSV import) and the whole snapshot is reloaded. */
const BULK_RELOAD_AT = 2000;

/** Any object a snapshot's index can be rebuilt from: the whole store, in memory. */
class Snapshot {
  readonly users = new Map<number, UserProfile>();
  readonly orgs = new Map<number, Organisation>();
  private readonly byDevice = new Map<string, Array<{ locationId: number; userId: number }>>();
  private readonly byExtension = new Map<string, number[]>();
  private readonly byDid = new Map<string, number>();

  putUser(user: UserProfile): void {
    this.removeUser(user.id);
    this.users.set(user.id, user);
    for (const l of user.locations) {
      if (l.kind !== 'primary' && l.kind !== 'shared') continue;
      const list = this.byDevice.get(l.address) ?? [];
      list.push({ locationId: l.id, userId: user.id });
      list.sort((a, b) => a.locationId - b.locationId);
      this.byDevice.set(l.address, list);
    }
    const ids = this.byExtension.get(user.extension) ?? [];
    ids.push(user.id);
    ids.sort((a, b) => a - b);
    this.byExtension.set(user.extension, ids);
    for (const did of user.dids) this.byDid.set(did, user.id);
  }

  removeUser(id: number): void {
    const old = this.users.get(id);
    if (!old) return;
    this.users.delete(id);
    for (const l of old.locations) {
      const list = this.byDevice.get(l.address)?.filter((e) => e.userId !== id);
      if (list?.length) this.byDevice.set(l.address, list); else this.byDevice.delete(l.address);
    }
    const ids = this.byExtension.get(old.extension)?.filter((x) => x !== id);
    if (ids?.length) this.byExtension.set(old.extension, ids); else this.byExtension.delete(old.extension);
    for (const did of old.dids) if (this.byDid.get(did) === id) this.byDid.delete(did);
  }

  device(address: string): UserProfile | undefined {
    const first = this.byDevice.get(address)?.[0];
    return first ? this.users.get(first.userId) : undefined;
  }

  extension(extension: string, organisationId?: number): UserProfile | undefined {
    for (const id of this.byExtension.get(extension) ?? []) {
      const user = this.users.get(id);
      if (user && (organisationId === undefined || user.organisationId === organisationId)) return user;
    }
    return undefined;
  }

  did(number: string): UserProfile | undefined {
    const id = this.byDid.get(number);
    return id === undefined ? undefined : this.users.get(id);
  }

  companyNumber(number: string): Organisation | undefined {
    let found: Organisation | undefined;
    for (const org of this.orgs.values()) {
      if ((org.company_extension === number || org.company_did === number) && (!found || org.id < found.id)) found = org;
    }
    return found;
  }
}

/**
 * Users (with their devices, DIDs, services) and organisations in memory, for the call
 * path: routing a call asks it, not the store. It answers only while the store's change
 * feed is live, and every change reported (any writer, any controller) is refreshed before
 * its next answer; otherwise (feed down, not loaded yet) it reads the store, as before.
 * The same answers as the repository functions it stands for (test/unit/users/user-cache.test.ts).
 * `onUsersChanged` tells indexes built on it (the attendant's directory) which users changed.
 */
export class UserCache implements ChangeListener {
  private snapshot: Snapshot | undefined;
  private loading: Promise<void> | undefined;
  private readonly dirtyUsers = new Set<number>();
  private readonly dirtyOrgs = new Set<number>();
  private refreshing: Promise<void> | undefined;
  private generation = 0;
  private unsubscribe: (() => void) | undefined;
  private readonly watchers = new Set<(userIds: number[] | 'all') => void>();

  constructor(private readonly db: Kysely<Database>, private readonly feed: ChangeFeed, private readonly log: Logger) {}

  /** Subscribes and loads in the background (the first call waits for the load if it has not ended). */
  start(): void {
    this.unsubscribe = this.feed.subscribe(this);
    void this.ready().catch((error: unknown) => this.log.warn({ err: error }, 'user cache load failed; the store answers'));
  }

  stop(): void { this.unsubscribe?.(); this.snapshot = undefined; }

  onUsersChanged(watcher: (userIds: number[] | 'all') => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  changed(changes: StoreChange[]): void {
    for (const c of changes) {
      if (USER_TABLES.has(c.table)) this.dirtyUsers.add(c.id);
      else if (c.table === 'organisations') this.dirtyOrgs.add(c.id);
    }
  }

  reset(): void {
    this.generation += 1;
    this.snapshot = undefined;
    this.loading = undefined;
    this.dirtyUsers.clear();
    this.dirtyOrgs.clear();
    for (const w of this.watchers) w('all');
  }

  async byDevice(device: string): Promise<UserProfile | undefined> {
    const s = await this.current();
    return s ? s.device(device) : findUserByDevice(this.db, device);
  }

  async byExtension(organisationId: number, extension: string): Promise<UserProfile | undefined> {
    const s = await this.current();
    return s ? s.extension(extension, organisationId) : findUserByExtension(this.db, organisationId, extension);
  }

  /** Any organisation, lowest id first (extensions are unique per organisation). */
  async byExtensionAnywhere(extension: string): Promise<UserProfile | undefined> {
    const s = await this.current();
    return s ? s.extension(extension) : findUserByExtensionAnywhere(this.db, extension);
  }

  async byDid(number: string): Promise<UserProfile | undefined> {
    const s = await this.current();
    return s ? s.did(number) : findUserByDid(this.db, number);
  }

  async user(id: number): Promise<UserProfile | undefined> {
    const s = await this.current();
    return s ? s.users.get(id) : getUser(this.db, id);
  }

  async organisation(id: number): Promise<Organisation | undefined> {
    const s = await this.current();
    return s ? s.orgs.get(id) : getOrganisation(this.db, id);
  }

  async organisationByCompanyNumber(number: string): Promise<Organisation | undefined> {
    const s = await this.current();
    return s ? s.companyNumber(number) : findOrganisationByCompanyNumber(this.db, number);
  }

  /** A user as the snapshot holds it now, with no wait (for watchers, told after a change is applied). */
  peek(id: number): UserProfile | undefined { return this.snapshot?.users.get(id); }

  /** Whether the cache answers now (with every reported change applied): an index over it may too. */
  async settled(): Promise<boolean> { return (await this.current()) !== undefined; }

  /** Every cached user (loaded on demand): what an index over users is built from. */
  async allUsers(): Promise<UserProfile[] | undefined> {
    const s = await this.current();
    return s ? [...s.users.values()] : undefined;
  }

  /** The snapshot with every reported change applied, or undefined when the store must answer. */
  private async current(): Promise<Snapshot | undefined> {
    if (!this.feed.live) return undefined;
    this.feed.catchUp();
    if (!this.snapshot) {
      await this.ready();
      if (!this.feed.live) return undefined;
    }
    while (this.dirtyUsers.size || this.dirtyOrgs.size || this.refreshing) await this.refresh();
    return this.snapshot;
  }

  private ready(): Promise<void> {
    if (this.snapshot) return Promise.resolve();
    if (!this.loading) {
      const generation = this.generation;
      const loading = this.load(generation);
      this.loading = loading;
      loading.catch(() => { if (this.loading === loading) this.loading = undefined; });
    }
    return this.loading;
  }

  private async load(generation: number): Promise<void> {
    const started = Date.now();
    // Changes reported from here on are applied after the load (they may or may not be in it).
    const [users, orgs] = await Promise.all([allProfiles(this.db), this.db.selectFrom('organisations').selectAll().execute()]);
    if (generation !== this.generation) return;
    const snapshot = new Snapshot();
    for (const user of users) snapshot.putUser(user);
    for (const org of orgs) snapshot.orgs.set(org.id, org);
    this.snapshot = snapshot;
    this.log.info({ users: users.length, organisations: orgs.length, ms: Date.now() - started }, 'user cache loaded');
    for (const w of this.watchers) w('all');
  }

  /** One refresh at a time; changes that arrive meanwhile wait for the next round. */
  private refresh(): Promise<void> {
    if (this.refreshing) return this.refreshing;
    const refreshing = this.refreshOnce().finally(() => { this.refreshing = undefined; });
    this.refreshing = refreshing;
    return refreshing;
  }

  private async refreshOnce(): Promise<void> {
    const generation = this.generation;
    const userIds = [...this.dirtyUsers];
    const orgIds = [...this.dirtyOrgs];
    this.dirtyUsers.clear();
    this.dirtyOrgs.clear();
    if (userIds.length > BULK_RELOAD_AT) { this.reset(); await this.ready(); return; }
    let users: UserProfile[];
    let orgs: Organisation[];
    try {
      [users, orgs] = await Promise.all([
        getUsers(this.db, userIds),
        orgIds.length ? this.db.selectFrom('organisations').selectAll().where('id', 'in', orgIds).execute() : Promise.resolve([]),
      ]);
    } catch (error) {
      // Still to do: a failed refresh loses no change.
      for (const id of userIds) this.dirtyUsers.add(id);
      for (const id of orgIds) this.dirtyOrgs.add(id);
      throw error;
    }
    const snapshot = this.snapshot;
    if (!snapshot || generation !== this.generation) return;
    for (const id of userIds) snapshot.removeUser(id);
    for (const user of users) snapshot.putUser(user);
    for (const id of orgIds) snapshot.orgs.delete(id);
    for (const org of orgs) snapshot.orgs.set(org.id, org);
    if (userIds.length) for (const w of this.watchers) w(userIds);
  }
}

/** The cache an app attached to its store, if any: the call path's look-ups go through it. */
const caches = new WeakMap<Kysely<Database>, UserCache>();
export const attachUserCache = (db: Kysely<Database>, cache: UserCache): void => { caches.set(db, cache); };
export const detachUserCache = (db: Kysely<Database>): void => { caches.delete(db); };

/**
 * The call path's look-ups: from the store's cache when the app keeps one, else from the
 * store (tests, the CLI). The API's reads stay on the store (read-your-own-write at once).
 */
export const callPathUsers = {
  byDevice: (db: Kysely<Database>, device: string) => caches.get(db)?.byDevice(device) ?? findUserByDevice(db, device),
  byExtension: (db: Kysely<Database>, organisationId: number, extension: string) =>
    caches.get(db)?.byExtension(organisationId, extension) ?? findUserByExtension(db, organisationId, extension),
  byExtensionAnywhere: (db: Kysely<Database>, extension: string) => caches.get(db)?.byExtensionAnywhere(extension) ?? findUserByExtensionAnywhere(db, extension),
  byDid: (db: Kysely<Database>, number: string) => caches.get(db)?.byDid(number) ?? findUserByDid(db, number),
  user: (db: Kysely<Database>, id: number) => caches.get(db)?.user(id) ?? getUser(db, id),
  organisation: (db: Kysely<Database>, id: number) => caches.get(db)?.organisation(id) ?? getOrganisation(db, id),
  organisationByCompanyNumber: (db: Kysely<Database>, number: string) =>
    caches.get(db)?.organisationByCompanyNumber(number) ?? findOrganisationByCompanyNumber(db, number),
  cacheOf: (db: Kysely<Database>): UserCache | undefined => caches.get(db),
};
