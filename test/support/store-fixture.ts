import { stopTestPostgres } from './test-store.js';

/**
 * Mocha global fixture (`require` in .mocharc.*.json): a PostgreSQL cluster a test
 * started on first use is stopped and deleted when the run ends.
 */
export async function mochaGlobalTeardown(): Promise<void> {
  await stopTestPostgres();
}
