import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestAsterisk } from './asterisk-state.js';
import { createApp, type SwitchboardApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { seedDemo, type DemoUsers } from '../../src/demo/seed.js';
import { createLogger, type Logger } from '../../src/log.js';
import { MediaSigner } from '../../src/http/media-signature.js';
import { systemClock, type Clock } from '../../src/clock.js';
import { testEnv } from './test-env.js';
import { defaultTestStore, freshTestDatabase, type TestDatabase, type TestStore } from './test-store.js';

/**
 * A clock that reads `at` now and runs on from there at the real pace, with real timers:
 * the controller lives at another hour (out of hours, a holiday) while calls, ring
 * timers and ARI deadlines behave as always.
 */
export function clockAt(at: Date): Clock {
  const offset = at.getTime() - Date.now();
  return { ...systemClock, now: () => new Date(Date.now() + offset) };
}

/** The key tests' controllers sign media URLs with, so a test can fetch what Asterisk would. */
export const TEST_MEDIA_URL_SECRET = 'test-media-url-secret-0123456789';

/** The URL Asterisk is given to play a greeting (`greetings`) or a message (`messages`, `<token>.wav`). */
export function signedMediaUrl(sb: { baseUrl: string }, kind: 'greetings' | 'messages', name: string): string {
  return `${sb.baseUrl}/api/voicemail/media/${kind}/${new MediaSigner(Buffer.from(TEST_MEDIA_URL_SECRET)).sign(kind, name, Date.now())}`;
}

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
export async function startSwitchboard(options: {
  seed?: boolean; env?: Record<string, string>; dir?: string; staticDir?: string; store?: TestStore;
  /** false: no Asterisk at all (ARI unreachable), for API stories that place no call; they then need no Asterisk lock. */
  asterisk?: boolean;
  /** The controller's clock (schedules, out of office): e.g. `clockAt(...)` for a call out of hours. */
  clock?: Clock;
  /** The controller's logger (e.g. one writing JSON lines a test reads); else silent unless TEST_LOG_LEVEL. */
  logger?: Logger;
} = {}): Promise<RunningSwitchboard> {
  const withAsterisk = options.asterisk ?? true;
  if (withAsterisk) await ensureTestAsterisk();
  const env = withAsterisk ? testEnv() : { ariUrl: 'http://127.0.0.1:9', ariUser: 'switchboard', ariPassword: 'switchboard' };
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
    MEDIA_URL_SECRET: TEST_MEDIA_URL_SECRET,
    ...options.env,
  });
  const app = createApp(config, { logger: options.logger ?? createLogger(config.logLevel), ariWaitMs: withAsterisk ? 15_000 : 10, staticDir: options.staticDir, clock: options.clock });
  await app.start();
  if (withAsterisk && !app.ari.connection.connected) throw new Error(`Switchboard could not reach ARI at ${env.ariUrl}: is the test Asterisk up (npm run asterisk up)?`);
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
