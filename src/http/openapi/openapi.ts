import { LOCATION_KINDS, ROLES, SERVICES, USER_TYPES } from '../../store/schema.js';

/**
 * The REST API's OpenAPI 3.1 description, served at /api/openapi.json. The portal uses
 * exactly these routes. Written by hand beside the zod schemas the routes validate
 * with; `test/browser` checks that every route the portal calls is described here.
 */
type Json = Record<string, unknown>;

export const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string): Json => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
export const jsonBody = (schema: Json): Json => ({ required: true, content: { 'application/json': { schema } } });
export const ok = (schema: Json, description = 'OK'): Json => ({ description, content: { 'application/json': { schema } } });
export const errors: Json = {
  400: problem('Invalid input; `fields` names each bad field'),
  401: problem('Not signed in'),
  403: problem('Not allowed (role, ownership, or missing X-CSRF-Token)'),
  404: problem('No such resource (or not in your organisation)'),
};
export const idParam = (name = 'id', description = 'user id'): Json => ({ name, in: 'path', required: true, description, schema: { type: 'integer' } });
export const op = (tag: string, summary: string, extra: Json = {}): Json => ({ tags: [tag], summary, responses: { 200: ok({}), ...errors }, ...extra });

const phone = { type: 'string', pattern: '^\\+?\\d{3,20}$' };
const location: Json = {
  type: 'object', required: ['kind', 'address'],
  properties: {
    id: { type: 'integer', readOnly: true }, kind: { enum: [...LOCATION_KINDS] },
    address: { type: 'string', description: 'Asterisk dial string (primary, shared) or phone number (anywhere, mobile)' },
    ringsForIncoming: { type: 'boolean' }, label: { type: ['string', 'null'] },
  },
};
const userWritable: Json = {
  extension: { type: 'string', pattern: '^\\d{2,8}$' }, name: { type: 'string' }, email: { type: ['string', 'null'], format: 'email' },
  role: { enum: [...ROLES] }, type: { enum: [...USER_TYPES] }, services: { type: 'array', items: { enum: [...SERVICES] } },
  hiddenFromDirectory: { type: 'boolean' }, aliases: { type: 'array', items: { type: 'string' } },
  backupUserId: { type: ['integer', 'null'] }, secondaryNumber: { ...phone, type: ['string', 'null'] }, loggedIn: { type: 'boolean' },
  noAnswerSeconds: { type: 'integer', minimum: 5, maximum: 120 },
  locations: { type: 'array', items: location }, dids: { type: 'array', items: phone },
};

