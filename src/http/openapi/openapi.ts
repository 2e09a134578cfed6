import { OpenApiGeneratorV31, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { LiveEvent } from '../../calls/live-events.js';
import type { LiveSnapshot } from '../live/live-state.js';
import { describeUserApi } from '../../users/api/user-openapi.js';
import { describeOrganisationApi } from '../../users/api/organisation-openapi.js';
import { MEDIA_PROBE_PATH } from '../media-probe.js';
import { auditQuery, auditView } from '../audit-schemas.js';
import { describeAuthApi } from '../auth/auth-openapi.js';
import { describeRoute, documents, type ApiDescriber } from './describe.js';
import { z } from './zod.js';

/** Every route described, with the zod schemas of its request and responses (tests read them). */
export function apiRegistry(featureDescribers: ApiDescriber[] = []): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  registry.registerComponent('securitySchemes', 'cookie', {
    type: 'apiKey', in: 'cookie', name: 'sb_session', description: 'plus the X-CSRF-Token header on POST, PUT, PATCH and DELETE',
  });
  for (const describe of [describeOperations, describeAuthApi, describeUserApi, describeOrganisationApi, describeAuditAndLive, ...featureDescribers]) describe(registry);
  return registry;
}

/**
 * The REST API's OpenAPI 3.1 description, served at /api/openapi.json, generated from
 * the zod schemas the routes validate with (zod-to-openapi): the core describes its
 * routes here, each feature through `Feature.describeApi`. The portal's types
 * (portal/src/api-types.ts) are generated from this document in turn.
 */
export function openApiDocument(featureDescribers: ApiDescriber[] = []): Record<string, unknown> {
  const registry = apiRegistry(featureDescribers);
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Switchboard API', version: '0.1.0',
      description: 'Executive/Assistant and Attendant services for Asterisk. Errors are RFC 9457 problem+json with a stable `code`. '
        + 'Authenticate with `Authorization: Bearer <token>` from /auth/login, or with the session cookie; cookie-authenticated requests that change something send `X-CSRF-Token`.',
    },
    servers: [{ url: '/api' }],
    security: [{ bearer: [] }, { cookie: [] }],
  }) as unknown as Record<string, unknown>;
  return withoutNullParameters(document);
}

/**
 * zod-to-openapi marks a `z.coerce.number()` parameter nullable because coercion turns
 * null into 0; a query string or path segment is never JSON null, so say so.
 */
function withoutNullParameters(document: Record<string, unknown>): Record<string, unknown> {
  const paths = document.paths as Record<string, Record<string, { parameters?: Array<{ schema?: { type?: unknown } }> }>>;
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      for (const parameter of operation.parameters ?? []) {
        const type = parameter.schema?.type;
        if (Array.isArray(type)) parameter.schema!.type = type.length === 2 && type.includes('null') ? type.find((t) => t !== 'null') : type.filter((t) => t !== 'null');
      }
    }
  }
  return document;
}

const healthView = z.object({
  status: z.enum(['ok', 'degraded']),
  role: z.enum(['leader', 'standby']).describe('a standby (PostgreSQL, two controllers) is healthy without ARI: the leader holds the Stasis application'),
  ari: z.object({ connected: z.boolean(), reconnects: z.number().int() }),
  store: z.object({ ok: z.boolean() }),
});

function describeOperations(registry: OpenAPIRegistry): void {
  const tag = 'operations';
  describeRoute(registry, {
    method: 'get', path: '/openapi.json', tag, public: true, summary: 'This description (OpenAPI 3.1)',
    responses: { 200: z.record(z.unknown()) },
  });
  describeRoute(registry, {
    method: 'get', path: '/docs', tag, public: true, summary: 'This description as a readable page',
    responses: { 200: { description: 'HTML', content: { 'text/html': { schema: z.string() } } } },
  });
  describeRoute(registry, {
    method: 'get', path: '/health', tag, public: true, summary: 'ARI and store health',
    responses: { 200: healthView, 503: { schema: healthView, description: 'Degraded: ARI not connected or the store not answering' } },
  });
  describeRoute(registry, {
    method: 'get', path: MEDIA_PROBE_PATH.replace(/^\/api/, ''), tag, public: true,
    summary: 'For `switchboard doctor`: a fifth of a second of silence Asterisk fetches, to prove it can play media from the controller',
    responses: { 200: { description: 'WAV', content: { 'audio/wav': { schema: z.string().describe('binary') } } } },
  });
}

const liveLine = z.object({
  channelId: z.string(), userId: z.number().int(), organisationId: z.number().int(), device: z.string(),
  state: z.enum(['ringing', 'calling', 'talking', 'on-hold']),
  peer: z.object({ name: z.string(), number: z.string() }).describe('the other party as the phone shows it'),
  since: z.string().describe('ISO-8601 time'),
  callId: z.string().nullable().describe('the call the line is part of, as every log line of the call names it (the call\'s first channel id); null: no session holds the channel'),
});
const liveUser = z.object({
  id: z.number().int(), organisationId: z.number().int(), name: z.string(), extension: z.string(), services: z.array(z.string()),
  filtering: z.boolean().nullable().describe('executive call filtering; null when the user is no executive'),
  outOfOffice: z.boolean().nullable().describe('out of office now; null when unknown'),
  agentLoggedIn: z.boolean().nullable().describe('an agent logged in (*50) or out (*51); null when the user is no agent'),
});
const liveSnapshot = z.object({ lines: z.array(liveLine), users: z.array(liveUser) })
  .openapi('LiveSnapshot', { description: 'Sent as the `snapshot` event of /api/live; each replaces the last' });
documents<z.infer<typeof liveSnapshot>, LiveSnapshot>();

const liveActivity = z.object({
  organisationId: z.number().int(),
  kind: z.string().describe('the feature\'s event, e.g. out-of-office, filtering'),
  userIds: z.array(z.number().int()).describe('the users it concerns'),
  data: z.record(z.unknown()),
  at: z.string().describe('ISO-8601 time'),
}).openapi('LiveActivity', { description: 'Sent as the `activity` event of /api/live' });
documents<z.infer<typeof liveActivity>, LiveEvent>();

function describeAuditAndLive(registry: OpenAPIRegistry): void {
  registry.register('LiveActivity', liveActivity);
  describeRoute(registry, {
    method: 'get', path: '/audit', tag: 'audit', summary: 'Administrators: the organisation\'s audit log (impersonations and the changes made in them), newest first',
    query: auditQuery, responses: { 200: auditView }, problems: { 403: 'Administrators only' },
  });
  describeRoute(registry, {
    method: 'get', path: '/live', tag: 'live', summary: 'Server-sent events: `snapshot` (LiveSnapshot, whole state each time) and `activity` (LiveActivity, a feature\'s event)',
    responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: liveSnapshot } } } },
  });
}
