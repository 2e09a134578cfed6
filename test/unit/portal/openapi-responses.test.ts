import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { expect } from 'chai';
import { z, type ZodTypeAny } from 'zod';
import { createApp, type SwitchboardApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { seedDemo } from '../../../src/demo/seed.js';
import { apiRegistry } from '../../../src/http/openapi/openapi.js';
import { createLogger } from '../../../src/log.js';

/** The schema with every object strict, however deep: a field the route sends but the document leaves out fails. */
function strictly(schema: ZodTypeAny): ZodTypeAny {
  if (schema instanceof z.ZodObject) return z.object(Object.fromEntries(Object.entries(schema.shape as Record<string, ZodTypeAny>).map(([k, v]) => [k, strictly(v)]))).strict();
  if (schema instanceof z.ZodArray) return z.array(strictly(schema.element as ZodTypeAny));
  if (schema instanceof z.ZodNullable) return strictly(schema.unwrap() as ZodTypeAny).nullable();
  if (schema instanceof z.ZodOptional) return strictly(schema.unwrap() as ZodTypeAny).optional();
  return schema;
}

describe('the OpenAPI description\'s responses are what the routes send', function () {
  this.timeout(30_000);
  let app: SwitchboardApp;
  let dir: string;
  let base: string;
  let routes: RouteConfig[];
  const checked: string[] = [];

  /** Calls the route as `token` and checks the JSON against the documented schema of the status it answers. */
  async function call(token: string, method: string, template: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${base}/api${path}`, {
      method: method.toUpperCase(),
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const route = routes.find((r) => r.method === method && r.path === template);
    expect(route, `${method} ${template} is described`).to.not.equal(undefined);
    const documented = route!.responses[response.status] as ResponseConfig | undefined;
    expect(documented, `${method} ${path} answered ${response.status}, which is not documented`).to.not.equal(undefined);
    const schema = documented!.content?.[response.headers.get('content-type')?.split(';')[0] ?? '']?.schema;
    const json: unknown = await response.json();
    if (schema instanceof z.ZodType) {
      const result = strictly(schema).safeParse(json);
      expect(result.success, `${method} ${path} → ${response.status}: ${result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`).to.equal(true);
      checked.push(`${method} ${template} ${response.status}`);
    }
    return json;
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-openapi-'));
    const config = loadConfig({ ARI_URL: 'http://127.0.0.1:9', DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, HTTP_PORT: '0', LOG_LEVEL: 'silent', RECORDINGS_DIR: join(dir, 'rec') });
    app = createApp(config, { logger: createLogger('silent'), ariWaitMs: 10 });
    await app.start();
    await seedDemo(app.db);
    base = `http://127.0.0.1:${app.httpPort}`;
    routes = apiRegistry(app.features.flatMap((f) => (f.describeApi ? [f.describeApi] : [])))
      .definitions.flatMap((d) => (d.type === 'route' ? [d.route] : []));
  });
  after(async () => {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('for every JSON read, as the administrator, an executive and an assistant, after an impersonation has been audited', async () => {
    const login = async (extension: string) => {
      const session = await call('', 'post', '/auth/login', '/auth/login', { login: extension, password: 'switchboard' }) as { token: string; user: { id: number } };
      return session;
    };
    const admin = await login('1001');
    const executive = await login('1002');
    const assistant = await login('1003');
    const bob = await login('1007');
    // An impersonation, so the audit log has entries to describe.
    const acting = await call(admin.token, 'post', '/auth/impersonate', '/auth/impersonate', { userId: bob.user.id, reason: 'checking the API description' }) as { token: string };
    await call(acting.token, 'post', '/auth/impersonate/stop', '/auth/impersonate/stop', {});

    const ids: Record<string, number> = { '/executives/{id}': executive.user.id, '/assistants/{id}': assistant.user.id };
    // Every read documented as JSON (audio, CSV, HTML and the event stream are other media types).
    const reads = routes.filter((r) => r.method === 'get' && (r.responses[200] as ResponseConfig | undefined)?.content?.['application/json'] !== undefined);
    for (const route of reads) {
      const id = Object.entries(ids).find(([prefix]) => route.path.startsWith(prefix))?.[1] ?? admin.user.id;
      const path = route.path.replace(/\{(id|userId)\}/g, String(id));
      if (route.path === '/voicemail/messages/{id}') continue; // no message in a fresh mailbox; the list is checked
      await call(route.path.startsWith('/executives') ? executive.token : route.path.startsWith('/assistants') ? assistant.token : admin.token, 'get', route.path, path);
    }
    // And as an assistant, the executive's view without the pool.
    await call(assistant.token, 'get', '/executives/{id}', `/executives/${executive.user.id}`);
    expect(checked.length).to.be.greaterThan(25);
    expect(checked).to.include.members(['get /audit 200', 'get /users/{id} 200', 'get /executives/{id} 200', 'get /voicemail/settings 200', 'get /attendant/settings 200', 'post /auth/impersonate 201']);
  });

  it('for the answers of changes: a user, a location list, filtering, out of office, a holiday', async () => {
    const admin = await call('', 'post', '/auth/login', '/auth/login', { login: '1001', password: 'switchboard' }) as { token: string; user: { id: number } };
    const created = await call(admin.token, 'post', '/users', '/users', { extension: '1234', name: 'Dana Docs', email: 'dana@acme.example' }) as { id: number };
    await call(admin.token, 'patch', '/users/{id}', `/users/${created.id}`, { noAnswerSeconds: 30 });
    await call(admin.token, 'put', '/users/{id}/locations', `/users/${created.id}/locations`, { locations: [{ kind: 'primary', address: 'PJSIP/1234' }] });
    await call(admin.token, 'put', '/users/{id}/dids', `/users/${created.id}/dids`, { dids: ['5559876'] });
    const executive = await call('', 'post', '/auth/login', '/auth/login', { login: '1002', password: 'switchboard' }) as { token: string; user: { id: number } };
    await call(executive.token, 'put', '/executives/{id}/filtering', `/executives/${executive.user.id}/filtering`, {
      enabled: true, mode: 'criteria', criteria: [{ name: 'Board', action: 'let-through', callers: { kind: 'listed', numbers: ['555*'] } }],
    });
    await call(executive.token, 'put', '/executives/{id}/alerting', `/executives/${executive.user.id}/alerting`, { ringsToAdvance: 3 });
    await call(admin.token, 'put', '/attendant/users/{id}/out-of-office', `/attendant/users/${created.id}/out-of-office`, {});
    await call(admin.token, 'post', '/attendant/holidays', '/attendant/holidays', { name: 'Docs day', startsOn: '2030-01-02' });
    await call(admin.token, 'patch', '/attendant/settings', '/attendant/settings', { maxAttempts: 4 });
    await call(admin.token, 'put', '/voicemail/settings', '/voicemail/settings', { notify: 'email' });
    await call(admin.token, 'put', '/voicemail/organisation-settings', '/voicemail/organisation-settings', { retentionDays: 30 });
    await call(admin.token, 'post', '/voicemail/mailboxes/{userId}/unlock', `/voicemail/mailboxes/${created.id}/unlock`, {});
    await call(admin.token, 'post', '/attendant/users/bulk', '/attendant/users/bulk', { userIds: [created.id], set: { loggedIn: false } });
    // A bad input is a documented 400 problem naming the field.
    await call(admin.token, 'post', '/users', '/users', { extension: 'x', name: 'Bad' });
    expect(checked).to.include.members(['post /users 201', 'post /users 400', 'put /executives/{id}/filtering 200', 'put /attendant/users/{id}/out-of-office 200']);
  });
});
