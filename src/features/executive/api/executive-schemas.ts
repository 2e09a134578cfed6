import { z } from '../../../http/openapi/zod.js';
import { MAX_ROW_ID } from '../../../store/schema.js';
import {
  ALERTING_MODES, CALLER_ID_NAME_MODES, CALLER_ID_NUMBER_MODES, CALLER_KINDS, FILTERING_MODES, MAX_POOL_SIZE,
  ROLLOVER_ACTIONS, SCREENING_ALERT_TYPES,
} from '../settings/executive-settings.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
/** An extension or an outside number (optionally with a leading +). */
const number = z.string().regex(/^\+?\d{2,20}$/, 'must be an extension or a phone number');
const listedNumber = z.string().regex(/^\+?\d{1,20}\*?$/, 'must be digits, optionally ending in * for a prefix');

const criterion = z.object({
  name: z.string().trim().min(1, 'required').max(100),
  enabled: z.boolean().default(true),
  action: z.enum(['filter', 'let-through']),
  timeSchedule: z.array(z.object({
    days: z.array(z.number().int().min(0).max(6)).min(1, 'at least one day'),
    start: hhmm,
    end: hhmm,
  }).strict()).max(50).nullable().default(null),
  holidaySchedule: z.array(z.object({ name: z.string().trim().min(1).max(100), from: isoDate, to: isoDate }).strict()
    .refine((h) => h.from <= h.to, { message: 'from must not be after to', path: ['to'] })).max(100).nullable().default(null),
  callers: z.object({
    kind: z.enum(CALLER_KINDS),
    numbers: z.array(listedNumber).max(100).default([]),
    includeAnonymous: z.boolean().default(false),
    includeUnavailable: z.boolean().default(false),
  }).strict().refine((c) => c.kind !== 'listed' || c.numbers.length > 0 || c.includeAnonymous || c.includeUnavailable, {
    message: 'a listed-numbers criterion needs numbers or anonymous/unavailable callers', path: ['numbers'],
  }),
  calledNumbers: z.array(number).max(20).default([]),
}).strict();

export const filteringBody = z.object({
  enabled: z.boolean(),
  mode: z.enum(FILTERING_MODES),
  criteria: z.array(criterion).max(20),
}).partial().strict();

export const screeningBody = z.object({
  enabled: z.boolean(),
  alertType: z.enum(SCREENING_ALERT_TYPES),
  alertShared: z.boolean(),
  alertAnywhere: z.boolean(),
  alertMobile: z.boolean(),
}).partial().strict();

export const alertingBody = z.object({
  mode: z.enum(ALERTING_MODES),
  ringsToAdvance: z.number().int().min(1, 'at least 1 ring').max(20, 'at most 20 rings'),
  secondsPerRing: z.number().int().min(1).max(10),
  callerIdName: z.object({ mode: z.enum(CALLER_ID_NAME_MODES), custom: z.string().trim().max(40).nullable().default(null) }).strict()
    .refine((c) => c.mode !== 'custom' || !!c.custom, { message: 'required for the custom mode', path: ['custom'] }),
  callerIdNumber: z.object({ mode: z.enum(CALLER_ID_NUMBER_MODES), custom: number.nullable().default(null) }).strict()
    .refine((c) => c.mode !== 'custom' || !!c.custom, { message: 'required for the custom mode', path: ['custom'] }),
  rollover: z.object({
    enabled: z.boolean(),
    waitSeconds: z.number().int().min(1, 'at least 1 second').max(7200, 'at most 7200 seconds'),
    action: z.enum(ROLLOVER_ACTIONS),
    forwardNumber: number.nullable().default(null),
  }).strict().refine((r) => r.action !== 'forward' || !!r.forwardNumber, { message: 'required to forward', path: ['forwardNumber'] }),
  pushRecallRings: z.number().int().min(2, 'at least 2 rings').max(20, 'at most 20 rings'),
}).partial().strict();

