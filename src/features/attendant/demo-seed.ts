import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { DemoUsers } from '../../demo/seed.js';
import { saveAttendantSettings, setBusinessHours } from './settings/attendant-settings.js';
import { syncDirectory } from './settings/directory.js';

/** The attendant's part of the demo: Acme answers as open Monday to Friday, 08:00–18:00 (organisation time). */
export async function seedAttendantDemo(db: Kysely<Database>, users: DemoUsers): Promise<void> {
  await saveAttendantSettings(db, users.organisationId, {});
  await setBusinessHours(db, users.organisationId, [1, 2, 3, 4, 5].map((dayOfWeek) => ({ dayOfWeek, opens: '08:00', closes: '18:00' })));
  await syncDirectory(db, users.organisationId);
}
