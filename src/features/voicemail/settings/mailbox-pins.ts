import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import { verifySecret } from '../../../users/password.js';
import { getUserRow } from '../../../users/settings/user-repository.js';
import { ensureBox } from './mailbox-repository.js';

export type PinVerdict =
  | { verdict: 'ok' }
  | { verdict: 'wrong'; failures: number; locked: boolean }
  /** Locked, or every remaining attempt is already being verified: this one is not evaluated. */
  | { verdict: 'locked' };

/**
 * Counts a PIN attempt before it is verified, in one statement: the lock and the count are
 * checked and the count raised atomically, so parallel `*98` calls cannot get more guesses
 * than the organisation allows (issue 12: the old read-modify-write gave them extra).
 * Returns the attempt's number, or undefined when no attempt is left.
 */
export async function reservePinAttempt(db: Kysely<Database>, userId: number, maxAttempts: number): Promise<number | undefined> {
  await ensureBox(db, userId);
  const row = await db.updateTable('voicemail_boxes')
    .set((eb) => ({ pin_failures: eb('pin_failures', '+', 1) }))
    .where('user_id', '=', userId).where('locked_at', 'is', null).where('pin_failures', '<', maxAttempts)
    .returning('pin_failures').executeTakeFirst();
  return row?.pin_failures;
}

/** A reserved attempt was wrong: lock once the count reached the limit. */
export async function lockIfExhausted(db: Kysely<Database>, userId: number, maxAttempts: number, now: Date): Promise<boolean> {
  await db.updateTable('voicemail_boxes').set({ locked_at: now.toISOString() })
    .where('user_id', '=', userId).where('locked_at', 'is', null).where('pin_failures', '>=', maxAttempts).execute();
  const row = await db.selectFrom('voicemail_boxes').select('locked_at').where('user_id', '=', userId).executeTakeFirst();
  return row?.locked_at != null;
}

/**
 * A reserved attempt was right: the count starts again, unless the mailbox was locked
 * meanwhile by other attempts (then it stays locked until an administrator unlocks it).
 */
export async function acceptPin(db: Kysely<Database>, userId: number): Promise<boolean> {
  const result = await db.updateTable('voicemail_boxes').set({ pin_failures: 0 })
    .where('user_id', '=', userId).where('locked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * The PIN check of a mailbox login by phone: the attempt is reserved (and the lock
 * re-checked) before each verification, and one login per mailbox runs at a time, so
 * parallel calls to one mailbox take turns instead of racing.
 */
export class MailboxPins {
  private readonly turns = new Map<number, Promise<unknown>>();

  constructor(private readonly db: Kysely<Database>, private readonly now: () => Date) {}

  async check(mailboxId: number, digits: string, maxAttempts: number): Promise<PinVerdict> {
    const attempt = await reservePinAttempt(this.db, mailboxId, maxAttempts);
    if (attempt === undefined) return { verdict: 'locked' };
    const row = await getUserRow(this.db, mailboxId);
    if (await verifySecret(digits, row?.pin_hash ?? null)) {
      return (await acceptPin(this.db, mailboxId)) ? { verdict: 'ok' } : { verdict: 'locked' };
    }
    const locked = await lockIfExhausted(this.db, mailboxId, maxAttempts, this.now());
    return { verdict: 'wrong', failures: attempt, locked };
  }

  /** Runs `login` when no other login to this mailbox is running. */
  async oneAtATime<T>(mailboxId: number, login: () => Promise<T>): Promise<T> {
    const before = this.turns.get(mailboxId) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(login);
    this.turns.set(mailboxId, mine);
    try {
      return await mine;
    } finally {
      if (this.turns.get(mailboxId) === mine) this.turns.delete(mailboxId);
    }
  }
}
