import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { createApp, type SwitchboardApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { seedDemo } from '../../../src/demo/seed.js';
import { createLogger } from '../../../src/log.js';
import { freshTestDatabase, TEST_STORES, type TestDatabase } from '../../support/test-store.js';
import { routesOf, type ApiRoute } from '../../support/route-table.js';

/** Odd values for path parameters: valid ids, nonsense, huge numbers, traversal, unicode. */
const pathValue = fc.oneof(
  fc.constantFrom('1', '2', '3', '5', '9', '0', '-1', '99999999999999999999', '1.5', 'abc', '..', '%00', '%E0%A4%A', 'null', '1e3', ' 1'),
  fc.string({ maxLength: 12 }).map((s) => encodeURIComponent(s) || 'x'),
);

/** Bodies: any JSON value, objects with plausible field names and wrong types, or not JSON at all. */
const fieldNames = ['extension', 'name', 'email', 'role', 'type', 'services', 'locations', 'dids', 'password', 'pin', 'login', 'userId', 'reason',
  'enabled', 'mode', 'assistants', 'filtering', 'screening', 'alerting', 'criteria', 'greeting', 'hours', 'holidays', 'noAnswerSeconds', 'backupUserId', 'id', 'number'];
const body = fc.oneof(
  fc.jsonValue().map((v) => ({ raw: JSON.stringify(v) })),
  fc.dictionary(fc.constantFrom(...fieldNames), fc.jsonValue(), { maxKeys: 5 }).map((v) => ({ raw: JSON.stringify(v) })),
  fc.constantFrom('{', '{"a":', 'null', '[]', '""', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', 'NaN', '\u0000', '{"extension":"1001".}')
    .map((raw) => ({ raw })),
  fc.string({ maxLength: 40 }).map((raw) => ({ raw })),
);

for (const store of TEST_STORES) describe(`faults: random and malformed requests on every API route, on ${store} (property-based)`, function () {
  this.timeout(120_000);
  let app: SwitchboardApp;
  let dir: string;
  let database: TestDatabase;
  let baseUrl: string;
  let routes: ApiRoute[];
  const tokens: Record<string, string> = {};
  const failures: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-fuzz-'));
    database = await freshTestDatabase(store, dir);
    // No Asterisk: the API must stay well-behaved without it (ARI calls fail as 503, not 500).
    const config = loadConfig({ ARI_URL: 'http://127.0.0.1:9', DATABASE_URL: database.url, HTTP_PORT: '0', LOG_LEVEL: 'silent', RECORDINGS_DIR: join(dir, 'rec') });
    app = createApp(config, { logger: createLogger('silent'), ariWaitMs: 10 });
    await app.start();
    await seedDemo(app.db);
    baseUrl = `http://127.0.0.1:${app.httpPort}`;
    // Logging out would end the fuzzer's own session; it is exercised once, at the end.
    routes = routesOf(app.http).filter((r) => !r.path.endsWith('/auth/logout'));
    for (const [who, login] of [['admin', '1001'], ['executive', '1002'], ['assistant', '1003'], ['user', '1007']] as const) {
      const response = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: 'switchboard' }) });
      tokens[who] = ((await response.json()) as { token: string }).token;
    }
  });
  after(async () => {
    await app?.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the routes to fuzz', () => {
    expect(routes.length).to.be.greaterThan(10);
    expect(routes.map((r) => `${r.method} ${r.path}`)).to.include.members(['POST /api/auth/login', 'PATCH /api/users/:id']);
  });

  /** One request; false (and a line in `failures`) when it gets a 5xx or no answer. */
  async function probe(pick: number, who: string, values: string[], payload: { raw: string }, query: string): Promise<boolean> {
    const route = routes[pick % routes.length]!;
    let i = 0;
    const path = route.path.replace(/:[A-Za-z]+/g, () => values[i++ % values.length]!);
    const url = `${baseUrl}${path}${query ? `?q=${encodeURIComponent(query)}&${encodeURIComponent(query)}=1` : ''}`;
    const hasBody = !['GET', 'HEAD', 'DELETE'].includes(route.method);
    const what = `${route.method} ${path} as ${who} with ${payload.raw.slice(0, 80)}`;
    const response = await fetch(url, {
      signal: AbortSignal.timeout(5000),
      method: route.method,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...(who !== 'nobody' ? { authorization: `Bearer ${tokens[who]}` } : {}) },
      body: hasBody ? payload.raw : undefined,
    }).catch((error: Error) => { failures.push(`${what}: no answer (${error.message})`); return undefined; });
    if (!response) return false;
    // A live event stream (/api/live) never ends by design: its status is the answer.
    if (response.headers.get('content-type')?.includes('text/event-stream')) { await response.body?.cancel(); return response.status < 500; }
    const text = await response.text().catch((error: Error) => { failures.push(`${what}: ${response.status}, then the body never ended (${error.message})`); return undefined; });
    if (text === undefined) return false;
    const unreachable = response.status === 503 && /asterisk|ari/i.test(text);
    if (response.status >= 500 && !unreachable) failures.push(`${what} → ${response.status} ${text.slice(0, 200)}`);
    return response.status < 500 || unreachable;
  }

  it('no request gets a 5xx (except 503 when Asterisk is unreachable), and the server keeps answering', async () => {
    await fc.assert(fc.asyncProperty(
      fc.nat({ max: 10_000 }), fc.constantFrom('admin', 'executive', 'assistant', 'user', 'nobody'), fc.array(pathValue, { minLength: 3, maxLength: 3 }), body, fc.string({ maxLength: 20 }),
      async (pick, who, values, payload, query) => {
        try { return await probe(pick, who, values, payload, query); } catch (error) { failures.push(`threw: ${(error as Error).stack?.slice(0, 400)}`); return false; }
      }), { numRuns: Number(process.env.FUZZ_RUNS ?? 1000), endOnFailure: true }).catch((error: unknown) => { failures.push(String(error).slice(0, 600)); });
    expect(failures).to.deep.equal([]);
  });

  it('afterwards, nothing is lost: the administrator still signs in and sees the organisation', async () => {
    const health = await fetch(`${baseUrl}/api/health`);
    expect(health.status, 'the process still answers (503 only because no Asterisk)').to.be.oneOf([200, 503]);
    const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'olivia@acme.example', password: 'switchboard' }) });
    expect(login.status).to.equal(200);
    const users = await fetch(`${baseUrl}/api/users`, { headers: { authorization: `Bearer ${tokens.admin}` } });
    expect(users.status).to.equal(200);
    const logout = await fetch(`${baseUrl}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' }, body: '{' });
    expect(logout.status).to.be.lessThan(500);
  });
});
