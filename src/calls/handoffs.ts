import type { CallSession } from './call-session.js';

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
}
