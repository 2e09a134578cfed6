import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import { greetingAt, type GreetingKind, type Holiday, type WeeklyHours } from '../policy/greeting.js';
import { getOrganisation } from '../../../users/settings/organisation-repository.js';
import './attendant-schema.js';

export interface AttendantSettings {
  businessGreeting: string;
  afterHoursGreeting: string;
  holidayGreeting: string;
  maxAttempts: number;
  speechEnabled: boolean;
  /** The outbound route (policy/outside-call.ts): dial prefix, null for no outside calls. */
  outboundPrefix: string | null;
  /** Caller ID of outside calls; null: the company DID. */
  outboundCallerId: string | null;
}

export const DEFAULT_ATTENDANT_SETTINGS: AttendantSettings = {
  businessGreeting: 'attendant-greeting-business',
  afterHoursGreeting: 'attendant-greeting-after-hours',
  holidayGreeting: 'attendant-greeting-holiday',
  maxAttempts: 3,
  speechEnabled: true,
  outboundPrefix: '9',
  outboundCallerId: null,
};

export async function getAttendantSettings(db: Kysely<Database>, organisationId: number): Promise<AttendantSettings> {
  const row = await db.selectFrom('attendant_settings').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
  if (!row) return { ...DEFAULT_ATTENDANT_SETTINGS };
  return {
    businessGreeting: row.business_greeting,
    afterHoursGreeting: row.after_hours_greeting,
    holidayGreeting: row.holiday_greeting,
    maxAttempts: row.max_attempts,
    speechEnabled: row.speech_enabled === 1,
    outboundPrefix: row.outbound_prefix,
    outboundCallerId: row.outbound_caller_id,
  };
}

export async function saveAttendantSettings(db: Kysely<Database>, organisationId: number, change: Partial<AttendantSettings>): Promise<AttendantSettings> {
  const next = { ...(await getAttendantSettings(db, organisationId)), ...change };
  const values = {
    business_greeting: next.businessGreeting,
    after_hours_greeting: next.afterHoursGreeting,
    holiday_greeting: next.holidayGreeting,
    max_attempts: next.maxAttempts,
    speech_enabled: next.speechEnabled ? 1 : 0,
    outbound_prefix: next.outboundPrefix,
    outbound_caller_id: next.outboundCallerId,
  };
  await db.insertInto('attendant_settings').values({ organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet(values)).execute();
  return next;
}

export async function getBusinessHours(db: Kysely<Database>, organisationId: number): Promise<WeeklyHours[]> {
  const rows = await db.selectFrom('attendant_business_hours').selectAll().where('organisation_id', '=', organisationId)
    .orderBy('day_of_week').orderBy('opens').execute();
  return rows.map((r) => ({ dayOfWeek: r.day_of_week, opens: r.opens, closes: r.closes }));
}

/** Replaces the organisation's weekly hours (an empty list: always open). */
export async function setBusinessHours(db: Kysely<Database>, organisationId: number, hours: WeeklyHours[]): Promise<WeeklyHours[]> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('attendant_business_hours').where('organisation_id', '=', organisationId).execute();
    if (hours.length) {
      await trx.insertInto('attendant_business_hours')
        .values(hours.map((h) => ({ organisation_id: organisationId, day_of_week: h.dayOfWeek, opens: h.opens, closes: h.closes }))).execute();
    }
  });
  return getBusinessHours(db, organisationId);
}

export interface HolidayView extends Holiday { id: number; name: string }

export async function getHolidays(db: Kysely<Database>, organisationId: number): Promise<HolidayView[]> {
  const rows = await db.selectFrom('attendant_holidays').selectAll().where('organisation_id', '=', organisationId).orderBy('starts_on').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, startsOn: r.starts_on, endsOn: r.ends_on }));
}

export async function addHoliday(db: Kysely<Database>, organisationId: number, holiday: { name: string; startsOn: string; endsOn?: string }): Promise<HolidayView> {
  const row = await db.insertInto('attendant_holidays').values({
    organisation_id: organisationId, name: holiday.name, starts_on: holiday.startsOn, ends_on: holiday.endsOn ?? holiday.startsOn,
  }).returningAll().executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, startsOn: row.starts_on, endsOn: row.ends_on };
}

export async function deleteHoliday(db: Kysely<Database>, organisationId: number, id: number): Promise<boolean> {
  const result = await db.deleteFrom('attendant_holidays').where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Where the organisation's schedule stands at `at` (its timezone, weekly hours, holidays):
 * the company number's greeting and, through the schedule hand-off, every mailbox's.
 */
export async function openingAt(db: Kysely<Database>, organisationId: number, at: Date, timezone?: string): Promise<GreetingKind> {
  const [org, hours, holidays] = await Promise.all([
    timezone === undefined ? getOrganisation(db, organisationId) : Promise.resolve({ timezone }),
    getBusinessHours(db, organisationId), getHolidays(db, organisationId),
  ]);
  return greetingAt(at, org?.timezone ?? 'UTC', hours, holidays);
}
