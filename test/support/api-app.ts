import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type SwitchboardApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { seedDemo } from '../../src/demo/seed.js';
import { createLogger } from '../../src/log.js';
import { defaultTestStore, freshTestDatabase } from './test-store.js';

export interface ApiApp { app: SwitchboardApp; baseUrl: string; adminToken: string; stop(): Promise<void> }

/**
 * The controller in-process with the demo seeded and no Asterisk, for tests of the API
 * alone: its base URL and the demo administrator's (Olivia, 1001) bearer token.
 */
export async function startApiApp(name: string): Promise<ApiApp> {
  const dir = mkdtempSync(join(tmpdir(), `switchboard-${name}-`));
  const database = await freshTestDatabase(defaultTestStore(), dir);
  const config = loadConfig({ ARI_URL: 'http://127.0.0.1:9', DATABASE_URL: database.url, HTTP_PORT: '0', LOG_LEVEL: 'silent', RECORDINGS_DIR: join(dir, 'rec') });
  const app = createApp(config, { logger: createLogger('silent'), ariWaitMs: 10 });
  await app.start();
  await seedDemo(app.db);
  const baseUrl = `http://127.0.0.1:${app.httpPort}`;
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: '1001', password: 'switchboard' }) });
  const adminToken = ((await login.json()) as { token: string }).token;
  return {
    app, baseUrl, adminToken,
    async stop() {
      await app.stop();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
