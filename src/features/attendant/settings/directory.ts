import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import { nameKeys, normalizeName, prefixUpperBound } from '../policy/keypad.js';
import './attendant-schema.js';
import { directoryIndexOf } from './directory-index.js';

/** One name a caller can reach a user by. */
export interface DirectoryEntry {
  userId: number;
  /** The user's real name (what the caller hears back). */
  name: string;
  /** The name or alias that matched. */
  spokenName: string;
  isAlias: boolean;
  extension: string;
}

interface SourceRow { id: number; organisation_id: number; name: string; aliases: string; hidden_from_directory: number; listed: number | null; signature: string | null }

const signatureOf = (r: SourceRow) => JSON.stringify([r.name, r.aliases, r.hidden_from_directory, r.listed ? 1 : 0]);

/**
 * Brings the directory rows up to date with the users table: users whose name, aliases,
 * visibility or attendant service changed since the last sync are rebuilt, the others
 * left alone (a sync of 100,000 unchanged users is one query and a loop).
 * Returns how many users were rebuilt.
 */
export async function syncDirectory(db: Kysely<Database>, organisationId?: number): Promise<number> {
  let query = db.selectFrom('users as u')
    .leftJoin('user_services as s', (j) => j.onRef('s.user_id', '=', 'u.id').on('s.service', '=', 'attendant'))
    .leftJoin('attendant_directory_source as d', 'd.user_id', 'u.id')
    .select(['u.id', 'u.organisation_id', 'u.name', 'u.aliases', 'u.hidden_from_directory', 's.user_id as listed', 'd.signature']);
  if (organisationId !== undefined) query = query.where('u.organisation_id', '=', organisationId);
  const rows = (await query.execute()) as SourceRow[];
  const stale = rows.filter((r) => r.signature !== signatureOf(r));
  if (stale.length === 0) return 0;
  const CHUNK = 500;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < stale.length; i += CHUNK) {
      const chunk = stale.slice(i, i + CHUNK);
      const ids = chunk.map((r) => r.id);
      await trx.deleteFrom('attendant_directory').where('user_id', 'in', ids).execute();
      await trx.deleteFrom('attendant_directory_source').where('user_id', 'in', ids).execute();
      const entries = chunk.filter((r) => r.listed && !r.hidden_from_directory).flatMap((r) => {
        const aliases = (JSON.parse(r.aliases) as string[]).filter((a) => normalizeName(a));
        return [{ text: r.name, alias: 0 }, ...aliases.map((a) => ({ text: a, alias: 1 }))].map((n) => {
          const keys = nameKeys(n.text);
          return {
            organisation_id: r.organisation_id, user_id: r.id, spoken_name: n.text, is_alias: n.alias,
            normalized: keys.normalized, last_normalized: keys.lastNormalized, first_keys: keys.firstKeys, last_keys: keys.lastKeys,
          };
        });
      });
      for (let j = 0; j < entries.length; j += 100) await trx.insertInto('attendant_directory').values(entries.slice(j, j + 100)).execute();
      await trx.insertInto('attendant_directory_source').values(chunk.map((r) => ({ user_id: r.id, signature: signatureOf(r) }))).execute();
    }
  });
  return stale.length;
}

type Column = 'first_keys' | 'last_keys' | 'normalized' | 'last_normalized';

const INDEX_COLUMN = { first_keys: 'firstKeys', last_keys: 'lastKeys', normalized: 'normalized', last_normalized: 'lastNormalized' } as const;

async function rangeSearch(db: Kysely<Database>, organisationId: number, column: Column, prefix: string, limit: number): Promise<DirectoryEntry[]> {
  // In memory when the app keeps the index (directory-index.ts); the store otherwise.
  const fromIndex = await directoryIndexOf(db)?.range(organisationId, INDEX_COLUMN[column], prefix, limit);
  if (fromIndex) return fromIndex;
  const rows = await db.selectFrom('attendant_directory as d')
    .innerJoin('users as u', 'u.id', 'd.user_id')
    .select(['d.user_id', 'u.name', 'd.spoken_name', 'd.is_alias', 'u.extension'])
    .where('d.organisation_id', '=', organisationId)
    // A range rather than LIKE 'x%': every database uses the index for it.
    .where(`d.${column}`, '>=', prefix).where(`d.${column}`, '<', prefixUpperBound(prefix))
    .where('u.hidden_from_directory', '=', 0)
    .orderBy(`d.${column}`).limit(limit).execute();
  return rows.map((r) => ({ userId: r.user_id, name: r.name, spokenName: r.spoken_name, isAlias: r.is_alias === 1, extension: r.extension }));
}

