import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { attendantMigrations } from '../features/attendant/settings/migrations.js';
import { executiveMigrations } from '../features/executive/settings/migrations.js';
import { voicemailMigrations } from '../features/voicemail/settings/migrations.js';
import { openDatabase } from '../store/db.js';
import { migrateToLatest } from '../store/migrator.js';
import type { Database, Organisation } from '../store/schema.js';
import { CliError } from './io.js';

/**
 * The controller's store, brought to the same schema the controller would (the CLI may
 * run before the controller ever started). The feature list matches createApp's.
 */
export async function openStore(config: Config): Promise<Kysely<Database>> {
  const db = openDatabase(config.database.url);
  try {
    await migrateToLatest(db, [voicemailMigrations, executiveMigrations, attendantMigrations]);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** The organisation a command works on: the only one, or the one named by `--organisation`. */
export async function theOrganisation(db: Kysely<Database>, id?: number): Promise<Organisation> {
  const organisations = await db.selectFrom('organisations').selectAll().orderBy('id').execute();
  if (organisations.length === 0) throw new CliError('no organisation yet: run `switchboard init` first');
  if (id !== undefined) {
    const chosen = organisations.find((o) => o.id === id);
    if (!chosen) throw new CliError(`no organisation ${id}: there are ${organisations.map((o) => `${o.id} (${o.name})`).join(', ')}`);
    return chosen;
  }
  if (organisations.length > 1) throw new CliError(`several organisations: choose one with --organisation <id> (${organisations.map((o) => `${o.id} ${o.name}`).join(', ')})`);
  return organisations[0]!;
}
