import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';

/** What a controller taking over needs to carry an answered executive call on. */
export interface ExecutiveCallRecord {
  bridgeId: string;
  executiveId: number;
  remote: { channelId: string; name: string; number: string };
  handler: { channelId: string; device: string; userId: number | undefined };
}

export async function saveExecutiveCall(db: Kysely<Database>, call: ExecutiveCallRecord): Promise<void> {
  const row = {
    executive_user_id: call.executiveId,
    remote_channel_id: call.remote.channelId, remote_name: call.remote.name, remote_number: call.remote.number,
    handler_channel_id: call.handler.channelId, handler_device: call.handler.device, handler_user_id: call.handler.userId ?? null,
    updated_at: new Date().toISOString(),
  };
  await db.insertInto('executive_calls').values({ bridge_id: call.bridgeId, ...row })
    .onConflict((oc) => oc.column('bridge_id').doUpdateSet(row)).execute();
}

export async function deleteExecutiveCall(db: Kysely<Database>, bridgeId: string): Promise<void> {
  await db.deleteFrom('executive_calls').where('bridge_id', '=', bridgeId).execute();
}

export async function findExecutiveCall(db: Kysely<Database>, bridgeId: string): Promise<ExecutiveCallRecord | undefined> {
  const row = await db.selectFrom('executive_calls').selectAll().where('bridge_id', '=', bridgeId).executeTakeFirst();
  if (!row) return undefined;
  return {
    bridgeId: row.bridge_id, executiveId: row.executive_user_id,
    remote: { channelId: row.remote_channel_id, name: row.remote_name, number: row.remote_number },
    handler: { channelId: row.handler_channel_id, device: row.handler_device, userId: row.handler_user_id ?? undefined },
  };
}