/** One entry per user, real names before aliases, in the order found. */
function distinctUsers(entries: DirectoryEntry[], limit: number): DirectoryEntry[] {
  const byUser = new Map<number, DirectoryEntry>();
  for (const e of entries) {
    const seen = byUser.get(e.userId);
    if (!seen || (seen.isAlias && !e.isAlias)) byUser.set(e.userId, e);
  }
  return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name) || a.extension.localeCompare(b.extension)).slice(0, limit);
}

/** Dial by name: keys spelling the start of a first or last name (Asterisk Directory style). */
export async function searchByKeypad(db: Kysely<Database>, organisationId: number, digits: string, limit = 20): Promise<DirectoryEntry[]> {
  const [first, last] = await Promise.all([
    rangeSearch(db, organisationId, 'first_keys', digits, limit * 2),
    rangeSearch(db, organisationId, 'last_keys', digits, limit * 2),
  ]);
  return distinctUsers([...first, ...last], limit);
}

/** The portal's search: a prefix of the full name or of the last name. */
export async function searchByName(db: Kysely<Database>, organisationId: number, text: string, limit = 20): Promise<DirectoryEntry[]> {
  const prefix = normalizeName(text);
  if (!prefix) return [];
  const [full, last] = await Promise.all([
    rangeSearch(db, organisationId, 'normalized', prefix, limit * 2),
    rangeSearch(db, organisationId, 'last_normalized', prefix, limit * 2),
  ]);
  return distinctUsers([...full, ...last], limit);
}

/** A listed user by extension or DID (hidden users are reachable by number, never listed). */
export async function findListedByNumber(db: Kysely<Database>, organisationId: number, number: string): Promise<DirectoryEntry[]> {
  const fromIndex = await directoryIndexOf(db)?.byNumber(organisationId, number);
  if (fromIndex) return distinctUsers(fromIndex, 5);
  // Two indexed look-ups rather than one OR across a join, which no index serves.
  const [byExtension, byDid] = await Promise.all([
    db.selectFrom('users').select('id').where('organisation_id', '=', organisationId).where('extension', '=', number).execute(),
    db.selectFrom('dids').select('user_id as id').where('number', '=', number).execute(),
  ]);
  const ids = [...new Set([...byExtension, ...byDid].map((r) => r.id))];
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('attendant_directory as d').innerJoin('users as u', 'u.id', 'd.user_id')
    .select(['u.id', 'u.name', 'u.extension'])
    .where('d.user_id', 'in', ids).where('d.is_alias', '=', 0)
    .where('u.organisation_id', '=', organisationId).where('u.hidden_from_directory', '=', 0).execute();
  return distinctUsers(rows.map((r) => ({ userId: r.id, name: r.name, spokenName: r.name, isAlias: false, extension: r.extension })), 5);
}

/** Every name and alias of the listed users: the speech grammar's vocabulary. */
export async function allDirectoryNames(db: Kysely<Database>, organisationId: number, limit = 5000): Promise<DirectoryEntry[]> {
  const rows = await db.selectFrom('attendant_directory as d').innerJoin('users as u', 'u.id', 'd.user_id')
    .select(['d.user_id', 'u.name', 'd.spoken_name', 'd.is_alias', 'u.extension'])
    .where('d.organisation_id', '=', organisationId).where('u.hidden_from_directory', '=', 0)
    .orderBy('d.id').limit(limit).execute();
  return rows.map((r) => ({ userId: r.user_id, name: r.name, spokenName: r.spoken_name, isAlias: r.is_alias === 1, extension: r.extension }));
}
