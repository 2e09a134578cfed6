import type { Migration } from 'kysely';
import * as mailboxes0300 from './20261123-0300-voicemail-mailboxes.js';

/**
 * The voicemail feature's migrations, named `YYYYMMDD-NNNN-voicemail-what` so they sort after the
 * core ones. Tables they create are added to the Database interface by module
 * augmentation in `voicemail-schema.ts`.
 */
export const voicemailMigrations: Record<string, Migration> = {
  '20261123-0300-voicemail-mailboxes': mailboxes0300,
};
