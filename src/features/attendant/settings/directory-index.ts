import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import type { UserCache } from '../../../users/settings/user-cache.js';
import type { UserProfile } from '../../../users/settings/user-repository.js';
import { nameKeys, normalizeName } from '../policy/keypad.js';
import type { DirectoryEntry } from './directory.js';

type Column = 'firstKeys' | 'lastKeys' | 'normalized' | 'lastNormalized';
const COLUMNS: Column[] = ['firstKeys', 'lastKeys', 'normalized', 'lastNormalized'];

interface Entry extends DirectoryEntry { keys: Record<Column, string> }

/** One organisation's entries, sorted by each key (as the store's indexes are). */
type OrgIndex = Record<Column, Entry[]>;

const byKey = (column: Column) => (a: Entry, b: Entry) => (a.keys[column] < b.keys[column] ? -1 : a.keys[column] > b.keys[column] ? 1 : a.userId - b.userId);

/** First position whose key is not below `key` (binary search). */
function lowerBound(list: Entry[], column: Column, key: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.keys[column] < key) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** The names a listed user is found by: the real name, then each alias (as syncDirectory writes them). */
function entriesOf(user: UserProfile): Entry[] {
  if (!user.services.includes('attendant') || user.hiddenFromDirectory) return [];
  const names = [{ text: user.name, isAlias: false }, ...user.aliases.filter((a) => normalizeName(a)).map((text) => ({ text, isAlias: true }))];
  return names.map((n) => {
    const k = nameKeys(n.text);
    return {
      userId: user.id, name: user.name, spokenName: n.text, isAlias: n.isAlias, extension: user.extension,
      keys: { firstKeys: k.firstKeys, lastKeys: k.lastKeys, normalized: k.normalized, lastNormalized: k.lastNormalized },
    };
  });
}

/**
 * The attendant's directory in memory: per organisation, its entries sorted by each search
 * key, so a prefix search is two binary searches and a short walk (no store round trip).
 * Built from the user cache and kept in step with it: a changed user's entries are taken
 * out and put back in place; a reset rebuilds on the next search. Answers as
 * src/features/attendant/settings/directory.ts's queries do over attendant_directory.
 */
export class DirectoryIndex {
  private orgs: Map<number, OrgIndex> | undefined;
  private building: Promise<Map<number, OrgIndex> | undefined> | undefined;
  private readonly stop: () => void;
  private readonly orgOf = new Map<number, number>();

  constructor(private readonly users: UserCache) {
    this.stop = users.onUsersChanged((ids) => {
      if (ids === 'all' || !this.orgs) { this.orgs = undefined; this.building = undefined; return; }
      this.apply(ids);
    });
  }

  close(): void { this.stop(); }

  /** The organisation's entries matching a key prefix, in key order, at most `limit`; undefined: ask the store. */
  async range(organisationId: number, column: Column, prefix: string, limit: number): Promise<DirectoryEntry[] | undefined> {
    const orgs = await this.current();
    if (!orgs) return undefined;
    const list = orgs.get(organisationId)?.[column] ?? [];
    const found: DirectoryEntry[] = [];
    for (let i = lowerBound(list, column, prefix); i < list.length && found.length < limit; i += 1) {
      const e = list[i]!;
      if (!e.keys[column].startsWith(prefix)) break;
      found.push({ userId: e.userId, name: e.name, spokenName: e.spokenName, isAlias: e.isAlias, extension: e.extension });
    }
    return found;
  }

  /** A listed user's real-name entry by extension or DID. */
  async byNumber(organisationId: number, number: string): Promise<DirectoryEntry[] | undefined> {
    const [orgs, byExtension, byDid] = await Promise.all([this.current(), this.users.byExtension(organisationId, number), this.users.byDid(number)]);
    if (!orgs) return undefined;
    return [byExtension, byDid].flatMap((u) => (u && u.organisationId === organisationId ? entriesOf(u).filter((e) => !e.isAlias) : []))
      .map(({ keys: _keys, ...entry }) => ({ ...entry, spokenName: entry.name }));
  }

  private async current(): Promise<Map<number, OrgIndex> | undefined> {
    // The cache first: it applies pending changes, which reach apply() before we answer.
    if (!(await this.users.settled())) return undefined;
    if (this.orgs) return this.orgs;
    this.building ??= this.users.allUsers().then((all) => {
      if (!all) return undefined;
      const orgs = new Map<number, OrgIndex>();
      this.orgOf.clear();
      for (const user of all) this.insert(orgs, user);
      for (const index of orgs.values()) for (const column of COLUMNS) index[column].sort(byKey(column));
      this.orgs = orgs;
      return orgs;
    });
    return this.building;
  }

  private insert(orgs: Map<number, OrgIndex>, user: UserProfile, sorted = false): void {
    const entries = entriesOf(user);
    this.orgOf.set(user.id, user.organisationId);
    if (entries.length === 0) return;
    let index = orgs.get(user.organisationId);
    if (!index) { index = { firstKeys: [], lastKeys: [], normalized: [], lastNormalized: [] }; orgs.set(user.organisationId, index); }
    for (const column of COLUMNS) {
      const list = index[column];
      for (const e of entries) {
        if (!sorted) { list.push(e); continue; }
        let at = lowerBound(list, column, e.keys[column]);
        while (at < list.length && list[at]!.keys[column] === e.keys[column] && list[at]!.userId < e.userId) at += 1;
        list.splice(at, 0, e);
      }
    }
  }

  private apply(ids: number[]): void {
    const orgs = this.orgs;
    if (!orgs) return;
    const wanted = new Set(ids);
    for (const id of ids) {
      const index = orgs.get(this.orgOf.get(id) ?? -1);
      if (index) for (const column of COLUMNS) index[column] = index[column].filter((e) => !wanted.has(e.userId));
      this.orgOf.delete(id);
    }
    // The cache has the new rows already (it tells us after applying them).
    for (const id of ids) {
      const user = this.users.peek(id);
      if (user) this.insert(orgs, user, true);
    }
  }
}

/** The index an app attached to its store, if any: directory searches answer from it. */
const indexes = new WeakMap<Kysely<Database>, DirectoryIndex>();
export const attachDirectoryIndex = (db: Kysely<Database>, index: DirectoryIndex): void => { indexes.set(db, index); };
export const detachDirectoryIndex = (db: Kysely<Database>): void => { indexes.delete(db); };
export const directoryIndexOf = (db: Kysely<Database>): DirectoryIndex | undefined => indexes.get(db);
