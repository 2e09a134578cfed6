import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { attendantMigrations } from '../../src/features/attendant/settings/migrations.js';
import { executiveMigrations } from '../../src/features/executive/settings/migrations.js';
import { voicemailMigrations } from '../../src/features/voicemail/settings/migrations.js';
import { openDatabase } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrator.js';
import type { Database } from '../../src/store/schema.js';

/** The stores Switchboard runs on; store and API tests run on each. */
export const TEST_STORES = ['sqlite', 'postgres'] as const;
export type TestStore = (typeof TEST_STORES)[number];

/** The store a test uses when it does not loop over both: TEST_STORE, or SQLite. */
export function defaultTestStore(): TestStore {
  const store = process.env.TEST_STORE ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'postgres') throw new Error(`TEST_STORE: expected sqlite or postgres, got ${store}`);
  return store;
}

/** One app instance's empty database, and how to throw it away. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one app instance: a SQLite file in `dir`, or a new schema on the
 * test PostgreSQL (TEST_DATABASE_URL, else a throw-away cluster started on first use),
 * selected by search_path in the URL so the app's migrations run into it.
 */
export async function freshTestDatabase(store: TestStore, dir: string): Promise<TestDatabase> {
  if (store === 'sqlite') return { url: `sqlite:${join(dir, 'switchboard.db')}`, drop: async () => {} };
  const serverUrl = await testPostgresUrl();
  const schema = `switchboard_test_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`create schema ${schema}`));
  const url = new URL(serverUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: () => withClient(serverUrl, (client) => client.query(`drop schema if exists ${schema} cascade`)).then(() => undefined),
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, statement_timeout: 30_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const run = promisify(execFile);
const repoRoot = new URL('../..', import.meta.url).pathname;
let cluster: Promise<{ dir: string; url: string }> | undefined;

/** TEST_DATABASE_URL, or a cluster this test process starts with scripts/test-postgres.sh. */
export async function testPostgresUrl(): Promise<string> {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  cluster ??= run('bash', [join(repoRoot, 'scripts/test-postgres.sh'), 'start'], { timeout: 120_000 }).then(({ stdout }) => {
    const [dir, url] = stdout.trim().split(' ');
    if (!dir || !url) throw new Error(`scripts/test-postgres.sh start printed ${stdout}`);
    return { dir, url };
  });
  return (await cluster).url;
}

/** Stops the cluster testPostgresUrl started, if it did (mocha's global teardown). */
export async function stopTestPostgres(): Promise<void> {
  if (!cluster) return;
  const { dir } = await cluster.catch(() => ({ dir: '' }));
  cluster = undefined;
  if (dir) await run('bash', [join(repoRoot, 'scripts/test-postgres.sh'), 'stop', dir], { timeout: 60_000 });
}

/** A store with every migration applied, for repository tests without an app around it. */
export interface MigratedTestStore {
  db: Kysely<Database>;
  close(): Promise<void>;
}

export async function openMigratedStore(store: TestStore): Promise<MigratedTestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-store-'));
  const database = await freshTestDatabase(store, dir);
  const db = openDatabase(database.url);
  await migrateToLatest(db, [executiveMigrations, attendantMigrations, voicemailMigrations]);
  return {
    db,
    async close() {
      await db.destroy();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
