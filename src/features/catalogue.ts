import type { Feature, FeatureDeps } from '../feature.js';
import type { Migration } from 'kysely';
import { attendantFeature } from './attendant/index.js';
import { attendantMigrations } from './attendant/settings/migrations.js';
import { executiveFeature } from './executive/index.js';
import { executiveMigrations } from './executive/settings/migrations.js';
import { voicemailFeature } from './voicemail/index.js';
import { voicemailMigrations } from './voicemail/settings/migrations.js';

/**
 * The features a Switchboard is built from, in one list for the controller (createApp)
 * and the command line, which migrates the store without building them (no ARI). Each
 * entry names the feature's migrations beside it, the same the feature carries.
 * Order matters: voicemail first, since the others hand callers to it.
 */
const CATALOGUE: Array<{ build: (deps: FeatureDeps) => Feature; migrations: Record<string, Migration> }> = [
  { build: voicemailFeature, migrations: voicemailMigrations },
  { build: executiveFeature, migrations: executiveMigrations },
  { build: attendantFeature, migrations: attendantMigrations },
];

export function buildFeatures(deps: FeatureDeps): Feature[] {
  return CATALOGUE.map((entry) => entry.build(deps));
}

/** Every feature's own tables, as createApp applies them at start. */
export const featureMigrations: Array<Record<string, Migration>> = CATALOGUE.map((entry) => entry.migrations);
