import type { Kysely } from 'kysely';
import { generatedId } from '../../../store/portable-schema.js';

// Migrations describe the schema as it was then, not as the Database interface says it is now.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.createTable('voicemail_boxes')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('notify', 'text', (c) => c.notNull().defaultTo('email'))
    .addColumn('pin_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_at', 'text')
    .addColumn('greeting_unavailable', 'text')
    .addColumn('greeting_busy', 'text')
    .addColumn('greeting_out_of_office', 'text')
    .addColumn('greeting_after_hours', 'text')
    .addColumn('greeting_name', 'text')
    .execute();

  await db.schema.createTable('voicemail_org_settings')
    .addColumn('organisation_id', 'integer', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
    .addColumn('max_pin_attempts', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('allow_forward_to_users', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('retention_days', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('max_message_seconds', 'integer', (c) => c.notNull().defaultTo(180))
    .addColumn('max_silence_seconds', 'integer', (c) => c.notNull().defaultTo(5))
    .execute();

  // A recording being made: who called whom, so a message finished while the controller
  // was away is registered with its caller (the recording name alone carries the mailbox).
  await db.schema.createTable('voicemail_pending')
    .addColumn('recording_name', 'text', (c) => c.primaryKey())
    .addColumn('mailbox_user_id', 'integer', (c) => c.notNull())
    .addColumn('caller_name', 'text')
    .addColumn('caller_number', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('voicemail_messages')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('mailbox_user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('recording_name', 'text', (c) => c.notNull().unique())
    .addColumn('caller_name', 'text')
    .addColumn('caller_number', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('duration_seconds', 'real', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('audio_file', 'text', (c) => c.notNull())
    .addColumn('media_token', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
    .addColumn('read_at', 'text')
    .addColumn('transcription', 'text')
    .addColumn('transcription_status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('forwarded_by_user_id', 'integer')
    .addColumn('recovered', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('voicemail_messages_mailbox').on('voicemail_messages').columns(['mailbox_user_id', 'received_at']).execute();

  // E-mails to send: a failed delivery stays here and is retried, the message is never dropped.
  await db.schema.createTable('voicemail_outbox')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('message_id', 'integer', (c) => c.notNull().references('voicemail_messages.id').onDelete('cascade'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('attach_audio', 'integer', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['voicemail_outbox', 'voicemail_messages', 'voicemail_pending', 'voicemail_org_settings', 'voicemail_boxes']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
