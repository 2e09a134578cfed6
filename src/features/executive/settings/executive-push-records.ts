import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';

/** What a controller taking over needs to carry a pushed call on (flows/push-session.ts). */
export interface ExecutivePushRecord {
  callId: string;
  executiveId: number;
  remote: { channelId: string; name: string; number: string };
  /** The executive's phones the push rings. */
  targets: string[];
  receiverUserId: number | undefined;
  assistant: { id: number; device: string; recallSeconds: number };
  /** Ringing the executive, or recalling to the assistant; until `stageEndsAt`. */
  stage: 'ringing-executive' | 'recalling';
  stageEndsAt: Date;
}

export async function saveExecutivePush(db: Kysely<Database>, push: ExecutivePushRecord): Promise<void> {
  const row = {
    call_id: push.callId, executive_user_id: push.executiveId,
    remote_name: push.remote.name, remote_number: push.remote.number,
    targets: JSON.stringify(push.targets), receiver_user_id: push.receiverUserId ?? null,
    assistant_user_id: push.assistant.id, assistant_device: push.assistant.device, recall_seconds: push.assistant.recallSeconds,
    stage: push.stage, stage_ends_at: push.stageEndsAt.toISOString(), updated_at: new Date().toISOString(),
  };
  await db.insertInto('executive_pushes').values({ remote_channel_id: push.remote.channelId, ...row })
    .onConflict((oc) => oc.column('remote_channel_id').doUpdateSet(row)).execute();
}

export async function deleteExecutivePush(db: Kysely<Database>, remoteChannelId: string): Promise<void> {
  await db.deleteFrom('executive_pushes').where('remote_channel_id', '=', remoteChannelId).execute();
}

export async function findExecutivePush(db: Kysely<Database>, remoteChannelId: string): Promise<ExecutivePushRecord | undefined> {
  const row = await db.selectFrom('executive_pushes').selectAll().where('remote_channel_id', '=', remoteChannelId).executeTakeFirst();
  if (!row) return undefined;
  return {
    callId: row.call_id, executiveId: row.executive_user_id,
    remote: { channelId: row.remote_channel_id, name: row.remote_name, number: row.remote_number },
    targets: JSON.parse(row.targets) as string[], receiverUserId: row.receiver_user_id ?? undefined,
    assistant: { id: row.assistant_user_id, device: row.assistant_device, recallSeconds: row.recall_seconds },
    stage: row.stage, stageEndsAt: new Date(row.stage_ends_at),
  };
}
