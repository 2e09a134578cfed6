import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { MediaSigner } from '../../../src/http/media-signature.js';
import { TEST_MEDIA_URL_SECRET } from '../../support/switchboard.js';
import { TEST_STORES } from '../../support/test-store.js';

/** A synthesised name's file, as the attendant names them. */
const ROUTE_CHECK_NAME = 'name-0123456789abcdef.wav';
/**
 * A call id of the console's form that is no call now: Alice is let in and told so (404
 * no-such-call); test/integration/executive/assistant-console-access.test.ts acts on real calls.
 */
const NO_CALL = 'executive-00000000';
/** An uploaded company greeting's file, as the attendant names them. */
const ROUTE_CHECK_COMPANY_GREETING = 'org1-business-hours-0123456789abcdef01234567.wav';
const signedMediaPath = (kind: 'greetings' | 'messages', name: string) =>
  `/api/voicemail/media/${kind}/${new MediaSigner(Buffer.from(TEST_MEDIA_URL_SECRET)).sign(kind, name, Date.now())}`;
import { DEMO_PASSWORD } from '../../../src/demo/seed.js';
import { addHoliday } from '../../../src/features/attendant/settings/attendant-settings.js';
import { registerMessage } from '../../../src/features/voicemail/settings/message-repository.js';
import { hashSecret } from '../../../src/users/password.js';
import { createOrganisation } from '../../../src/users/settings/organisation-repository.js';
import { createUser } from '../../../src/users/settings/user-repository.js';
import { ApiClient } from '../../support/api-client.js';
import { routesOf } from '../../support/route-table.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';

/**
 * Every API route against every kind of caller (issue 12), read from express's own route
 * table: a route added without an entry below fails the first test, so nobody forgets to
 * decide who may call it. "Let in" is any answer but 401/403/404 (and no 5xx); "kept out"
 * is 401 for the anonymous caller, 403 or 404 for everyone else.
 *
 * The callers, all Acme Corp's but Gina: Bob (a plain user), Alice (assistant in Erin's
 * pool), Erin (executive), Olivia (administrator), Olivia impersonating Bob, Gina (Globex's
 * administrator) and Sam (Acme administrator and system administrator). Resources named by
 * id are Acme's: Bob's account and mailbox, Erin's executive settings, Alice's assistant
 * settings.
 */
const ROLES = ['anonymous', 'user', 'assistant', 'executive', 'impersonating', 'otherAdmin', 'systemAdmin', 'admin'] as const;
type Role = (typeof ROLES)[number];
const only = (...roles: Role[]): ReadonlySet<Role> => new Set(roles);

const EVERYONE = only(...ROLES);
const SIGNED_IN = only('user', 'assistant', 'executive', 'impersonating', 'otherAdmin', 'systemAdmin', 'admin');
/** Administrators, each on their own organisation (the route takes no id). */
const ANY_ADMIN = only('admin', 'systemAdmin', 'otherAdmin');
/** Administrators of Acme, where the resource is (Globex's admin gets a 404). */
const ACME_ADMIN = only('admin', 'systemAdmin');
const BOB_OR_ACME_ADMIN = only('user', 'impersonating', 'admin', 'systemAdmin');
/** A mailbox is its owner's alone, administrators included. */
const BOB_ONLY = only('user', 'impersonating');
const ERIN_POOL_OR_ADMIN = only('executive', 'assistant', 'admin', 'systemAdmin');
const ERIN_OR_ADMIN = only('executive', 'admin', 'systemAdmin');
const ALICE_OR_ADMIN = only('assistant', 'admin', 'systemAdmin');
const SYSTEM_ADMIN = only('systemAdmin');
/** The assistant console: an assistant in the executive's pool, acting as themselves; nobody else, administrators included. */
const ALICE_ONLY = only('assistant');
const IMPERSONATING = only('impersonating');
/** A call id of the console's form that no call has: administrators are let through to a 404. */
const NO_ATTENDANT_CALL = 'attendant-00000000';
const NO_SUCH_CALL: Entry['status'] = { admin: 404, systemAdmin: 404, otherAdmin: 404 };

interface Fixtures { acme: number; bob: number; mary: number; erin: number; alice: number; run: number; message(): Promise<{ id: number; token: string }>; holiday(): Promise<number>; victim(): Promise<number> }
interface Entry {
  access: ReadonlySet<Role>;
  path?: (f: Fixtures) => string | Promise<string>;
  body?: (f: Fixtures) => unknown;
  text?: { type: string; data: string };
  /** The route ends the session it is called with: each caller gets a new one. */
  endsSession?: boolean;
  /** A caller let in whose valid-looking request is still refused as invalid, with this status. */
  status?: Partial<Record<Role, number>>;
}

