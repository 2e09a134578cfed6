import type { Migration } from 'kysely';

/**
 * The attendant feature's migrations, named `YYYYMMDD-NNNN-attendant-what` so they sort after the
 * core ones. Tables they create are added to the Database interface by module
 * augmentation in this folder's schema file.
 */
export const attendantMigrations: Record<string, Migration> = {};
