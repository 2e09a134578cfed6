import type { Migration } from 'kysely';
import * as tables from './20261123-0200-attendant-tables.js';
import * as outboundRoute from './20261202-0200-attendant-outbound-route.js';
import * as companyGreetings from './20261202-0300-attendant-company-greetings.js';

/**
 * The attendant feature's migrations, named `YYYYMMDD-NNNN-attendant-what` so they sort after the
 * core ones. Tables they create are added to the Database interface by module
 * augmentation in attendant-schema.ts.
 */
export const attendantMigrations: Record<string, Migration> = {
  '20261123-0200-attendant-tables': tables,
  '20261202-0200-attendant-outbound-route': outboundRoute,
  '20261202-0300-attendant-company-greetings': companyGreetings,
};
