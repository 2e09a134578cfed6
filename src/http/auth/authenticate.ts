import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Kysely } from 'kysely';
import { AppError, forbidden, unauthorized } from '../../errors.js';
import type { Database } from '../../store/schema.js';
import { getUser, type UserProfile } from '../../users/settings/user-repository.js';
import { deleteAuthSession, findAuthSession, findSessionByHash, type SessionRow } from './session-store.js';
import { recordAudit } from '../../store/audit.js';

export const SESSION_COOKIE = 'sb_session';

/** Who is asking: the user the request acts as, and the administrator behind them when impersonating. */
export interface AuthContext {
  user: UserProfile;
  session: SessionRow;
  impersonator: UserProfile | undefined;
  viaCookie: boolean;
}

declare module 'express-serve-static-core' {
  interface Request { auth?: AuthContext }
}

/**
 * Resolves the session from the `Authorization: Bearer` header or the session cookie.
 * Cookie-authenticated requests that change something must carry the session's CSRF
 * token in `X-CSRF-Token` (a bearer token cannot be sent by another site).
 */
export function authenticate(db: Kysely<Database>): RequestHandler {
  return (req, _res, next) => {
    void (async () => {
      const header = req.get('authorization');
      const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
      const token = bearer ?? cookie;
      if (!token) return;
      const session = await findAuthSession(db, token, new Date());
      if (!session) return;
      const user = await getUser(db, session.userId);
      if (!user) return;
      let impersonator: UserProfile | undefined;
      if (session.impersonatorId !== null) {
        impersonator = await getUser(db, session.impersonatorId);
        const ended = await impersonationEnded(db, session, user, impersonator);
        if (ended) {
          // Checked on every request: an impersonation lasts no longer than the rights and the session it came from.
          await deleteAuthSession(db, session.tokenHash);
          await recordAudit(db, {
            organisationId: user.organisationId, actorUserId: session.impersonatorId, actingAsUserId: user.id,
            action: 'impersonation-ended', details: { reason: ended },
          });
          return;
        }
      }
      req.auth = { user, session, impersonator, viaCookie: !bearer };
    })().then(() => next(), next);
  };
}

/** Why an impersonation may no longer go on, or undefined while it may. */
async function impersonationEnded(db: Kysely<Database>, session: SessionRow, user: UserProfile, impersonator: UserProfile | undefined): Promise<string | undefined> {
  if (!impersonator) return 'the administrator no longer exists';
  if (impersonator.role !== 'admin') return 'the administrator is no longer an administrator';
  if (impersonator.organisationId !== user.organisationId) return 'the administrator is in another organisation';
  if (session.parentTokenHash && !(await findSessionByHash(db, session.parentTokenHash, new Date()))) return 'the administrator\'s own session ended';
  return undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const requireAuth: RequestHandler = (req, _res, next) => {
  if (!req.auth) return next(unauthorized());
  if (req.auth.viaCookie && !SAFE_METHODS.has(req.method) && req.get('x-csrf-token') !== req.auth.session.csrfToken) {
    return next(new AppError(403, 'csrf-token-missing', 'X-CSRF-Token header missing or wrong'));
  }
  next();
};

export const requireAdmin: RequestHandler = (req, _res, next) => {
  if (!req.auth) return next(unauthorized());
  if (req.auth.user.role !== 'admin') return next(forbidden('administrators only'));
  next();
};

/** The signed-in user; routes behind requireAuth only. */
export function who(req: Request): AuthContext {
  if (!req.auth) throw unauthorized();
  return req.auth;
}

/** How long one read of one path in one impersonation is audited once (the portal polls). */
const READ_AUDIT_DEDUP_MS = 10 * 60_000;

/**
 * Each change made while impersonating is in the organisation's audit log, and so is each
 * read (listening to someone's voicemail is as sensitive as changing it); repeated reads of
 * one path in one impersonation are recorded once per ten minutes.
 */
export function auditImpersonatedChanges(db: Kysely<Database>): RequestHandler {
  const lastRead = new Map<string, number>();
  return (req: Request, res: Response, next: NextFunction) => {
    const auth = req.auth;
    // Starting and stopping impersonation are audited by their own routes.
    if (!auth?.impersonator || req.path.startsWith('/auth/')) return next();
    const read = SAFE_METHODS.has(req.method);
    if (read) {
      const now = Date.now();
      for (const [key, at] of lastRead) if (now - at >= READ_AUDIT_DEDUP_MS) lastRead.delete(key);
      const key = `${auth.session.tokenHash} ${req.method} ${req.originalUrl}`;
      if (lastRead.has(key)) return next();
      lastRead.set(key, now);
    }
    res.on('finish', () => {
      if (res.statusCode >= 400) return;
      void recordAudit(db, {
        organisationId: auth.user.organisationId,
        actorUserId: auth.impersonator!.id,
        actingAsUserId: auth.user.id,
        action: read ? 'impersonated-read' : 'impersonated-change',
        details: { method: req.method, path: req.originalUrl, status: res.statusCode },
      }).catch(() => undefined);
    });
    next();
  };
}
