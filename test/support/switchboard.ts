import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type SwitchboardApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { seedDemo, type DemoUsers } from '../../src/demo/seed.js';
import { createLogger } from '../../src/log.js';
import { testEnv } from './test-env.js';
import { defaultTestStore, freshTestDatabase, type TestDatabase, type TestStore } from './test-store.js';

export interface RunningSwitchboard {
  app: SwitchboardApp;
  config: Config;
  demo: DemoUsers | undefined;
  baseUrl: string;
  dir: string;
  store: TestStore;
  stop(): Promise<void>;
}

/** The database each test directory holds, so a second app on the same `dir` finds the first one's store. */
const databaseOfDir = new Map<string, { store: TestStore; database: TestDatabase }>();

/**
 * A real Switchboard in this process, on a fresh database, connected to the test
 * Asterisk, HTTP on a free port. `store` picks SQLite (a new file) or PostgreSQL (a new
 * schema), by default TEST_STORE or SQLite; given the `dir` of an earlier one, it reopens
 * that one's store (a controller restarted). `seed: true` loads the demo organisation;
 * `staticDir` serves a built portal at / (browser tests).
 */
export async function startSwitchboard(options: { seed?: boolean; env?: Record<string, string>; dir?: string; staticDir?: string; store?: TestStore } = {}): Promise<RunningSwitchboard> {
  const env = testEnv();
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'switchboard-test-'));
  const reopened = options.dir === undefined ? undefined : databaseOfDir.get(options.dir);
  const store = reopened?.store ?? options.store ?? defaultTestStore();
  const database = reopened?.database ?? await freshTestDatabase(store, dir);
  if (!reopened) databaseOfDir.set(dir, { store, database });
  const config = loadConfig({
    ARI_URL: env.ariUrl, ARI_USER: env.ariUser, ARI_PASSWORD: env.ariPassword,
    DATABASE_URL: database.url,
    HTTP_PORT: '0',
    RECORDINGS_DIR: join(dir, 'recordings'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...options.env,
  });
  const app = createApp(config, { logger: createLogger(config.logLevel), ariWaitMs: 15_000, staticDir: options.staticDir });
  await app.start();
  if (!app.ari.connection.connected) throw new Error(`Switchboard could not reach ARI at ${env.ariUrl}: is the test Asterisk up (npm run asterisk up)?`);
  let demo: DemoUsers | undefined;
  if (options.seed) demo = await seedDemo(app.db);
  return {
    app, config, demo, dir, store,
    baseUrl: `http://127.0.0.1:${app.httpPort}`,
    async stop() {
      await app.stop();
      if (!options.dir) {
        databaseOfDir.delete(dir);
        await database.drop();
      }
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
