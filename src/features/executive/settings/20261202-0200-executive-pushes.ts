import type { Kysely } from 'kysely';
import { currentTimestamp } from '../../../store/portable-schema.js';

type AnyDb = Kysely<any>;

/**
 * The pushed calls waiting for the executive or recalling to the assistant (issue 14,
 * durable call state): what a controller that takes over needs to carry the push on, so
 * the call still recalls to the assistant on time instead of falling back to the
 * executive's phone. One row per pushed call, keyed by the waiting party's channel,
 * written as the push starts and as it turns to the recall, deleted when it ends.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.createTable('executive_pushes')
    .addColumn('remote_channel_id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('executive_user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('remote_name', 'text', (c) => c.notNull())
    .addColumn('remote_number', 'text', (c) => c.notNull())
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('receiver_user_id', 'integer')
    .addColumn('assistant_user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('assistant_device', 'text', (c) => c.notNull())
    .addColumn('recall_seconds', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stage_ends_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(currentTimestamp(db)))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('executive_pushes').execute();
}
