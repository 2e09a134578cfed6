import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as core0001 from './migrations/20261123-0001-core.js';
import { executiveMigrations } from '../features/executive/settings/migrations.js';
import { attendantMigrations } from '../features/attendant/settings/migrations.js';
import { voicemailMigrations } from '../features/voicemail/settings/migrations.js';
import type { Database } from './schema.js';

const coreMigrations: Record<string, Migration> = {
  '20261123-0001-core': core0001,
};

/** Every migration of the core and of each feature, applied in name order. */
export function allMigrations(): Record<string, Migration> {
  return { ...coreMigrations, ...executiveMigrations, ...attendantMigrations, ...voicemailMigrations };
}

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> { return allMigrations(); }
}

export class MigrationFailedError extends Error {}

/** Brings the schema up to date; a failed migration stops start-up. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new MigrationFailedError(`migration ${failed?.migrationName ?? '?'} failed: ${String((error as Error | undefined)?.message ?? error)}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}
