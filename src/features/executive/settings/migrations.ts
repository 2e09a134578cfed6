import type { Migration } from 'kysely';
import * as settings0100 from './20261123-0100-executive-settings.js';
import * as calls0100 from './20261202-0100-executive-calls.js';
import * as pushes0200 from './20261202-0200-executive-pushes.js';
import * as changeFeed0100 from './20261203-0100-executive-change-feed.js';

/**
 * The executive feature's migrations, named `YYYYMMDD-NNNN-executive-what` so they sort after the
 * core ones. Tables they create are added to the Database interface by module
 * augmentation in `executive-schema.ts`.
 */
export const executiveMigrations: Record<string, Migration> = {
  '20261123-0100-executive-settings': settings0100,
  '20261202-0100-executive-calls': calls0100,
  '20261202-0200-executive-pushes': pushes0200,
  '20261203-0100-executive-change-feed': changeFeed0100,
};
