import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { asText, containsText } from '../../../store/portable-queries.js';
import type { Database } from '../../../store/schema.js';
import type { MessageStatus, VoicemailMessage } from './voicemail-schema.js';
import './voicemail-schema.js';

export const newMediaToken = () => randomBytes(16).toString('hex');

export interface NewMessage {
  mailboxUserId: number;
  recordingName: string;
  callerName: string | null;
  callerNumber: string | null;
  reason: string;
  receivedAt: string;
  durationSeconds: number;
  sizeBytes: number;
  audioFile: string;
  forwardedByUserId?: number | null;
  recovered?: boolean;
}

/**
 * Registers a message once: a recording name registered twice (the flow and a start-up
 * scan racing) yields the first row. The notification e-mail is queued in the same step.
 */
export async function registerMessage(db: Kysely<Database>, m: NewMessage, notifyTo: { address: string; attach: boolean } | undefined, now: Date): Promise<{ message: VoicemailMessage; created: boolean }> {
  return db.transaction().execute(async (tx) => {
    // Insert-or-nothing, not look-then-insert: on PostgreSQL the racing registration runs
    // in its own transaction at the same time, and would otherwise hit the unique index.
    const message = await tx.insertInto('voicemail_messages').values({
      mailbox_user_id: m.mailboxUserId, recording_name: m.recordingName, caller_name: m.callerName, caller_number: m.callerNumber,
      reason: m.reason, received_at: m.receivedAt, duration_seconds: m.durationSeconds, size_bytes: m.sizeBytes,
      audio_file: m.audioFile, media_token: newMediaToken(), status: 'new', forwarded_by_user_id: m.forwardedByUserId ?? null,
      recovered: m.recovered ? 1 : 0, transcription_status: 'pending',
    }).onConflict((oc) => oc.column('recording_name').doNothing()).returningAll().executeTakeFirst();
    if (!message) {
      const existing = await tx.selectFrom('voicemail_messages').selectAll().where('recording_name', '=', m.recordingName).executeTakeFirstOrThrow();
      return { message: existing, created: false };
    }
    await tx.deleteFrom('voicemail_pending').where('recording_name', '=', m.recordingName).execute();
    if (notifyTo) {
      await tx.insertInto('voicemail_outbox').values({
        message_id: message.id, to_address: notifyTo.address, attach_audio: notifyTo.attach ? 1 : 0,
        attempts: 0, next_attempt_at: now.toISOString(), created_at: now.toISOString(),
      }).execute();
    }
    return { message, created: true };
  });
}

export async function findMessageByRecording(db: Kysely<Database>, recordingName: string): Promise<VoicemailMessage | undefined> {
  return db.selectFrom('voicemail_messages').selectAll().where('recording_name', '=', recordingName).executeTakeFirst();
}

export async function getMessage(db: Kysely<Database>, id: number): Promise<VoicemailMessage | undefined> {
  return db.selectFrom('voicemail_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMessageByToken(db: Kysely<Database>, token: string): Promise<VoicemailMessage | undefined> {
  return db.selectFrom('voicemail_messages').selectAll().where('media_token', '=', token).executeTakeFirst();
}

export async function messagesOf(db: Kysely<Database>, mailboxUserId: number, status?: MessageStatus): Promise<VoicemailMessage[]> {
  let q = db.selectFrom('voicemail_messages').selectAll().where('mailbox_user_id', '=', mailboxUserId);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('received_at', 'asc').orderBy('id', 'asc').execute();
}

export const MESSAGE_COLUMNS = ['id', 'caller_name', 'caller_number', 'reason', 'received_at', 'duration_seconds', 'size_bytes', 'status', 'read_at', 'transcription', 'transcription_status', 'forwarded_by_user_id'] as const;
export type MessageColumn = (typeof MESSAGE_COLUMNS)[number];

export interface MessageQuery {
  sort: MessageColumn;
  order: 'asc' | 'desc';
  /** Exact match per column (`contains` for text columns with `~` prefix in the API). */
  equals: Partial<Record<MessageColumn, string>>;
  contains: Partial<Record<MessageColumn, string>>;
  receivedFrom?: string;
  receivedTo?: string;
  limit: number;
  offset: number;
}

export async function listMessages(db: Kysely<Database>, mailboxUserId: number, query: MessageQuery): Promise<VoicemailMessage[]> {
  let q = db.selectFrom('voicemail_messages').selectAll().where('mailbox_user_id', '=', mailboxUserId);
  // Filters arrive as text for every column, numbers too: compared as text, `?id=x`
  // matches nothing on both stores instead of failing PostgreSQL's integer parse.
  for (const [column, value] of Object.entries(query.equals) as Array<[MessageColumn, string]>) q = q.where(asText(column), '=', value);
  for (const [column, value] of Object.entries(query.contains) as Array<[MessageColumn, string]>) q = q.where(containsText(column, value));
  if (query.receivedFrom) q = q.where('received_at', '>=', query.receivedFrom);
  if (query.receivedTo) q = q.where('received_at', '<', query.receivedTo);
  return q.orderBy(query.sort, query.order).orderBy('id', query.order).limit(query.limit).offset(query.offset).execute();
}

export async function updateMessage(db: Kysely<Database>, id: number, values: { status?: MessageStatus; read_at?: string | null; transcription?: string | null; transcription_status?: 'pending' | 'done' | 'failed' }): Promise<void> {
  await db.updateTable('voicemail_messages').set(values).where('id', '=', id).execute();
}

export async function deleteMessage(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('voicemail_messages').where('id', '=', id).execute();
}

export async function storageOf(db: Kysely<Database>, mailboxUserId: number): Promise<{ messages: number; bytes: number; seconds: number }> {
  const row = await db.selectFrom('voicemail_messages')
    .select((eb) => [eb.fn.countAll<number>().as('messages'), eb.fn.sum<number>('size_bytes').as('bytes'), eb.fn.sum<number>('duration_seconds').as('seconds')])
    .where('mailbox_user_id', '=', mailboxUserId).executeTakeFirstOrThrow();
  return { messages: Number(row.messages), bytes: Number(row.bytes ?? 0), seconds: Number(row.seconds ?? 0) };
}

/** Messages older than each organisation's retention period (of the given organisations only, when given). */
export async function expiredMessages(db: Kysely<Database>, now: Date, organisationIds?: number[]): Promise<VoicemailMessage[]> {
  if (organisationIds?.length === 0) return [];
  const rows = await db.selectFrom('voicemail_messages as m')
    .innerJoin('users as u', 'u.id', 'm.mailbox_user_id')
    .leftJoin('voicemail_org_settings as s', 's.organisation_id', 'u.organisation_id')
    .$if(organisationIds !== undefined, (q) => q.where('u.organisation_id', 'in', organisationIds!))
    .selectAll('m').select('s.retention_days').execute();
  return rows.filter((r) => {
    const days = r.retention_days ?? 30;
    return days > 0 && Date.parse(r.received_at) < now.getTime() - days * 86_400_000;
  });
}
