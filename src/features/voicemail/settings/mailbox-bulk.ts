import type { Kysely } from 'kysely';
import type { MailboxChange } from '../../../calls/handoffs.js';
import type { Database } from '../../../store/schema.js';
import type { AuditChange } from '../../../users/api/user-audit.js';
import { DEFAULT_BOX } from './mailbox-repository.js';

/**
 * Many mailboxes' options at once, for the administrators' bulk edit (PRODUCT.md 4). `db`
 * is the bulk edit's transaction: missing rows are created with the defaults first, so a
 * user who never opened their mailbox gets the option too. Returns each user's changes
 * (notification mode old and new; a lock that was cleared), for the audit log.
 */
export async function changeMailboxes(db: Kysely<Database>, userIds: readonly number[], change: MailboxChange): Promise<Map<number, AuditChange[]>> {
  const changes = new Map<number, AuditChange[]>();
  for (let i = 0; i < userIds.length; i += 500) {
    const chunk = userIds.slice(i, i + 500);
    await db.insertInto('voicemail_boxes').values(chunk.map((id) => DEFAULT_BOX(id)))
      .onConflict((oc) => oc.column('user_id').doNothing()).execute();
    const before = await db.selectFrom('voicemail_boxes').select(['user_id', 'notify', 'pin_failures', 'locked_at']).where('user_id', 'in', chunk).execute();
    for (const box of before) {
      const list: AuditChange[] = [];
      if (change.notify !== undefined && box.notify !== change.notify) list.push({ field: 'voicemailNotify', before: box.notify, after: change.notify });
      if (change.unlock && box.locked_at !== null) list.push({ field: 'mailboxLocked', before: true, after: false });
      if (list.length) changes.set(box.user_id, list);
    }
    const values: { notify?: MailboxChange['notify']; pin_failures?: number; locked_at?: null } = {};
    if (change.notify !== undefined) values.notify = change.notify;
    if (change.unlock) { values.pin_failures = 0; values.locked_at = null; }
    if (Object.keys(values).length) await db.updateTable('voicemail_boxes').set(values).where('user_id', 'in', chunk).execute();
  }
  return changes;
}
