import type { Migration } from 'kysely';

/**
 * The executive feature's migrations, named `YYYYMMDD-NNNN-executive-what` so they sort after the
 * core ones. Tables they create are added to the Database interface by module
 * augmentation in this folder's schema file.
 */
export const executiveMigrations: Record<string, Migration> = {};
