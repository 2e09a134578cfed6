import type { Generated, Selectable } from 'kysely';
import { MAILBOX_NOTIFY_MODES, type MailboxNotifyMode } from '../../../calls/handoffs.js';

// The modes are named in the core's hand-off, so a bulk edit elsewhere can set them.
export const NOTIFY_MODES = MAILBOX_NOTIFY_MODES;
export type NotifyMode = MailboxNotifyMode;
export const GREETING_KINDS = ['unavailable', 'busy', 'out_of_office', 'after_hours', 'name'] as const;
export type GreetingKind = (typeof GREETING_KINDS)[number];
export type MessageStatus = 'new' | 'saved';

/** One mailbox's settings; a missing row means the defaults. Greetings are file names under RECORDINGS_DIR/greetings. */
export interface VoicemailBoxTable {
  user_id: number;
  notify: NotifyMode;
  pin_failures: number;
  locked_at: string | null;
  /** Out of office set by phone (`*97`, option 4) until the attendant feature owns it. */
  greeting_unavailable: string | null;
  greeting_busy: string | null;
  greeting_out_of_office: string | null;
  greeting_after_hours: string | null;
  greeting_name: string | null;
}

export interface VoicemailOrgSettingsTable {
  organisation_id: number;
  max_pin_attempts: number;
  allow_forward_to_users: number;
  retention_days: number;
  max_message_seconds: number;
  max_silence_seconds: number;
}

export interface VoicemailPendingTable {
  recording_name: string;
  mailbox_user_id: number;
  caller_name: string | null;
  caller_number: string | null;
  reason: string;
  started_at: string;
}

export interface VoicemailMessageTable {
  id: Generated<number>;
  mailbox_user_id: number;
  recording_name: string;
  caller_name: string | null;
  caller_number: string | null;
  reason: string;
  received_at: string;
  duration_seconds: number;
  size_bytes: number;
  /** File name under RECORDINGS_DIR/messages. */
  audio_file: string;
  /** Unguessable name under which Asterisk fetches the audio over HTTP to play it. */
  media_token: string;
  status: MessageStatus;
  read_at: string | null;
  transcription: string | null;
  transcription_status: 'pending' | 'done' | 'failed';
  forwarded_by_user_id: number | null;
  /** Registered at start-up from a recording a previous controller left. */
  recovered: number;
}

export interface VoicemailOutboxTable {
  id: Generated<number>;
  message_id: number;
  to_address: string;
  attach_audio: number;
  attempts: number;
  next_attempt_at: string;
  created_at: string;
  last_error: string | null;
  sent_at: string | null;
}

export type VoicemailMessage = Selectable<VoicemailMessageTable>;
export type VoicemailBox = Selectable<VoicemailBoxTable>;
export type VoicemailOrgSettings = Selectable<VoicemailOrgSettingsTable>;
export type OutboxItem = Selectable<VoicemailOutboxTable>;

declare module '../../../store/schema.js' {
  interface Database {
    voicemail_boxes: VoicemailBoxTable;
    voicemail_org_settings: VoicemailOrgSettingsTable;
    voicemail_pending: VoicemailPendingTable;
    voicemail_messages: VoicemailMessageTable;
    voicemail_outbox: VoicemailOutboxTable;
  }
}
