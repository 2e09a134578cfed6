import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrator.js';
import { attendantMigrations } from '../../src/features/attendant/settings/migrations.js';
import { executiveMigrations } from '../../src/features/executive/settings/migrations.js';
import { voicemailMigrations } from '../../src/features/voicemail/settings/migrations.js';
import { keypadDigits } from '../../src/features/attendant/policy/keypad.js';
import { findListedByNumber, searchByKeypad, searchByName, syncDirectory } from '../../src/features/attendant/settings/directory.js';
import { FIRST_NAMES, LAST_NAMES } from './names.js';
import { attachDirectoryIndex, DirectoryIndex } from '../../src/features/attendant/settings/directory-index.js';
import { createLogger } from '../../src/log.js';
import { changeFeedFor } from '../../src/store/change-feed.js';
import { UserCache } from '../../src/users/settings/user-cache.js';

export interface SearchLatency { users: number; syncSeconds: number; resyncUnchangedMs: number; memoryLoadMs: number; kinds: Record<string, { p50: number; p99: number; queries: number }> }

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** Deterministic pseudo-random numbers (a benchmark must be repeatable). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return state / 2 ** 32; };
}

/**
 * Directory search over `users` users in one organisation, on the real store (SQLite
 * file, the real migrations and sync): name prefix, keypad digits (first or last name),
 * extension and DID. Names are drawn from 50 × 50 common names with a syllable suffix so
 * prefixes are realistically shared.
 */
export async function measureDirectorySearch(users = 100_000, queriesPerKind = 1000): Promise<SearchLatency> {
  const dir = mkdtempSync(join(tmpdir(), 'attendant-search-'));
  const db = openDatabase(`sqlite:${join(dir, 'bench.db')}`);
  try {
    await migrateToLatest(db, [executiveMigrations, attendantMigrations, voicemailMigrations]);
    const org = await db.insertInto('organisations').values({ name: 'Bench', company_extension: '0', timezone: 'UTC' }).returning('id').executeTakeFirstOrThrow();
    const random = lcg(42);
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
    const syllables = ['', '', '', 'son', 'ton', 'ley', 'man', 'er'];
    const people: Array<{ name: string; extension: string; did: string }> = [];
    for (let i = 0; i < users; i += 1) {
      people.push({ name: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}${pick(syllables)}`, extension: String(200_000 + i), did: String(5_550_000_000 + i) });
    }
    for (let i = 0; i < users; i += 500) {
      const chunk = people.slice(i, i + 500);
      const rows = await db.insertInto('users').values(chunk.map((p) => ({
        organisation_id: org.id, extension: p.extension, name: p.name, role: 'user' as const, user_type: 'agent' as const,
        hidden_from_directory: 0, aliases: '[]', logged_in: 1, no_answer_seconds: 20,
      }))).returning('id').execute();
      await db.insertInto('user_services').values(rows.map((r) => ({ user_id: r.id, service: 'attendant' as const }))).execute();
      await db.insertInto('dids').values(rows.map((r, j) => ({ user_id: r.id, number: chunk[j]!.did }))).execute();
    }
    let started = Date.now();
    await syncDirectory(db, org.id);
    const syncSeconds = (Date.now() - started) / 1000;
    started = Date.now();
    await syncDirectory(db, org.id);
    const resyncUnchangedMs = Date.now() - started;
    await sql`ANALYZE`.execute(db);

    const time = async (fn: () => Promise<unknown>, samples: number[]) => { const t = process.hrtime.bigint(); await fn(); samples.push(Number(process.hrtime.bigint() - t) / 1e6); };
    const kinds: SearchLatency['kinds'] = {};
    const run = async (kind: string, query: () => Promise<unknown>) => {
      const samples: number[] = [];
      for (let q = 0; q < queriesPerKind; q += 1) await time(query, samples);
      kinds[kind] = { p50: percentile(samples, 50), p99: percentile(samples, 99), queries: samples.length };
    };
    const all = async (where: string) => {
      await run(`name prefix (3 letters)${where}`, () => searchByName(db, org.id, pick(people).name.split(' ')[1]!.slice(0, 3), 20));
      await run(`keypad, 3 keys${where}`, () => searchByKeypad(db, org.id, keypadDigits(pick(people).name.split(' ')[pick([0, 1])]!).slice(0, 3), 9));
      await run(`keypad, full last name${where}`, () => searchByKeypad(db, org.id, keypadDigits(pick(people).name.split(' ')[1]!), 9));
      await run(`extension${where}`, () => findListedByNumber(db, org.id, pick(people).extension));
      await run(`DID${where}`, () => findListedByNumber(db, org.id, pick(people).did));
    };
    // Before: the store's directory tables (what a process without the user cache reads).
    await all(', store');
    // After: the in-memory index the controller keeps (src/features/attendant/settings/directory-index.ts).
    const feed = changeFeedFor(db, createLogger('silent'));
    await feed.start();
    const cache = new UserCache(db, feed, createLogger('silent'));
    cache.start();
    const index = new DirectoryIndex(cache);
    started = Date.now();
    await index.range(org.id, 'normalized', 'a', 1);
    const memoryLoadMs = Date.now() - started;
    attachDirectoryIndex(db, index);
    try { await all(', in memory'); } finally { index.close(); cache.stop(); await feed.stop(); }
    return { users, syncSeconds, resyncUnchangedMs, memoryLoadMs, kinds };
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
