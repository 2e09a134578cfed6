import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { DemoUsers } from '../../demo/seed.js';

/** The voicemail feature's part of the demo organisation. */
export async function seedVoicemailDemo(db: Kysely<Database>, users: DemoUsers): Promise<void> {
  void db; void users;
}