export const poolBody = z.object({
  assistants: z.array(z.number().int().positive('must be a user id').max(MAX_ROW_ID, 'must be a user id')).max(MAX_POOL_SIZE, `at most ${MAX_POOL_SIZE} assistants`),
  allowOptInOut: z.boolean(),
}).partial().strict();

export const assistantSettingsBody = z.object({
  divert: z.object({ enabled: z.boolean(), number: number.nullable().default(null) }).strict()
    .refine((d) => !d.enabled || !!d.number, { message: 'required to divert', path: ['number'] }),
}).strict();

export const optInBody = z.object({ optedIn: z.boolean() }).strict();

export const executiveParam = z.object({ id: z.coerce.number().int().positive('must be a user id').max(MAX_ROW_ID, 'must be a user id') });
export const optInParams = z.object({
  id: z.coerce.number().int().positive('must be a user id').max(MAX_ROW_ID, 'must be a user id'),
  execId: z.coerce.number().int().positive('must be a user id').max(MAX_ROW_ID, 'must be a user id'),
});

// What the routes send (the settings as stored, every field present).

const criterionView = z.object({
  name: z.string(),
  enabled: z.boolean(),
  action: z.enum(['filter', 'let-through']).describe('let-through criteria are exceptions and win'),
  timeSchedule: z.array(z.object({ days: z.array(z.number().int()).describe('0 = Sunday'), start: z.string(), end: z.string() })).nullable().describe('null: any time'),
  holidaySchedule: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })).nullable().describe('null: any day; else only on these dates'),
  callers: z.object({
    kind: z.enum(CALLER_KINDS),
    numbers: z.array(z.string()).describe('for listed: exact, or a prefix ending in *'),
    includeAnonymous: z.boolean(),
    includeUnavailable: z.boolean(),
  }),
  calledNumbers: z.array(z.string()).describe("which of the executive's numbers were called; empty: any"),
}).openapi('FilterCriterion');

export const filteringView = z.object({ enabled: z.boolean(), mode: z.enum(FILTERING_MODES), criteria: z.array(criterionView) }).openapi('Filtering');

export const screeningView = z.object({
  enabled: z.boolean(),
  alertType: z.enum(SCREENING_ALERT_TYPES).describe('sent to each screening location as the Alert-Info its phone family understands (README: Screening alerts)'),
  alertShared: z.boolean(),
  alertAnywhere: z.boolean(),
  alertMobile: z.boolean(),
}).openapi('Screening');

export const alertingView = z.object({
  mode: z.enum(ALERTING_MODES),
  ringsToAdvance: z.number().int(),
  secondsPerRing: z.number().int(),
  callerIdName: z.object({ mode: z.enum(CALLER_ID_NAME_MODES), custom: z.string().nullable() }),
  callerIdNumber: z.object({ mode: z.enum(CALLER_ID_NUMBER_MODES), custom: z.string().nullable() }),
  rollover: z.object({ enabled: z.boolean(), waitSeconds: z.number().int(), action: z.enum(ROLLOVER_ACTIONS), forwardNumber: z.string().nullable() }),
  pushRecallRings: z.number().int(),
}).openapi('Alerting');

const divertView = z.object({ enabled: z.boolean(), number: z.string().nullable() });

export const poolMemberView = z.object({
  assistantId: z.number().int(), extension: z.string(), name: z.string(), position: z.number().int(), optedIn: z.boolean(), divert: divertView,
}).openapi('PoolMember');

export const poolView = z.object({ allowOptInOut: z.boolean(), assistants: z.array(poolMemberView) }).openapi('Pool');

export const executiveView = z.object({
  executiveId: z.number().int(),
  filtering: filteringView,
  screening: screeningView,
  alerting: alertingView,
  pool: poolView.optional().describe('only for the executive and administrators'),
}).openapi('ExecutiveSettings');

export const executiveOfAssistantView = z.object({
  executiveId: z.number().int(), extension: z.string(), name: z.string(), position: z.number().int(), optedIn: z.boolean(),
});

export const assistantView = z.object({
  assistantId: z.number().int(),
  divert: divertView,
  executives: z.array(executiveOfAssistantView),
}).openapi('AssistantSettings');
