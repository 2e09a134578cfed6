import {
  ALERTING_MODES, CALLER_ID_NAME_MODES, CALLER_ID_NUMBER_MODES, CALLER_KINDS, FILTERING_MODES, MAX_POOL_SIZE,
  ROLLOVER_ACTIONS, SCREENING_ALERT_TYPES,
} from '../settings/executive-settings.js';

/**
 * The executive feature's routes in the OpenAPI description (merged by
 * src/http/openapi/feature-paths.ts). Self-contained JSON: importing the core document's
 * helpers would make an import cycle. Mirrors executive-schemas.ts.
 */
type Json = Record<string, unknown>;

const problem = (description: string): Json => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const ok = (schema: Json): Json => ({ description: 'OK', content: { 'application/json': { schema } } });
const body = (schema: Json): Json => ({ required: true, content: { 'application/json': { schema } } });
const errors: Json = {
  400: problem('Invalid input; `fields` names each bad field'),
  401: problem('Not signed in'),
  403: problem('Not allowed: not the executive, an assistant in the pool or an administrator; assistants never touch the pool'),
  404: problem('No such executive or assistant in your organisation'),
};
const id = (name: string, description: string): Json => ({ name, in: 'path', required: true, description, schema: { type: 'integer' } });
const op = (summary: string, schema: Json, requestBody?: Json): Json => ({
  tags: ['executive'], summary, ...(requestBody ? { requestBody: body(requestBody) } : {}), responses: { 200: ok(schema), ...errors },
});
const number = { type: 'string', pattern: '^\\+?\\d{2,20}$' };
const nullable = (schema: Json): Json => ({ ...schema, type: [schema.type as string, 'null'] });

const criterion: Json = {
  type: 'object', required: ['name', 'action', 'callers'],
  properties: {
    name: { type: 'string' }, enabled: { type: 'boolean', default: true }, action: { enum: ['filter', 'let-through'], description: 'let-through criteria are exceptions and win' },
    timeSchedule: { type: ['array', 'null'], description: 'null: any time', items: { type: 'object', properties: {
      days: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 6 }, description: '0 = Sunday' }, start: { type: 'string', example: '09:00' }, end: { type: 'string', example: '17:00' } } } },
    holidaySchedule: { type: ['array', 'null'], description: 'null: any day; else only on these dates', items: { type: 'object', properties: {
      name: { type: 'string' }, from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } } } },
    callers: { type: 'object', properties: {
      kind: { enum: [...CALLER_KINDS] }, numbers: { type: 'array', items: { type: 'string' }, description: 'for listed: exact, or a prefix ending in *' },
      includeAnonymous: { type: 'boolean' }, includeUnavailable: { type: 'boolean' } } },
    calledNumbers: { type: 'array', items: number, description: "which of the executive's numbers were called; empty: any" },
  },
};
const filtering: Json = { type: 'object', properties: { enabled: { type: 'boolean' }, mode: { enum: [...FILTERING_MODES] }, criteria: { type: 'array', maxItems: 20, items: criterion } } };
const screening: Json = { type: 'object', properties: {
  enabled: { type: 'boolean' }, alertType: { enum: [...SCREENING_ALERT_TYPES], description: 'sent to each screening location as the Alert-Info its phone family understands (README: Screening alerts)' },
  alertShared: { type: 'boolean' }, alertAnywhere: { type: 'boolean' }, alertMobile: { type: 'boolean' } } };
const alerting: Json = { type: 'object', properties: {
  mode: { enum: [...ALERTING_MODES] }, ringsToAdvance: { type: 'integer', minimum: 1, maximum: 20 }, secondsPerRing: { type: 'integer', minimum: 1, maximum: 10, default: 6 },
  callerIdName: { type: 'object', properties: { mode: { enum: [...CALLER_ID_NAME_MODES] }, custom: nullable({ type: 'string' }) } },
  callerIdNumber: { type: 'object', properties: { mode: { enum: [...CALLER_ID_NUMBER_MODES] }, custom: nullable(number) } },
  rollover: { type: 'object', properties: { enabled: { type: 'boolean' }, waitSeconds: { type: 'integer', minimum: 1, maximum: 7200 },
    action: { enum: [...ROLLOVER_ACTIONS] }, forwardNumber: nullable(number) } },
  pushRecallRings: { type: 'integer', minimum: 2, maximum: 20 } } };
const poolMember: Json = { type: 'object', properties: {
  assistantId: { type: 'integer' }, extension: { type: 'string' }, name: { type: 'string' }, position: { type: 'integer' }, optedIn: { type: 'boolean' },
  divert: { type: 'object', properties: { enabled: { type: 'boolean' }, number: nullable(number) } } } };
const pool: Json = { type: 'object', properties: { allowOptInOut: { type: 'boolean' }, assistants: { type: 'array', maxItems: MAX_POOL_SIZE, items: poolMember } } };
const assistantSettings: Json = { type: 'object', properties: {
  assistantId: { type: 'integer' }, divert: { type: 'object', properties: { enabled: { type: 'boolean' }, number: nullable(number) } },
  executives: { type: 'array', items: { type: 'object', properties: {
    executiveId: { type: 'integer' }, extension: { type: 'string' }, name: { type: 'string' }, position: { type: 'integer' }, optedIn: { type: 'boolean' } } } } } };
const partial = 'Fields left out keep their value. ';

export const executivePaths: Json = {
  '/executives/{id}': { parameters: [id('id', 'the executive')], get: op('Everything of an executive (the pool only for the executive and administrators)', {
    type: 'object', properties: { executiveId: { type: 'integer' }, filtering, screening, alerting, pool } }) },
  '/executives/{id}/filtering': { parameters: [id('id', 'the executive')],
    get: op('Call filtering', filtering), put: op(`${partial}Executive, assistant in the pool, or administrator`, filtering, filtering) },
  '/executives/{id}/screening': { parameters: [id('id', 'the executive')],
    get: op('Call screening', screening), put: op(`${partial}Executive, assistant in the pool, or administrator`, screening, screening) },
  '/executives/{id}/alerting': { parameters: [id('id', 'the executive')],
    get: op('Alerting, caller ID, rollover and push recall', alerting), put: op(`${partial}Executive, assistant in the pool, or administrator`, alerting, alerting) },
  '/executives/{id}/assistants': { parameters: [id('id', 'the executive')],
    get: op('The pool, in alerting order (never for assistants: 403)', pool),
    put: op(`${partial}Replace the pool (ids in order, at most ${MAX_POOL_SIZE}, same organisation, assistant service); executive or administrator only`, pool,
      { type: 'object', properties: { assistants: { type: 'array', items: { type: 'integer' } }, allowOptInOut: { type: 'boolean' } } }) },
  '/assistants/{id}/settings': { parameters: [id('id', 'the assistant')],
    get: op('Divert and the executives served (assistant or administrator)', assistantSettings),
    put: op('Divert filtered calls to a number', assistantSettings, { type: 'object', required: ['divert'], properties: { divert: { type: 'object', properties: { enabled: { type: 'boolean' }, number: nullable(number) } } } }) },
  '/assistants/{id}/executives/{execId}/opt-in': { parameters: [id('id', 'the assistant'), id('execId', 'the executive')],
    put: op('Opt in or out of the executive\'s pool (403 opt-in-not-allowed when the executive does not allow it; administrators may)', assistantSettings,
      { type: 'object', required: ['optedIn'], properties: { optedIn: { type: 'boolean' } } }) },
};