const schemas: Json = {
  Problem: {
    type: 'object', description: 'RFC 9457 problem details',
    properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, code: { type: 'string' }, detail: { type: 'string' },
      fields: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } } },
  },
  Location: location,
  User: {
    type: 'object',
    properties: { id: { type: 'integer' }, organisationId: { type: 'integer' }, ...userWritable, hasPassword: { type: 'boolean' }, hasPin: { type: 'boolean' } },
  },
  UserCreate: {
    type: 'object', required: ['extension', 'name'], additionalProperties: false,
    properties: { ...userWritable, password: { type: 'string', minLength: 8 }, pin: { type: 'string', pattern: '^\\d{4,10}$' } },
  },
  UserUpdate: {
    type: 'object', additionalProperties: false, minProperties: 1,
    description: 'A user may change their own name, e-mail, password and PIN; administrators anything. Changing one\'s own password needs currentPassword and signs out one\'s other sessions; an administrator\'s reset of another user\'s password signs that user out everywhere. A PIN is 4 to 10 digits, not all the same.',
    properties: { ...userWritable, password: { type: 'string', minLength: 8 }, currentPassword: { type: 'string', description: 'Required to change one\'s own password' }, pin: { type: 'string', pattern: '^\\d{4,10}$' } },
  },
  Session: {
    type: 'object',
    properties: { token: { type: 'string', description: 'bearer token (also set as the sb_session cookie)' }, csrfToken: { type: 'string' }, user: ref('User') },
  },
  Organisation: {
    type: 'object',
    properties: { id: { type: 'integer' }, name: { type: 'string' }, companyExtension: { type: 'string' }, companyDid: { type: ['string', 'null'] },
      timezone: { type: 'string' }, createdAt: { type: 'string' }, users: { type: 'integer', description: 'how many users it has' } },
  },
  OrganisationCreate: {
    type: 'object', required: ['name', 'admin'], additionalProperties: false,
    properties: {
      name: { type: 'string' }, companyExtension: { type: 'string', pattern: '^\\d{1,8}$' }, companyDid: { ...phone, type: ['string', 'null'] }, timezone: { type: 'string' },
      admin: { type: 'object', required: ['extension', 'name', 'email', 'password'], additionalProperties: false, description: 'the organisation\'s first administrator',
        properties: { extension: { type: 'string', pattern: '^\\d{2,8}$' }, name: { type: 'string' }, email: { type: 'string', format: 'email' },
          password: { type: 'string', minLength: 8 }, device: { type: 'string', description: 'their phone: a device Asterisk knows, e.g. PJSIP/1001' } } },
    },
  },
  AuditEntry: {
    type: 'object',
    properties: { id: { type: 'integer' }, at: { type: 'string', format: 'date-time' }, actorUserId: { type: ['integer', 'null'] },
      actingAsUserId: { type: ['integer', 'null'] }, action: { type: 'string' }, details: { type: 'object' } },
  },
  LiveSnapshot: {
    type: 'object', description: 'Sent as the `snapshot` event of /api/live',
    properties: {
      lines: { type: 'array', items: { type: 'object', properties: {
        channelId: { type: 'string' }, userId: { type: 'integer' }, device: { type: 'string' },
        state: { enum: ['ringing', 'calling', 'talking', 'on-hold'] }, peer: { type: 'object', properties: { name: { type: 'string' }, number: { type: 'string' } } },
        since: { type: 'string', format: 'date-time' } } } },
      users: { type: 'array', items: { type: 'object', properties: {
        id: { type: 'integer' }, name: { type: 'string' }, extension: { type: 'string' }, services: { type: 'array', items: { type: 'string' } },
        filtering: { type: ['boolean', 'null'] }, outOfOffice: { type: ['boolean', 'null'] },
        agentLoggedIn: { type: ['boolean', 'null'], description: 'agents and floating agents: logged in (*50 / *51); null for other user types' } } } },
    },
  },
};

