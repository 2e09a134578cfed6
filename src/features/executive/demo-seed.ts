import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { DemoUsers } from '../../demo/seed.js';
import { defaultExecutiveSettings } from './settings/executive-settings.js';
import { saveExecutiveSettings, setPool } from './settings/executive-repository.js';

/**
 * Erin Executive (1002) with Alice (1003) then Aaron (1004) in her pool, filtering every
 * call to them together; after 30 s unanswered the caller rolls over to Erin's voicemail.
 */
export async function seedExecutiveDemo(db: Kysely<Database>, users: DemoUsers): Promise<void> {
  const erin = users.executive;
  await setPool(db, erin.id, users.assistants.map((a) => a.id));
  const defaults = defaultExecutiveSettings(erin.id);
  await saveExecutiveSettings(db, erin.id, {
    filtering: { enabled: true, mode: 'all', criteria: [] },
    alerting: { ...defaults.alerting, mode: 'simultaneous', rollover: { enabled: true, waitSeconds: 30, action: 'voicemail', forwardNumber: null } },
  });
}
