import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';

const SESSION_HOURS = 12;
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SessionRow {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  impersonatorId: number | null;
  impersonationReason: string | null;
  /** For an impersonation: the administrator's session it was started from. */
  parentTokenHash: string | null;
}

export async function createAuthSession(
  db: Kysely<Database>, userId: number, now: Date,
  impersonation?: { impersonatorId: number; reason: string; parentTokenHash: string },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(16).toString('base64url');
  await db.insertInto('auth_sessions').values({
    token_hash: tokenHash(token),
    user_id: userId,
    csrf_token: csrfToken,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
    impersonator_id: impersonation?.impersonatorId ?? null,
    impersonation_reason: impersonation?.reason ?? null,
    parent_token_hash: impersonation?.parentTokenHash ?? null,
  }).execute();
  return { token, csrfToken };
}

export async function findAuthSession(db: Kysely<Database>, token: string, now: Date): Promise<SessionRow | undefined> {
  return findSessionByHash(db, tokenHash(token), now);
}

export async function findSessionByHash(db: Kysely<Database>, hash: string, now: Date): Promise<SessionRow | undefined> {
  const row = await db.selectFrom('auth_sessions').selectAll()
    .where('token_hash', '=', hash).where('expires_at', '>', now.toISOString()).executeTakeFirst();
  return row && {
    tokenHash: row.token_hash, userId: row.user_id, csrfToken: row.csrf_token,
    impersonatorId: row.impersonator_id, impersonationReason: row.impersonation_reason, parentTokenHash: row.parent_token_hash,
  };
}

export async function deleteAuthSession(db: Kysely<Database>, hash: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('token_hash', '=', hash).execute();
}

/** Ends every session signed in as the user (their own and others' impersonations of them), but `keep`. */
export async function deleteUserSessions(db: Kysely<Database>, userId: number, keep?: string): Promise<void> {
  let q = db.deleteFrom('auth_sessions').where('user_id', '=', userId);
  if (keep) q = q.where('token_hash', '!=', keep);
  await q.execute();
}

/** Ends every impersonation an administrator has running (their rights went away). */
export async function deleteImpersonationsBy(db: Kysely<Database>, impersonatorId: number): Promise<void> {
  await db.deleteFrom('auth_sessions').where('impersonator_id', '=', impersonatorId).execute();
}

/** Removes sessions past their expiry; returns how many. */
export async function purgeExpiredSessions(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('auth_sessions').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