const corePaths: Json = {
  '/openapi.json': { get: { tags: ['operations'], summary: 'This description (OpenAPI 3.1)', security: [], responses: { 200: ok({ type: 'object' }) } } },
  '/docs': { get: { tags: ['operations'], summary: 'This description as a readable page', security: [], responses: { 200: { description: 'text/html' } } } },
  '/health': { get: { tags: ['operations'], summary: 'ARI and store health', security: [], responses: { 200: ok({}), 503: ok({}, 'Degraded') } } },
  '/auth/login': { post: op('auth', 'Sign in with e-mail or extension and password (attempts counted per account, client address and controller; docs/security.md)', {
    security: [], requestBody: jsonBody({ type: 'object', required: ['login', 'password'], properties: { login: { type: 'string' }, password: { type: 'string' } } }),
    responses: { 200: ok(ref('Session')), 400: errors[400], 401: problem('Wrong login or password'), 429: problem('Too many attempts for this account or from this address (Retry-After)'), 503: problem('Too many sign-ins at once (Retry-After)') } }) },
  '/auth/logout': { post: op('auth', 'Sign out (ends the session; while impersonating, the administrator\'s session too)', { responses: { 204: { description: 'Signed out' }, 401: errors[401] } }) },
  '/auth/me': { get: op('auth', 'The signed-in user, the CSRF token and any impersonation', {
    responses: { 200: ok({ type: 'object', properties: { user: ref('User'), csrfToken: { type: 'string' },
      impersonation: { type: ['object', 'null'], properties: { by: { type: 'object' }, reason: { type: 'string' } } } } }), 401: errors[401] } }) },
  '/auth/impersonate': { post: op('auth', 'Administrators: act as another user of the organisation; a reason is required and audited', {
    requestBody: jsonBody({ type: 'object', required: ['userId', 'reason'], properties: { userId: { type: 'integer' }, reason: { type: 'string', minLength: 5 } } }),
    responses: { 201: ok(ref('Session'), 'Now acting as the user'), ...errors, 409: problem('Already impersonating') } }) },
  '/auth/impersonate/stop': { post: op('auth', 'Stop impersonating; the administrator\'s own session is restored') },
  '/users': {
    get: op('users', 'Administrators: list the organisation\'s users', {
      parameters: [{ name: 'search', in: 'query', schema: { type: 'string' } }, { name: 'service', in: 'query', schema: { enum: [...SERVICES] } },
        { name: 'limit', in: 'query', schema: { type: 'integer', default: 100 } }, { name: 'offset', in: 'query', schema: { type: 'integer', default: 0 } }],
      responses: { 200: ok({ type: 'object', properties: { users: { type: 'array', items: ref('User') }, total: { type: 'integer' } } }), ...errors } }),
    post: op('users', 'Administrators: create a user', { requestBody: jsonBody(ref('UserCreate')), responses: { 201: ok(ref('User'), 'Created'), ...errors, 409: problem('Extension, device, DID or e-mail taken; `fields` names it') } }),
  },
  '/users/{id}': {
    parameters: [idParam()],
    get: op('users', 'A user (administrators: anyone in the organisation; users: themselves)', { responses: { 200: ok(ref('User')), ...errors } }),
    patch: op('users', 'Change a user', { requestBody: jsonBody(ref('UserUpdate')), responses: { 200: ok(ref('User')), ...errors, 409: problem('Extension or DID taken') } }),
    delete: op('users', 'Administrators: delete a user', { responses: { 204: { description: 'Deleted' }, ...errors } }),
  },
  '/users/{id}/locations': {
    parameters: [idParam()],
    get: op('users', 'A user\'s locations', { responses: { 200: ok({ type: 'object', properties: { locations: { type: 'array', items: ref('Location') } } }), ...errors } }),
    put: op('users', 'Administrators: replace a user\'s locations (exactly one primary)', { requestBody: jsonBody({ type: 'object', properties: { locations: { type: 'array', items: ref('Location') } } }) }),
  },
  '/users/{id}/dids': {
    parameters: [idParam()],
    get: op('users', 'A user\'s DIDs'),
    put: op('users', 'Administrators: replace a user\'s DIDs', { requestBody: jsonBody({ type: 'object', properties: { dids: { type: 'array', items: phone } } }) }),
  },
  '/organisations': {
    get: op('organisations', 'System administrators: every organisation (tenant)', {
      responses: { 200: ok({ type: 'object', properties: { organisations: { type: 'array', items: ref('Organisation') } } }), ...errors } }),
    post: op('organisations', 'System administrators: create an organisation and its first administrator', {
      requestBody: jsonBody(ref('OrganisationCreate')),
      responses: { 201: ok({ type: 'object', properties: { organisation: ref('Organisation'), admin: ref('User') } }, 'Created'), ...errors, 409: problem('Company DID, e-mail or device taken') } }),
  },
  '/audit': { get: op('audit', 'Administrators: the organisation\'s audit log (impersonations and the changes made in them), newest first', {
    parameters: [{ name: 'search', in: 'query', schema: { type: 'string' } }, { name: 'limit', in: 'query', schema: { type: 'integer' } }, { name: 'offset', in: 'query', schema: { type: 'integer' } }],
    responses: { 200: ok({ type: 'object', properties: { entries: { type: 'array', items: ref('AuditEntry') } } }), ...errors } }) },
  '/live': { get: op('live', 'Server-sent events: `snapshot` (LiveSnapshot, whole state each time) and `activity` (a feature\'s event)', {
    responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: ref('LiveSnapshot') } } }, 401: errors[401] } }) },
};

/** The whole API: the core's routes and those each feature describes (`Feature.openApiPaths`). */
export function openApiDocument(featurePaths: Record<string, unknown> = {}): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard API', version: '0.1.0',
      description: 'Executive/Assistant and Attendant services for Asterisk. Errors are RFC 9457 problem+json with a stable `code`. '
        + 'Authenticate with `Authorization: Bearer <token>` from /auth/login, or with the session cookie; cookie-authenticated requests that change something send `X-CSRF-Token`.',
    },
    servers: [{ url: '/api' }],
    security: [{ bearer: [] }, { cookie: [] }],
    paths: { ...corePaths, ...featurePaths },
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'sb_session', description: 'plus the X-CSRF-Token header on POST, PUT, PATCH and DELETE' },
      },
    },
  };
}
