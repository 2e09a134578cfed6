import type { CallSession } from './call-session.js';
import type { IncomingCall } from './incoming-call.js';
import type { Kysely } from 'kysely';
import type { UserProfile } from '../users/settings/user-repository.js';
import type { Database } from '../store/schema.js';
import type { AuditChange } from '../users/api/user-audit.js';

export type UnansweredReason = 'busy' | 'noanswer' | 'unavailable' | 'out-of-office' | 'after-hours' | 'direct';

/**
 * What a feature does with a caller nobody answered, when the callee has voicemail.
 * The voicemail feature provides it; the others only hand the caller over.
 */
export interface VoicemailHandoff {
  /** Whether the user has a mailbox that can take a message now. */
  hasMailbox(userId: number): Promise<boolean>;
  /**
   * Plays the right greeting and records a message on `channelId` (already in the
   * session). Resolves when the caller is done; the session then ends the call.
   */
  takeMessage(session: CallSession, channelId: string, mailboxUserId: number, reason: UnansweredReason): Promise<void>;
  /** Media of the name the user recorded for their mailbox (`sound:http://…`), if they did: the attendant says it back to callers. */
  recordedName(userId: number): Promise<string | undefined>;
  /**
   * The administrators' bulk edit of mailbox options (PRODUCT.md 4, Bulk settings), written
   * with `db` (the bulk edit's transaction, so it is all or nothing with the rest); for each
   * user, what changed, for the audit log.
   */
  changeMailboxes(db: Kysely<Database>, userIds: readonly number[], change: MailboxChange): Promise<Map<number, AuditChange[]>>;
}

/** How a mailbox tells its owner of a new message (PRODUCT.md 5): the voicemail feature's modes. */
export const MAILBOX_NOTIFY_MODES = ['none', 'email', 'email-attachment'] as const;
export type MailboxNotifyMode = (typeof MAILBOX_NOTIFY_MODES)[number];

/** What a bulk edit may change in many mailboxes at once; absent: left as is. */
export interface MailboxChange {
  notify?: MailboxNotifyMode;
  /** Clears wrong-PIN counts and the lock. */
  unlock?: boolean;
}

/**
 * Calls to an executive belong to the executive feature (filtering, screening, alerting)
 * however they arrive. Another feature that has a caller for an executive (the attendant
 * putting a caller through) hands the caller's channel over instead of ringing the
 * executive's phones itself.
 */
export interface ExecutiveHandoff {
  /** Whether calls to `user` are the executive feature's. */
  handles(user: UserProfile, call: IncomingCall): boolean;
  /**
   * Takes over `call` (its channel already released by the previous owner) as a call to
   * `executive`. Resolves once the executive feature owns the caller.
   */
  takeOver(call: IncomingCall, executive: UserProfile): Promise<void>;
}

/** Where the organisation's schedule stands at an instant (PRODUCT.md 4: business hours, after hours, holiday). */
export type OpeningState = 'business-hours' | 'after-hours' | 'holiday';

/**
 * The organisation's schedule, kept by the attendant (its weekly hours and holidays);
 * other features ask it, e.g. voicemail plays the after-hours greeting while closed.
 */
export interface ScheduleHandoff {
  openingAt(organisationId: number, at: Date): Promise<OpeningState>;
}

/** The hand-offs features offer one another; each is absent while no feature provides it. */
export interface Handoffs {
  voicemail?: VoicemailHandoff;
  executive?: ExecutiveHandoff;
  schedule?: ScheduleHandoff;
}
