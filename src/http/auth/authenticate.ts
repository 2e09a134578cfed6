import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Kysely } from 'kysely';
import { AppError, forbidden, unauthorized } from '../../errors.js';
import type { Database } from '../../store/schema.js';
import { getUser, type UserProfile } from '../../users/settings/user-repository.js';
import { findAuthSession, type SessionRow } from './session-store.js';
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
      const impersonator = session.impersonatorId ? await getUser(db, session.impersonatorId) : undefined;
      req.auth = { user, session, impersonator, viaCookie: !bearer };
    })().then(() => next(), next);
  };
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

/** Each change made while impersonating is in the organisation's audit log. */
export function auditImpersonatedChanges(db: Kysely<Database>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const auth = req.auth;
    // Starting and stopping impersonation are audited by their own routes.
    if (!auth?.impersonator || SAFE_METHODS.has(req.method) || req.path.startsWith('/auth/')) return next();
    res.on('finish', () => {
      if (res.statusCode >= 400) return;
      void recordAudit(db, {
        organisationId: auth.user.organisationId,
        actorUserId: auth.impersonator!.id,
        actingAsUserId: auth.user.id,
        action: 'impersonated-change',
        details: { method: req.method, path: req.originalUrl, status: res.statusCode },
      }).catch(() => undefined);
    });
    next();
  };
}
