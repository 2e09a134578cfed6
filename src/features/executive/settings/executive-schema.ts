import type { Generated, Selectable } from 'kysely';

/**
 * The executive feature's tables, added to the shared Database interface by module
 * augmentation so no other feature's schema file is touched.
 */
export interface ExecutiveSettingsTable {
  executive_user_id: number;
  filtering_enabled: number;
  filtering_mode: string;
  /** JSON array of FilterCriterion: always read and written as one list with the settings. */
  filter_criteria: string;
  screening_enabled: number;
  screening_alert_type: string;
  screening_alert_shared: number;
  screening_alert_anywhere: number;
  screening_alert_mobile: number;
  alerting_mode: string;
  rings_to_advance: number;
  seconds_per_ring: number;
  caller_id_name_mode: string;
  caller_id_custom_name: string | null;
  caller_id_number_mode: string;
  caller_id_custom_number: string | null;
  rollover_enabled: number;
  rollover_wait_seconds: number;
  rollover_action: string;
  rollover_forward_number: string | null;
  push_recall_rings: number;
  allow_opt_in_out: number;
}

/** The pool: one row per assistant of an executive, in alerting order. */
export interface ExecutiveAssistantTable {
  executive_user_id: number;
  assistant_user_id: number;
  position: number;
  opted_in: number;
}

export interface AssistantSettingsTable {
  assistant_user_id: number;
  divert_enabled: number;
  divert_number: string | null;
}

/** An answered executive call in progress, keyed by its bridge (flows/durable-calls.ts). */
export interface ExecutiveCallTable {
  bridge_id: string;
  executive_user_id: number;
  remote_channel_id: string;
  remote_name: string;
  remote_number: string;
  handler_channel_id: string;
  handler_device: string;
  handler_user_id: number | null;
  updated_at: Generated<string>;
}

/** A pushed call waiting for the executive or recalling to the assistant, keyed by the waiting party's channel. */
export interface ExecutivePushTable {
  remote_channel_id: string;
  call_id: string;
  executive_user_id: number;
  remote_name: string;
  remote_number: string;
  /** JSON array of the executive's dial strings. */
  targets: string;
  receiver_user_id: number | null;
  assistant_user_id: number;
  assistant_device: string;
  recall_seconds: number;
  stage: 'ringing-executive' | 'recalling';
  stage_ends_at: string;
  updated_at: Generated<string>;
}

export type ExecutiveSettingsRow = Selectable<ExecutiveSettingsTable>;
export type ExecutiveAssistantRow = Selectable<ExecutiveAssistantTable>;
export type AssistantSettingsRow = Selectable<AssistantSettingsTable>;

declare module '../../../store/schema.js' {
  interface Database {
    executive_settings: ExecutiveSettingsTable;
    executive_assistants: ExecutiveAssistantTable;
    assistant_settings: AssistantSettingsTable;
    executive_calls: ExecutiveCallTable;
    executive_pushes: ExecutivePushTable;
  }
}

