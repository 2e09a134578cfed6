import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as core0001 from './migrations/20261123-0001-core.js';
import { storeDialect } from './db.js';
import * as tenantUniqueness from './migrations/20261201-0001-tenant-uniqueness.js';
import * as systemAdmin from './migrations/20261201-0002-system-admin.js';
import * as sessionParent from './migrations/20261201-2100-session-parent.js';
import * as changeFeed from './migrations/20261202-0300-change-feed.js';
import * as nodes from './migrations/20261203-0200-nodes.js';
import type { Database } from './schema.js';

const coreMigrations: Record<string, Migration> = {
  '20261123-0001-core': core0001,
  '20261201-0001-tenant-uniqueness': tenantUniqueness,
  '20261201-0002-system-admin': systemAdmin,
  '20261201-2100-session-parent': sessionParent,
  '20261202-0300-change-feed': changeFeed,
  '20261203-0200-nodes': nodes,
};

/**
 * The core's migrations and those each feature plugs in (`Feature.migrations`), applied
 * in name order: names are timestamps, so a feature's tables follow the core's.
 */
export function allMigrations(featureMigrations: ReadonlyArray<Record<string, Migration>> = []): Record<string, Migration> {
  return Object.assign({}, coreMigrations, ...featureMigrations) as Record<string, Migration>;
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> { return this.migrations; }
}

export class MigrationFailedError extends Error {}

/** Brings the schema up to date; a failed migration stops start-up. */
export async function migrateToLatest(db: Kysely<Database>, featureMigrations: ReadonlyArray<Record<string, Migration>> = []): Promise<string[]> {
  const migrator = new Migrator({
    db, provider: new StaticProvider(allMigrations(featureMigrations)),
    // kysely looks for its migration table in every schema it can see on PostgreSQL, so a
    // store in one schema would take another schema's table for its own: name ours.
    migrationTableSchema: storeDialect(db) === 'postgres' ? await currentSchema(db) : undefined,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new MigrationFailedError(`migration ${failed?.migrationName ?? '?'} failed: ${String((error as Error | undefined)?.message ?? error)}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  if (!rows[0]?.schema) throw new MigrationFailedError('PostgreSQL has no current schema: check search_path in DATABASE_URL');
  return rows[0].schema;
}