const ACCESS: Record<string, Entry> = {
  'GET /api/health': { access: EVERYONE },
  'GET /api/openapi.json': { access: EVERYONE },
  'GET /api/docs': { access: EVERYONE },
  'POST /api/auth/login': { access: EVERYONE, body: () => ({ login: '1008', password: DEMO_PASSWORD }) },
  'POST /api/auth/logout': { access: SIGNED_IN, endsSession: true },
  'GET /api/auth/me': { access: SIGNED_IN },
  'POST /api/auth/impersonate': { access: ACME_ADMIN, body: (f) => ({ userId: f.mary, reason: 'route table check' }) },
  'POST /api/auth/impersonate/stop': { access: IMPERSONATING, endsSession: true },

  'GET /api/users': { access: ANY_ADMIN },
  'POST /api/users': { access: ANY_ADMIN, body: (f) => ({ extension: String(3000 + f.run), name: `Route Check ${f.run}`, locations: [] }) },
  'GET /api/users/:id': { access: BOB_OR_ACME_ADMIN, path: (f) => `/api/users/${f.bob}` },
  'PATCH /api/users/:id': { access: BOB_OR_ACME_ADMIN, path: (f) => `/api/users/${f.bob}`, body: () => ({ name: 'Bob Smith' }) },
  'DELETE /api/users/:id': { access: ACME_ADMIN, path: async (f) => `/api/users/${await f.victim()}` },
  'GET /api/users/:id/locations': { access: BOB_OR_ACME_ADMIN, path: (f) => `/api/users/${f.bob}/locations` },
  'PUT /api/users/:id/locations': { access: ACME_ADMIN, path: (f) => `/api/users/${f.bob}/locations`, body: () => ({ locations: [{ kind: 'primary', address: 'PJSIP/1007', ringsForIncoming: true }] }) },
  'GET /api/users/:id/dids': { access: BOB_OR_ACME_ADMIN, path: (f) => `/api/users/${f.bob}/dids` },
  'PUT /api/users/:id/dids': { access: ACME_ADMIN, path: (f) => `/api/users/${f.bob}/dids`, body: () => ({ dids: [] }) },

  'GET /api/organisations': { access: SYSTEM_ADMIN },
  'POST /api/organisations': { access: SYSTEM_ADMIN, body: (f) => ({ name: `Tenant ${f.run}`, admin: { extension: '1001', name: 'First Admin', email: `admin${f.run}@tenant.example`, password: 'tenant-secret' } }) },
  'PUT /api/organisations/:id/node': { access: SYSTEM_ADMIN, path: (f) => `/api/organisations/${f.acme}/node`, body: () => ({ node: null }) },
  'GET /api/nodes': { access: SYSTEM_ADMIN },
  'GET /api/audit': { access: ANY_ADMIN },
  'GET /api/live': { access: SIGNED_IN },

  // What Asterisk fetches: no session, a signed path that expires (anyone holding a valid one).
  'GET /api/voicemail/media/messages/:expires/:signature/:file': { access: EVERYONE, path: async (f) => signedMediaPath('messages', `${(await f.message()).token}.wav`) },
  'GET /api/voicemail/media/greetings/:expires/:signature/:file': { access: EVERYONE, path: () => signedMediaPath('greetings', 'route-check.wav') },
  'GET /api/attendant/media/names/:expires/:signature/:file': { access: EVERYONE, path: () => `/api/attendant/media/names/${new MediaSigner(Buffer.from(TEST_MEDIA_URL_SECRET)).sign('names', ROUTE_CHECK_NAME, Date.now())}` },
  'GET /api/attendant/media/greetings/:expires/:signature/:file': { access: EVERYONE, path: () => `/api/attendant/media/greetings/${new MediaSigner(Buffer.from(TEST_MEDIA_URL_SECRET)).sign('company-greetings', ROUTE_CHECK_COMPANY_GREETING, Date.now())}` },
  'GET /api/media-probe.wav': { access: EVERYONE },
  'GET /api/voicemail/messages': { access: SIGNED_IN },
  'GET /api/voicemail/messages/:id': { access: BOB_ONLY, path: async (f) => `/api/voicemail/messages/${(await f.message()).id}` },
  'GET /api/voicemail/messages/:id/audio': { access: BOB_ONLY, path: async (f) => `/api/voicemail/messages/${(await f.message()).id}/audio` },
  'PATCH /api/voicemail/messages/:id': { access: BOB_ONLY, path: async (f) => `/api/voicemail/messages/${(await f.message()).id}`, body: () => ({ read: true }) },
  'DELETE /api/voicemail/messages/:id': { access: BOB_ONLY, path: async (f) => `/api/voicemail/messages/${(await f.message()).id}` },
  'POST /api/voicemail/messages/:id/email': { access: BOB_ONLY, path: async (f) => `/api/voicemail/messages/${(await f.message()).id}/email`, body: () => ({ to: 'bob@acme.example', attachAudio: false }) },
  'POST /api/voicemail/messages/:id/forward': { access: BOB_ONLY, path: async (f) => `/api/voicemail/messages/${(await f.message()).id}/forward`, body: (f) => ({ userIds: [f.mary] }) },
  'GET /api/voicemail/settings': { access: SIGNED_IN },
  'PUT /api/voicemail/settings': { access: SIGNED_IN, body: () => ({ notify: 'none' }) },
  'GET /api/voicemail/storage': { access: SIGNED_IN },
  // Not a WAV: everyone signed in reaches their own mailbox and is told the body is wrong.
  'PUT /api/voicemail/greetings/:kind': { access: SIGNED_IN, path: () => '/api/voicemail/greetings/busy', text: { type: 'audio/wav', data: 'not audio' } },
  'DELETE /api/voicemail/greetings/:kind': { access: SIGNED_IN, path: () => '/api/voicemail/greetings/busy' },
  'GET /api/voicemail/organisation-settings': { access: ANY_ADMIN },
  'PUT /api/voicemail/organisation-settings': { access: ANY_ADMIN, body: () => ({ retentionDays: 30 }) },
  'POST /api/voicemail/mailboxes/:userId/unlock': { access: ACME_ADMIN, path: (f) => `/api/voicemail/mailboxes/${f.bob}/unlock` },
  'GET /api/voicemail/mailboxes/:userId/storage': { access: ACME_ADMIN, path: (f) => `/api/voicemail/mailboxes/${f.bob}/storage` },

  'GET /api/executives/:id': { access: ERIN_POOL_OR_ADMIN, path: (f) => `/api/executives/${f.erin}` },
  'GET /api/executives/:id/filtering': { access: ERIN_POOL_OR_ADMIN, path: (f) => `/api/executives/${f.erin}/filtering` },
  'PUT /api/executives/:id/filtering': { access: ERIN_POOL_OR_ADMIN, path: (f) => `/api/executives/${f.erin}/filtering`, body: () => ({ enabled: false }) },
  'GET /api/executives/:id/screening': { access: ERIN_POOL_OR_ADMIN, path: (f) => `/api/executives/${f.erin}/screening` },
  'PUT /api/executives/:id/screening': { access: ERIN_POOL_OR_ADMIN, path: (f) => `/api/executives/${f.erin}/screening`, body: () => ({ enabled: false }) },
  'GET /api/executives/:id/alerting': { access: ERIN_POOL_OR_ADMIN, path: (f) => `/api/executives/${f.erin}/alerting` },
  'PUT /api/executives/:id/alerting': { access: ERIN_POOL_OR_ADMIN, path: (f) => `/api/executives/${f.erin}/alerting`, body: () => ({ pushRecallRings: 4 }) },
  'GET /api/executives/:id/assistants': { access: ERIN_OR_ADMIN, path: (f) => `/api/executives/${f.erin}/assistants` },
  'PUT /api/executives/:id/assistants': { access: ERIN_OR_ADMIN, path: (f) => `/api/executives/${f.erin}/assistants`, body: () => ({ allowOptInOut: true }) },
  'GET /api/assistant-console': { access: ALICE_ONLY },
  'POST /api/assistant-console/executives/:executiveId/calls/:callId/take': { access: ALICE_ONLY, path: (f) => `/api/assistant-console/executives/${f.erin}/calls/${NO_CALL}/take`, status: { assistant: 404 } },
  'POST /api/assistant-console/executives/:executiveId/calls/:callId/voicemail': { access: ALICE_ONLY, path: (f) => `/api/assistant-console/executives/${f.erin}/calls/${NO_CALL}/voicemail`, status: { assistant: 404 } },
  'POST /api/assistant-console/executives/:executiveId/calls/:callId/forward': { access: ALICE_ONLY, path: (f) => `/api/assistant-console/executives/${f.erin}/calls/${NO_CALL}/forward`, body: () => ({ number: '1007' }), status: { assistant: 404 } },
  'POST /api/assistant-console/executives/:executiveId/calls/:callId/push': { access: ALICE_ONLY, path: (f) => `/api/assistant-console/executives/${f.erin}/calls/${NO_CALL}/push`, status: { assistant: 404 } },
  'POST /api/assistant-console/executives/:executiveId/calls/:callId/hold': { access: ALICE_ONLY, path: (f) => `/api/assistant-console/executives/${f.erin}/calls/${NO_CALL}/hold`, status: { assistant: 404 } },
  'POST /api/assistant-console/executives/:executiveId/calls/:callId/resume': { access: ALICE_ONLY, path: (f) => `/api/assistant-console/executives/${f.erin}/calls/${NO_CALL}/resume`, status: { assistant: 404 } },
  'POST /api/assistant-console/executives/:executiveId/calls/:callId/transfer': { access: ALICE_ONLY, path: (f) => `/api/assistant-console/executives/${f.erin}/calls/${NO_CALL}/transfer`, body: () => ({ number: '1007' }), status: { assistant: 404 } },
  // Let in, and told there is no answered call of Erin's to act on (409), or (call) her phone rings.
  'POST /api/assistant-console/executives/:executiveId/retrieve': { access: ALICE_ONLY, path: (f) => `/api/assistant-console/executives/${f.erin}/retrieve` },
  'POST /api/assistant-console/executives/:executiveId/bridge': { access: ALICE_ONLY, path: (f) => `/api/assistant-console/executives/${f.erin}/bridge` },
  'POST /api/assistant-console/executives/:executiveId/call': { access: ALICE_ONLY, path: (f) => `/api/assistant-console/executives/${f.erin}/call`, body: () => ({ number: '1007' }) },
  'GET /api/assistants/:id/settings': { access: ALICE_OR_ADMIN, path: (f) => `/api/assistants/${f.alice}/settings` },
  'PUT /api/assistants/:id/settings': { access: ALICE_OR_ADMIN, path: (f) => `/api/assistants/${f.alice}/settings`, body: () => ({ divert: { enabled: false, number: null } }) },
  'PUT /api/assistants/:id/executives/:execId/opt-in': { access: ALICE_OR_ADMIN, path: (f) => `/api/assistants/${f.alice}/executives/${f.erin}/opt-in`, body: () => ({ optedIn: true }) },

  'GET /api/attendant/directory': { access: SIGNED_IN, path: () => '/api/attendant/directory?q=mary' },
  'GET /api/attendant/settings': { access: ANY_ADMIN },
  'PATCH /api/attendant/settings': { access: ANY_ADMIN, body: () => ({ maxAttempts: 3 }) },
  'GET /api/attendant/greetings': { access: ANY_ADMIN },
  // Not a WAV: an administrator reaches their own organisation's greeting and is told the body is wrong.
  'PUT /api/attendant/greetings/:kind': { access: ANY_ADMIN, path: () => '/api/attendant/greetings/holiday', text: { type: 'audio/wav', data: 'not audio' } },
  'DELETE /api/attendant/greetings/:kind': { access: ANY_ADMIN, path: () => '/api/attendant/greetings/holiday' },
  'GET /api/attendant/business-hours': { access: SIGNED_IN },
  'PUT /api/attendant/business-hours': { access: ANY_ADMIN, body: () => ({ hours: [{ dayOfWeek: 1, opens: '09:00', closes: '17:00' }] }) },
  'GET /api/attendant/holidays': { access: SIGNED_IN },
  'POST /api/attendant/holidays': { access: ANY_ADMIN, body: () => ({ name: 'Route check day', startsOn: '2031-01-02' }) },
  'DELETE /api/attendant/holidays/:id': { access: ACME_ADMIN, path: async (f) => `/api/attendant/holidays/${await f.holiday()}` },
  'GET /api/attendant/users/:id/out-of-office': { access: BOB_OR_ACME_ADMIN, path: (f) => `/api/attendant/users/${f.bob}/out-of-office` },
  'PUT /api/attendant/users/:id/out-of-office': { access: BOB_OR_ACME_ADMIN, path: (f) => `/api/attendant/users/${f.bob}/out-of-office`, body: () => ({ startsAt: '2031-01-01T00:00:00Z', endsAt: '2031-01-02T00:00:00Z' }) },
  'DELETE /api/attendant/users/:id/out-of-office': { access: BOB_OR_ACME_ADMIN, path: (f) => `/api/attendant/users/${f.bob}/out-of-office` },
  'PUT /api/attendant/users/:id/agent-login': { access: BOB_OR_ACME_ADMIN, path: (f) => `/api/attendant/users/${f.bob}/agent-login`, body: () => ({ loggedIn: true }) },
  // Globex's administrator may use bulk changes, but Acme's users are not in their organisation.
  'POST /api/attendant/users/bulk': { access: ANY_ADMIN, body: (f) => ({ userIds: [f.bob], set: { loggedIn: true } }), status: { otherAdmin: 400 } },
  'GET /api/attendant/users.csv': { access: ANY_ADMIN },
  'POST /api/attendant/users.csv': { access: ANY_ADMIN, text: { type: 'text/csv', data: 'extension,name\r\n1008,Carol White\r\n' } },
  // The operator console: Acme's operator is Olivia, an administrator; each administrator sees their own
  // organisation's console. No call is in progress here: admins get past the gate to "no such call".
  'GET /api/attendant/console': { access: ANY_ADMIN },
  'GET /api/attendant/console/live': { access: ANY_ADMIN },
  'POST /api/attendant/console/calls/:callId/transfer': { access: ANY_ADMIN, path: () => `/api/attendant/console/calls/${NO_ATTENDANT_CALL}/transfer`, body: (f) => ({ userId: f.mary }), status: NO_SUCH_CALL },
  'POST /api/attendant/console/calls/:callId/voicemail': { access: ANY_ADMIN, path: () => `/api/attendant/console/calls/${NO_ATTENDANT_CALL}/voicemail`, body: (f) => ({ userId: f.mary }), status: NO_SUCH_CALL },
  'POST /api/attendant/console/calls/:callId/park': { access: ANY_ADMIN, path: () => `/api/attendant/console/calls/${NO_ATTENDANT_CALL}/park`, status: NO_SUCH_CALL },
  'POST /api/attendant/console/calls/:callId/hangup': { access: ANY_ADMIN, path: () => `/api/attendant/console/calls/${NO_ATTENDANT_CALL}/hangup`, status: NO_SUCH_CALL },
  'POST /api/attendant/console/parked/:slot/pickup': { access: ANY_ADMIN, path: () => '/api/attendant/console/parked/1/pickup', status: NO_SUCH_CALL },
};

