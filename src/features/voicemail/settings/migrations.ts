import type { Migration } from 'kysely';

/**
 * The voicemail feature's migrations, named `YYYYMMDD-NNNN-voicemail-what` so they sort after the
 * core ones. Tables they create are added to the Database interface by module
 * augmentation in this folder's schema file.
 */
export const voicemailMigrations: Record<string, Migration> = {};
