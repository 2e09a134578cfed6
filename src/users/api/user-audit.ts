import type { Kysely } from 'kysely';
import type { Request } from 'express';
import { recordAudit } from '../../store/audit.js';
import type { Database } from '../../store/schema.js';
import { who } from '../../http/auth/authenticate.js';
import type { UserProfile } from '../settings/user-repository.js';

/** One changed field: old and new values, or only `changed` for a secret (never its value or hash). */
export type AuditChange = { field: string; before: unknown; after: unknown } | { field: string; changed: true };

/** Fields compared between before and after; ids of replaced rows (locations) are not a change. */
const COMPARED = ['extension', 'name', 'email', 'role', 'systemAdmin', 'type', 'services', 'locations', 'dids',
  'hiddenFromDirectory', 'aliases', 'backupUserId', 'secondaryNumber', 'loggedIn', 'noAnswerSeconds'] as const;
const SECRETS = ['password', 'pin'] as const;

const comparable = (user: UserProfile, field: (typeof COMPARED)[number]): unknown =>
  field === 'locations' ? user.locations.map(({ id: _id, ...rest }) => rest) : user[field];

/** What an administrator reads in the audit log: each field that differs, secrets named only. */
export function userChanges(before: UserProfile, after: UserProfile, secretsSet: readonly string[] = []): AuditChange[] {
  const changes: AuditChange[] = [];
  for (const field of COMPARED) {
    const [was, is] = [comparable(before, field), comparable(after, field)];
    if (JSON.stringify(was) !== JSON.stringify(is)) changes.push({ field, before: was, after: is });
  }
  for (const secret of SECRETS) if (secretsSet.includes(secret)) changes.push({ field: secret, changed: true });
  return changes;
}

/**
 * Who made a change: the administrator, and whom they were acting as when impersonating;
 * no user at all for the command line (`switchboard users import`, the machine's own administrator).
 */
export interface AuditActor { actorUserId: number | null; actingAsUserId: number | null }
export const COMMAND_LINE: AuditActor = { actorUserId: null, actingAsUserId: null };

export function auditActor(req: Request): AuditActor {
  const auth = who(req);
  return { actorUserId: auth.impersonator?.id ?? auth.user.id, actingAsUserId: auth.impersonator ? auth.user.id : null };
}

/** One user-changed entry; nothing when nothing changed. `extra` says how (e.g. `via: 'bulk'`). */
export async function recordUserChanges(db: Kysely<Database>, actor: AuditActor, user: Pick<UserProfile, 'id' | 'extension' | 'organisationId'>, changes: AuditChange[], extra: Record<string, unknown> = {}): Promise<void> {
  if (!changes.length) return;
  await recordAudit(db, {
    organisationId: user.organisationId, ...actor,
    action: 'user-changed',
    details: { userId: user.id, extension: user.extension, ...extra, changes },
  });
}

/**
 * A user created or deleted, with what an administrator would look for later: the
 * extension and name, and how (`via: 'csv-import'`). Never a secret.
 */
export async function recordUserLifecycle(db: Kysely<Database>, actor: AuditActor, action: 'user-created' | 'user-deleted', user: Pick<UserProfile, 'id' | 'extension' | 'name' | 'organisationId'>, extra: Record<string, unknown> = {}): Promise<void> {
  await recordAudit(db, {
    organisationId: user.organisationId, ...actor, action,
    details: { userId: user.id, extension: user.extension, name: user.name, ...extra },
  });
}

/** Records a user's change (by whom, as whom when impersonating); nothing when nothing changed. */
export async function auditUserChange(db: Kysely<Database>, req: Request, before: UserProfile, after: UserProfile, secretsSet: readonly string[] = []): Promise<void> {
  await recordUserChanges(db, auditActor(req), before, userChanges(before, after, secretsSet));
}