for (const store of TEST_STORES) describe(`route × role: every API route decides who may call it, on ${store}`, function () {
  this.timeout(180_000);
  let sb: RunningSwitchboard;
  let routes: string[];
  const fixtures = {} as Fixtures;
  const tokens = new Map<Role, string | undefined>();

  const signIn = async (login: string): Promise<string> => {
    const res = await new ApiClient(sb.baseUrl).post<{ token: string }>('/api/auth/login', { login, password: DEMO_PASSWORD });
    if (res.status !== 200) throw new Error(`sign-in as ${login}: ${res.status}`);
    return res.body.token;
  };
  const sessionFor = async (role: Role): Promise<string | undefined> => {
    switch (role) {
      case 'anonymous': return undefined;
      case 'user': return signIn('bob@acme.example');
      case 'assistant': return signIn('alice@acme.example');
      case 'executive': return signIn('erin@acme.example');
      case 'admin': return signIn('olivia@acme.example');
      case 'otherAdmin': return signIn('gina@globex.example');
      case 'systemAdmin': return signIn('sam@acme.example');
      case 'impersonating': {
        const res = await new ApiClient(sb.baseUrl, await signIn('olivia@acme.example')).post<{ token: string }>('/api/auth/impersonate', { userId: fixtures.bob, reason: 'route table check' });
        return res.body.token;
      }
    }
  };

  before(async () => {
    sb = await startSwitchboard({ store, seed: true });
    const demo = sb.demo!;
    const globex = await createOrganisation(sb.app.db, { name: 'Globex' });
    const passwordHash = await hashSecret(DEMO_PASSWORD);
    await createUser(sb.app.db, globex.id, { extension: '1001', name: 'Gina Globex', email: 'gina@globex.example', role: 'admin', locations: [], passwordHash });
    await createUser(sb.app.db, demo.organisationId, { extension: '1099', name: 'Sam System', email: 'sam@acme.example', role: 'admin', systemAdmin: true, locations: [], passwordHash });
    const bob = demo.directory.find((u) => u.extension === '1007')!;
    const mary = demo.directory.find((u) => u.extension === '1005')!;
    // A second of silence, 8 kHz mono 16-bit: what a voicemail message and a greeting are on disk.
    const samples = Buffer.alloc(16_000);
    const header = Buffer.alloc(44);
    header.write('RIFF', 0); header.writeUInt32LE(36 + samples.length, 4); header.write('WAVEfmt ', 8); header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20); header.writeUInt16LE(1, 22); header.writeUInt32LE(8000, 24); header.writeUInt32LE(16_000, 28);
    header.writeUInt16LE(2, 32); header.writeUInt16LE(16, 34); header.write('data', 36); header.writeUInt32LE(samples.length, 40);
    const wav = Buffer.concat([header, samples]);
    mkdirSync(join(sb.config.recordingsDir, 'messages'), { recursive: true });
    mkdirSync(join(sb.config.recordingsDir, 'greetings'), { recursive: true });
    writeFileSync(join(sb.config.recordingsDir, 'greetings', 'route-check.wav'), wav);
    writeFileSync(join(sb.config.attendantNameSounds.dir, ROUTE_CHECK_NAME), wav);
    mkdirSync(join(sb.config.recordingsDir, 'company-greetings'), { recursive: true });
    writeFileSync(join(sb.config.recordingsDir, 'company-greetings', ROUTE_CHECK_COMPANY_GREETING), wav);
    let made = 0;
    Object.assign(fixtures, {
      acme: demo.organisationId, bob: bob.id, mary: mary.id, erin: demo.executive.id, alice: demo.assistants[0].id, run: 0,
      async message() {
        made += 1;
        const audioFile = `route-check-${made}.wav`;
        writeFileSync(join(sb.config.recordingsDir, 'messages', audioFile), wav);
        const { message } = await registerMessage(sb.app.db, {
          mailboxUserId: bob.id, recordingName: `route-check-${made}`, callerName: 'Caller', callerNumber: '5550001', reason: 'unavailable',
          receivedAt: new Date().toISOString(), durationSeconds: 1, sizeBytes: wav.length, audioFile,
        }, undefined, new Date());
        return { id: message.id, token: message.media_token };
      },
      async holiday() { return (await addHoliday(sb.app.db, demo.organisationId, { name: `Route check ${made += 1}`, startsOn: '2032-01-01' })).id; },
      async victim() { return (await createUser(sb.app.db, demo.organisationId, { extension: String(4000 + (made += 1)), name: 'Victim', locations: [] })).id; },
    });
    for (const role of ROLES) tokens.set(role, await sessionFor(role));
    routes = routesOf(sb.app.http).map((r) => `${r.method} ${r.path}`);
  });
  after(() => sb?.stop());

  it('every route in the route table has an access entry, and every entry is a route', () => {
    expect(routes.filter((r) => !(r in ACCESS)), 'routes with no access entry: decide who may call them').to.deep.equal([]);
    expect(Object.keys(ACCESS).filter((r) => !routes.includes(r)), 'entries for routes that no longer exist').to.deep.equal([]);
  });

  it('each caller is let in or kept out as the table says', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const entry = ACCESS[route];
      if (!entry) continue;
      const [method, pattern] = route.split(' ') as [string, string];
      for (const role of ROLES) {
        fixtures.run += 1;
        const token = entry.endsSession ? await sessionFor(role) : tokens.get(role);
        const path = entry.path ? await entry.path(fixtures) : pattern;
        const body = entry.text ? entry.text.data : entry.body ? JSON.stringify(entry.body(fixtures)) : method === 'GET' || method === 'DELETE' ? undefined : '{}';
        const response = await fetch(`${sb.baseUrl}${path}`, {
          method,
          signal: AbortSignal.timeout(10_000),
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': entry.text?.type ?? 'application/json' } : {}) },
          body,
        });
        const text = response.headers.get('content-type')?.includes('text/event-stream') ? (await response.body?.cancel(), '') : await response.text();
        const status = response.status;
        const expected = entry.status?.[role];
        const letIn = entry.access.has(role);
        const ok = expected !== undefined ? status === expected
          : letIn ? status < 500 && ![401, 403, 404].includes(status)
            : role === 'anonymous' ? status === 401 : status === 403 || status === 404;
        if (!ok) wrong.push(`${route} as ${role}: ${status} (expected ${expected ?? (letIn ? 'let in' : 'kept out')}) ${text.slice(0, 120)}`);
      }
    }
    expect(wrong).to.deep.equal([]);
  });
});
