import type { Kysely } from 'kysely';
import { currentTimestamp } from '../../../store/portable-schema.js';

type AnyDb = Kysely<any>;

/**
 * The answered executive calls in progress (issue 14, durable call state): what a
 * controller that takes over needs to carry one on (push, retrieve, bridge) when it finds
 * its bridge in Asterisk. One small row per call, keyed by the bridge, written as the call
 * connects and changes hands, deleted when it ends.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.createTable('executive_calls')
    .addColumn('bridge_id', 'text', (c) => c.primaryKey())
    .addColumn('executive_user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('remote_channel_id', 'text', (c) => c.notNull())
    .addColumn('remote_name', 'text', (c) => c.notNull())
    .addColumn('remote_number', 'text', (c) => c.notNull())
    .addColumn('handler_channel_id', 'text', (c) => c.notNull())
    .addColumn('handler_device', 'text', (c) => c.notNull())
    .addColumn('handler_user_id', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(currentTimestamp(db)))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('executive_calls').execute();
}
