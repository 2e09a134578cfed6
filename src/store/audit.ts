import type { Kysely } from 'kysely';
import { containsText } from './portable-queries.js';
import type { Database } from './schema.js';

export interface AuditRecord {
  organisationId: number;
  actorUserId: number | null;
  actingAsUserId: number | null;
  action: string;
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Kysely<Database>, record: AuditRecord, at = new Date()): Promise<void> {
  await db.insertInto('audit_log').values({
    organisation_id: record.organisationId,
    at: at.toISOString(),
    actor_user_id: record.actorUserId,
    acting_as_user_id: record.actingAsUserId,
    action: record.action,
    details: JSON.stringify(record.details ?? {}),
  }).execute();
}

export interface AuditQuery { search?: string; limit: number; offset: number }

export async function listAudit(db: Kysely<Database>, organisationId: number, query: AuditQuery) {
  let q = db.selectFrom('audit_log').selectAll().where('organisation_id', '=', organisationId);
  if (query.search) {
    const search = query.search;
    q = q.where((eb) => eb.or([containsText('action', search), containsText('details', search)]));
  }
  const rows = await q.orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute();
  return rows.map((r) => {
    // A user change's field-by-field before and after is its own member of the entry.
    const { changes, ...details } = JSON.parse(r.details) as Record<string, unknown>;
    return {
      id: r.id, at: r.at, actorUserId: r.actor_user_id, actingAsUserId: r.acting_as_user_id,
      action: r.action, details, ...(Array.isArray(changes) ? { changes } : {}),
    };
  });
}
