import type { Kysely } from 'kysely';
import { organisationsServedBy } from '../../../store/node-registry.js';
import type { Clock } from '../../../clock.js';
import type { Logger } from '../../../log.js';
import type { Database } from '../../../store/schema.js';
import { getOrganisation } from '../../../users/settings/organisation-repository.js';
import { getUser } from '../../../users/settings/user-repository.js';
import type { MediaStore } from '../media-store.js';
import { getMessage } from '../settings/message-repository.js';
import type { Mailer } from './mailer.js';

/** How long an e-mail waits for its transcription before going without it. */
const TRANSCRIPTION_WAIT_MS = 90_000;
const POLL_MS = 15_000;
/**
 * How long a claimed e-mail is this controller's to send: longer than any delivery takes
 * (the mailer's own deadlines are well under it). A controller that dies holding a claim
 * leaves the e-mail due again once it has passed.
 */
const CLAIM_MS = 10 * 60_000;

/**
 * Delivers queued e-mails. A failed delivery is retried with a growing delay
 * (5 s, 10 s, 20 s … up to an hour) until it goes; the message itself is never touched.
 */
export class Outbox {
  private timer: unknown;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly deps: {
    db: Kysely<Database>; log: Logger; clock: Clock;
    /** Several nodes on one store: only the e-mails of the organisations this node serves (their audio is its recordings). */
    node?: string;
  }, private readonly mailer: Mailer, private readonly media: MediaStore) {}

  start(): void { this.stopped = false; this.schedule(0); }
  stop(): Promise<void> {
    this.stopped = true;
    this.deps.clock.clearTimeout(this.timer);
    return this.running ?? Promise.resolve();
  }

  /** Something was queued or became ready: deliver now rather than at the next poll. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) { this.again = true; return; }
    this.deps.clock.clearTimeout(this.timer);
    let nextRetryMs = POLL_MS;
    this.running = this.deliverDue((ms) => { nextRetryMs = Math.min(nextRetryMs, ms); })
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'voicemail outbox round failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) { this.again = false; this.kick(); } else this.schedule(nextRetryMs);
      });
  }

  /** A round now, awaited: what kick() starts without waiting (one already running is awaited instead). */
  async round(): Promise<void> {
    this.kick();
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.deps.clock.clearTimeout(this.timer);
    this.timer = this.deps.clock.setTimeout(() => this.kick(), ms);
  }

  private async deliverDue(retryIn: (ms: number) => void): Promise<void> {
    const { db, log, clock } = this.deps;
    if (!this.mailer.configured) return;
    const now = clock.now();
    const due = await db.selectFrom('voicemail_outbox').selectAll()
      .where('sent_at', 'is', null).where('next_attempt_at', '<=', now.toISOString()).orderBy('id').limit(20).execute();
    const served = due.length && this.deps.node !== undefined ? new Set(await organisationsServedBy(db, this.deps.node)) : undefined;
    for (const item of due) {
      if (this.stopped) return;
      const message = await getMessage(db, item.message_id);
      if (!message) continue;
      if (message.transcription_status === 'pending' && Date.parse(item.created_at) > now.getTime() - TRANSCRIPTION_WAIT_MS) continue;
      const mailbox = await getUser(db, message.mailbox_user_id);
      if (served && mailbox && !served.has(mailbox.organisationId)) continue;
      if (!(await this.claim(item.id, item.next_attempt_at))) continue;
      const org = mailbox ? await getOrganisation(db, mailbox.organisationId) : undefined;
      try {
        await this.mailer.send(item.to_address, {
          message, mailboxName: mailbox?.name ?? '?', mailboxExtension: mailbox?.extension ?? '?',
          audioPath: this.media.messagePath(message.audio_file), attachAudio: item.attach_audio === 1, timeZone: org?.timezone ?? 'UTC',
        });
        await db.updateTable('voicemail_outbox').set({ sent_at: clock.now().toISOString(), attempts: item.attempts + 1, last_error: null }).where('id', '=', item.id).execute();
        log.info({ messageId: message.id, outboxId: item.id }, 'voicemail e-mail sent');
      } catch (error) {
        const attempts = item.attempts + 1;
        const delayMs = Math.min(5000 * 2 ** (attempts - 1), 3_600_000);
        await db.updateTable('voicemail_outbox').set({
          attempts, last_error: (error as Error).message.slice(0, 500), next_attempt_at: new Date(clock.now().getTime() + delayMs).toISOString(),
        }).where('id', '=', item.id).execute();
        retryIn(delayMs);
        log.warn({ messageId: message.id, outboxId: item.id, attempts, retryInMs: delayMs, err: (error as Error).message }, 'voicemail e-mail failed; will retry');
      }
    }
  }

  /**
   * Takes the e-mail for this controller, or says another has it. Every node's leader runs
   * an outbox on the one store (and a leader replaced mid-round may still be finishing
   * one), so reading a row as due is not enough: the row is moved past the claim's time
   * only if it is still as read, and only the controller whose update took sends it. One
   * conditional UPDATE works alike on SQLite and PostgreSQL.
   */
  private async claim(id: number, dueAt: string): Promise<boolean> {
    const until = new Date(this.deps.clock.now().getTime() + CLAIM_MS).toISOString();
    const result = await this.deps.db.updateTable('voicemail_outbox').set({ next_attempt_at: until })
      .where('id', '=', id).where('sent_at', 'is', null).where('next_attempt_at', '=', dueAt).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Queues an e-mail (a notification, or a message sent to an address from the portal). */
  async enqueue(messageId: number, to: string, attachAudio: boolean): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    await this.deps.db.insertInto('voicemail_outbox').values({ message_id: messageId, to_address: to, attach_audio: attachAudio ? 1 : 0, attempts: 0, next_attempt_at: now, created_at: now }).execute();
    this.kick();
  }
}
