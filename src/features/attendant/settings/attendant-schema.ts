import type { Generated, Selectable } from 'kysely';

/** An uploaded company greeting: a WAV under RECORDINGS_DIR/company-greetings, played instead of the prompt. */
export interface AttendantCompanyGreetingTable {
  organisation_id: number;
  kind: 'business-hours' | 'after-hours' | 'holiday';
  file_name: string;
}

export interface AttendantSettingsTable {
  organisation_id: number;
  /** Prompt names (sounds/<name>.wav) of the three greetings. */
  business_greeting: Generated<string>;
  after_hours_greeting: Generated<string>;
  holiday_greeting: Generated<string>;
  /** Wrong or missing answers in the menu before the caller goes to the operator. */
  max_attempts: Generated<number>;
  speech_enabled: Generated<number>;
  /** Digits before an outside number; null: the organisation's phones cannot dial out. */
  outbound_prefix: Generated<string | null>;
  /** The number outside parties see on outside calls; null: the company DID. */
  outbound_caller_id: string | null;
}

export interface AttendantBusinessHoursTable {
  id: Generated<number>;
  organisation_id: number;
  /** 0 = Sunday … 6 = Saturday, in the organisation's timezone. */
  day_of_week: number;
  /** `HH:MM`, local time; `closes` is exclusive. */
  opens: string;
  closes: string;
}

export interface AttendantHolidayTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  /** `YYYY-MM-DD`, inclusive, local dates. */
  starts_on: string;
  ends_on: string;
}

export interface AttendantOutOfOfficeTable {
  user_id: number;
  /** ISO instants; null start: from now; null end: until cleared. */
  starts_at: string | null;
  ends_at: string | null;
  /** Overrides the user's default backup while out of office. */
  backup_user_id: number | null;
  set_at: Generated<string>;
}

export interface AttendantDirectoryTable {
  id: Generated<number>;
  organisation_id: number;
  user_id: number;
  spoken_name: string;
  is_alias: number;
  normalized: string;
  last_normalized: string;
  first_keys: string;
  last_keys: string;
}

export interface AttendantDirectorySourceTable {
  user_id: number;
  signature: string;
}

declare module '../../../store/schema.js' {
  interface Database {
    attendant_settings: AttendantSettingsTable;
    attendant_business_hours: AttendantBusinessHoursTable;
    attendant_holidays: AttendantHolidayTable;
    attendant_out_of_office: AttendantOutOfOfficeTable;
    attendant_directory: AttendantDirectoryTable;
    attendant_directory_source: AttendantDirectorySourceTable;
    attendant_company_greetings: AttendantCompanyGreetingTable;
  }
}

export type AttendantSettingsRow = Selectable<AttendantSettingsTable>;
export type BusinessHoursRow = Selectable<AttendantBusinessHoursTable>;
export type HolidayRow = Selectable<AttendantHolidayTable>;
export type OutOfOfficeRow = Selectable<AttendantOutOfOfficeTable>;
