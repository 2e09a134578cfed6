import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';

/**
 * Opens the store named by DATABASE_URL: `sqlite:<path>` (or `sqlite::memory:`).
 * Only this file knows the dialect; queries elsewhere are portable kysely, so a
 * PostgreSQL dialect can be added here for several controllers.
 */
export function openDatabase(url: string): Kysely<Database> {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SQLite(path);
    // WAL: readers (the portal) never block the call path's writes.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  if (url.startsWith('postgres:') || url.startsWith('postgresql:')) {
    throw new Error('DATABASE_URL: PostgreSQL is not supported by this build yet; use sqlite:<path>');
  }
  throw new Error(`DATABASE_URL: expected sqlite:<path>, got ${url.split(':')[0]}:…`);
}

/** SQLite and PostgreSQL both store booleans as 0/1 integers here. */
export const bool = (value: boolean): number => (value ? 1 : 0);
export const nowIso = (): string => new Date().toISOString();
