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
}

export async function createAuthSession(
  db: Kysely<Database>, userId: number, now: Date,
  impersonation?: { impersonatorId: number; reason: string },
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
  }).execute();
  return { token, csrfToken };
}

export async function findAuthSession(db: Kysely<Database>, token: string, now: Date): Promise<SessionRow | undefined> {
  const row = await db.selectFrom('auth_sessions').selectAll()
    .where('token_hash', '=', tokenHash(token)).where('expires_at', '>', now.toISOString()).executeTakeFirst();
  return row && {
    tokenHash: row.token_hash, userId: row.user_id, csrfToken: row.csrf_token,
    impersonatorId: row.impersonator_id, impersonationReason: row.impersonation_reason,
  };
}

export async function deleteAuthSession(db: Kysely<Database>, hash: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('token_hash', '=', hash).execute();
}
