import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type StoreDialect = 'sqlite' | 'postgres';

export interface OpenDatabaseOptions {
  /** A pooled PostgreSQL connection failed while idle (the server restarted, the network went). */
  onError?: (error: Error) => void;
}

/**
 * Opens the store named by DATABASE_URL: `sqlite:<path>` (or `sqlite::memory:`), the
 * embedded default, or `postgres://user:password@host:port/database` for several
 * controllers on one store. Only this file knows the dialect's driver; queries
 * elsewhere are portable kysely, and the few differences are normalised here.
 */
/** How each opened store was opened: what a change feed (src/store/change-feed.ts) needs beside kysely. */
const opened = new WeakMap<Kysely<any>, { url: string; sqlite?: SQLite.Database }>();

/** The store's URL, and for SQLite its in-process handle (synchronous reads of the change log). */
export const openedAs = (db: Kysely<any>): { url: string; sqlite?: SQLite.Database } | undefined => opened.get(db);

export function openDatabase(url: string, options: OpenDatabaseOptions = {}): Kysely<Database> {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SQLite(path);
    // WAL: readers (the portal) never block the call path's writes.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    opened.set(db, { url, sqlite });
    return db;
  }
  if (url.startsWith('postgres:') || url.startsWith('postgresql:')) {
    const pool = new pg.Pool({
      connectionString: url,
      types: { getTypeParser: postgresTypeParser },
      // Deadlines: a store that does not answer fails the request instead of hanging it.
      connectionTimeoutMillis: 10_000,
      statement_timeout: 30_000,
      idleTimeoutMillis: 30_000,
    });
    // Without a listener, an idle connection's error would crash the process.
    pool.on('error', (error) => options.onError?.(error));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    opened.set(db, { url });
    return db;
  }
  throw new Error(`DATABASE_URL: expected sqlite:<path> or postgres://…, got ${url.split(':')[0]}:…`);
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * SQLite returns every integer as a number; PostgreSQL returns COUNT (bigint) and SUM
 * (bigint or numeric) as strings, to keep precision JavaScript numbers lack. Counts,
 * sizes and durations here are far below 2^53, so both read as numbers.
 */
function postgresTypeParser(oid: number, format?: string) {
  if (oid === INT8_OID || oid === NUMERIC_OID) {
    return (value: string) => {
      const number = Number(value);
      if (!Number.isSafeInteger(number) && oid === INT8_OID) throw new RangeError(`store: integer ${value} is beyond JavaScript's safe range`);
      return number;
    };
  }
  return pg.types.getTypeParser(oid, format as 'text');
}

/** The dialect a store speaks: for the few schema details SQL does not share (migrations). */
export function storeDialect(db: Kysely<any>): StoreDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** SQLite and PostgreSQL both store booleans as 0/1 integers here. */
export const bool = (value: boolean): number => (value ? 1 : 0);
export const nowIso = (): string => new Date().toISOString();
