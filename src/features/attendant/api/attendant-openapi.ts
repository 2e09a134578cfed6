import { SERVICES, USER_TYPES } from '../../../store/schema.js';

/**
 * The attendant routes in the OpenAPI description (merged by
 * src/http/openapi/feature-paths.ts). Mirrors attendant-schemas.ts.
 */
type Json = Record<string, unknown>;

const problem = (description: string): Json => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const errors: Json = {
  400: problem('Invalid input; `fields` names each bad field'),
  401: problem('Not signed in'),
  403: problem('Not allowed (administrators only, or another user’s out of office)'),
};
const json = (schema: Json, description = 'OK'): Json => ({ description, content: { 'application/json': { schema } } });
const body = (schema: Json, type = 'application/json'): Json => ({ required: true, content: { [type]: { schema } } });
const op = (summary: string, responses: Json, extra: Json = {}): Json => ({ tags: ['attendant'], summary, ...extra, responses: { ...responses, ...errors } });
const str = { type: 'string' };
const hhmm = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' };
const date = { type: 'string', format: 'date' };
const userId = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };

const entry: Json = { type: 'object', properties: { userId: { type: 'integer' }, name: str, spokenName: str, isAlias: { type: 'boolean' }, extension: str } };
const settings: Json = { type: 'object', properties: {
  businessGreeting: str, afterHoursGreeting: str, holidayGreeting: { ...str, description: 'prompt names: sounds/<name>.wav' },
  maxAttempts: { type: 'integer', minimum: 1, maximum: 10, description: 'wrong or missing answers before the operator' },
  speechEnabled: { type: 'boolean' }, companyExtension: str, companyDid: { type: ['string', 'null'] },
  operatorDestination: { type: ['string', 'null'], description: 'an extension or an Asterisk dial string' }, timezone: { ...str, description: 'IANA timezone' },
  outboundPrefix: { type: ['string', 'null'], pattern: '^\\d{1,3}$', description: 'digits phones dial before an outside number (9 by default); null: no outside calls' },
  outboundCallerId: { type: ['string', 'null'], description: 'caller ID of outside calls: the company DID or a user\'s DID; null: the company DID' } } };
const hours: Json = { type: 'object', properties: { hours: { type: 'array', items: { type: 'object', properties: { dayOfWeek: { type: 'integer', minimum: 0, maximum: 6, description: '0 = Sunday' }, opens: hhmm, closes: { ...hhmm, description: 'exclusive; before opens: past midnight' } } } } } };
const holiday: Json = { type: 'object', properties: { id: { type: 'integer' }, name: str, startsOn: date, endsOn: date } };
const outOfOffice: Json = { type: 'object', properties: {
  outOfOffice: { type: ['object', 'null'], properties: { startsAt: { type: ['string', 'null'], format: 'date-time' }, endsAt: { type: ['string', 'null'], format: 'date-time' }, backupUserId: { type: ['integer', 'null'] } } },
  activeNow: { type: 'boolean' } } };

export const attendantPaths: Json = {
  '/attendant/users/{id}/agent-login': { parameters: [userId], put: op('Log an agent in or out (the same as *50 / *51 on their phone): the user themselves or an administrator; agents and floating agents only', { 200: json({ type: 'object', properties: { loggedIn: { type: 'boolean' } } }) }, {
    requestBody: body({ type: 'object', required: ['loggedIn'], properties: { loggedIn: { type: 'boolean' } } }) }) },
  '/attendant/directory': { get: op('Search the directory (listed users, aliases): by name prefix, keypad digits, extension or DID', { 200: json({ type: 'object', properties: { entries: { type: 'array', items: entry } } }) }, {
    parameters: [
      { name: 'q', in: 'query', schema: str, description: 'prefix of the full or last name' },
      { name: 'keys', in: 'query', schema: { type: 'string', pattern: '^[2-9]+$' }, description: 'keypad digits of the first or last name' },
      { name: 'number', in: 'query', schema: str, description: 'an extension or a DID' },
      { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
    ] }) },
  '/attendant/settings': {
    get: op('The company number and attendant settings (administrators)', { 200: json(settings) }),
    patch: op('Change them (any subset)', { 200: json(settings) }, { requestBody: body(settings) }),
  },
  '/attendant/business-hours': {
    get: op('Weekly business hours (none: always open)', { 200: json(hours) }),
    put: op('Replace the weekly business hours (administrators)', { 200: json(hours) }, { requestBody: body(hours) }),
  },
  '/attendant/holidays': {
    get: op('Holidays (the holiday greeting plays on those days)', { 200: json({ type: 'object', properties: { holidays: { type: 'array', items: holiday } } }) }),
    post: op('Add a holiday (administrators)', { 201: json(holiday, 'Created') }, { requestBody: body({ type: 'object', required: ['name', 'startsOn'], properties: { name: str, startsOn: date, endsOn: date } }) }),
  },
  '/attendant/holidays/{id}': { delete: op('Remove a holiday', { 204: { description: 'Removed' } }, { parameters: [userId] }) },
  '/attendant/users/{id}/out-of-office': {
    get: op('A user’s out of office (the user or an administrator)', { 200: json(outOfOffice) }, { parameters: [userId] }),
    put: op('Set it: open-ended or a range, optional backup other than the default', { 200: json(outOfOffice) }, { parameters: [userId], requestBody: body({ type: 'object', properties: { startsAt: { type: ['string', 'null'], format: 'date-time' }, endsAt: { type: ['string', 'null'], format: 'date-time' }, backupUserId: { type: ['integer', 'null'] } } }) }),
    delete: op('Clear it', { 204: { description: 'Cleared' } }, { parameters: [userId] }),
  },
  '/attendant/users/bulk': { post: op('Change many users at once, all or nothing (administrators)', { 200: json({ type: 'object', properties: { updated: { type: 'integer' } } }) }, {
    requestBody: body({ type: 'object', required: ['userIds', 'set'], properties: { userIds: { type: 'array', items: { type: 'integer' } }, set: { type: 'object', properties: {
      type: { enum: [...USER_TYPES] }, backupUserId: { type: ['integer', 'null'] }, addServices: { type: 'array', items: { enum: [...SERVICES] } },
      removeServices: { type: 'array', items: { enum: [...SERVICES] } }, noAnswerSeconds: { type: 'integer', minimum: 5, maximum: 120 },
      hiddenFromDirectory: { type: 'boolean' }, loggedIn: { type: 'boolean' } } } } }) }) },
  '/attendant/users.csv': {
    get: op('Export the organisation’s users as CSV (administrators)', { 200: { description: 'CSV', content: { 'text/csv': { schema: str } } } }),
    post: op('Import users from CSV: created or updated by extension; lists `;`-separated', { 200: json({ type: 'object', properties: { created: { type: 'integer' }, updated: { type: 'integer' } } }) }, { requestBody: body(str, 'text/csv') }),
  },
};
