import { Router, type Response } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError, badRequest, forbidden, notFound } from '../../errors.js';
import type { Database } from '../../store/schema.js';
import { recordAudit } from '../../store/audit.js';
import { getUser, getUserRow } from '../../users/settings/user-repository.js';
import { asyncRoute, parse } from '../problem.js';
import { requireAdmin, requireAuth, SESSION_COOKIE, who } from './authenticate.js';
import { LoginLimiter } from './login-limiter.js';
import { verifySecret } from '../../users/password.js';
import { createAuthSession, deleteAuthSession, findAuthSession } from './session-store.js';
import { MAX_ROW_ID } from '../../store/schema.js';

const ADMIN_COOKIE = 'sb_admin_session';
const loginBody = z.object({
  login: z.string().trim().min(1, 'required').max(200),
  password: z.string().min(1, 'required').max(200),
}).strict();
const impersonateBody = z.object({
  userId: z.number().int().positive().max(MAX_ROW_ID),
  reason: z.string().trim().min(5, 'give a reason of at least 5 characters').max(500),
}).strict();

export function authRoutes(db: Kysely<Database>, options: { secureCookies: boolean }): Router {
  const router = Router();
  const limiter = new LoginLimiter();
  const setCookie = (res: Response, name: string, token: string) =>
    res.cookie(name, token, { httpOnly: true, sameSite: 'strict', secure: options.secureCookies, path: '/', maxAge: 12 * 3600_000 });

  router.post('/auth/login', asyncRoute(async (req, res) => {
    const body = parse(loginBody, req.body);
    const key = `${req.ip}|${body.login.toLowerCase()}`;
    if (limiter.isBlocked(key, Date.now())) throw new AppError(429, 'too-many-attempts', 'too many failed sign-ins; wait a few minutes');
    const row = body.login.includes('@')
      ? await db.selectFrom('users').selectAll().where('email', '=', body.login).executeTakeFirst()
      : await db.selectFrom('users').selectAll().where('extension', '=', body.login).orderBy('id').executeTakeFirst();
    // Hash even for an unknown login so timing does not reveal which logins exist.
    const ok = await verifySecret(body.password, row?.password_hash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA');
    if (!row || !ok) {
      limiter.recordFailure(key, Date.now());
      throw new AppError(401, 'bad-credentials', 'login or password is wrong');
    }
    limiter.reset(key);
    const { token, csrfToken } = await createAuthSession(db, row.id, new Date());
    setCookie(res, SESSION_COOKIE, token);
    res.json({ token, csrfToken, user: await getUser(db, row.id) });
  }));

  router.post('/auth/logout', requireAuth, asyncRoute(async (req, res) => {
    await deleteAuthSession(db, who(req).session.tokenHash);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  }));

  router.get('/auth/me', requireAuth, (req, res) => {
    const auth = who(req);
    res.json({
      user: auth.user,
      csrfToken: auth.session.csrfToken,
      impersonation: auth.impersonator ? { by: { id: auth.impersonator.id, name: auth.impersonator.name }, reason: auth.session.impersonationReason } : null,
    });
  });

  /** An administrator acts as another user, only with a reason; both ends are audited. */
  router.post('/auth/impersonate', requireAuth, requireAdmin, asyncRoute(async (req, res) => {
    const auth = who(req);
    if (auth.impersonator) throw new AppError(409, 'already-impersonating', 'stop the current impersonation first');
    const raw = req.body as Record<string, unknown> | undefined;
    if (raw && typeof raw === 'object' && (raw.reason === undefined || raw.reason === '')) throw badRequest('reason', 'a reason is required to act as another user');
    const body = parse(impersonateBody, req.body);
    const target = await getUserRow(db, body.userId);
    if (!target || target.organisation_id !== auth.user.organisationId) throw notFound('user');
    if (target.id === auth.user.id) throw badRequest('userId', 'you cannot impersonate yourself');
    const { token, csrfToken } = await createAuthSession(db, target.id, new Date(), { impersonatorId: auth.user.id, reason: body.reason });
    await recordAudit(db, {
      organisationId: auth.user.organisationId, actorUserId: auth.user.id, actingAsUserId: target.id,
      action: 'impersonation-started', details: { reason: body.reason, targetExtension: target.extension },
    });
    const adminToken = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (adminToken && auth.viaCookie) setCookie(res, ADMIN_COOKIE, adminToken);
    setCookie(res, SESSION_COOKIE, token);
    res.status(201).json({ token, csrfToken, user: await getUser(db, target.id) });
  }));

  router.post('/auth/impersonate/stop', requireAuth, asyncRoute(async (req, res) => {
    const auth = who(req);
    if (!auth.impersonator) throw forbidden('not impersonating anyone');
    await recordAudit(db, {
      organisationId: auth.user.organisationId, actorUserId: auth.impersonator.id, actingAsUserId: auth.user.id,
      action: 'impersonation-stopped', details: {},
    });
    await deleteAuthSession(db, auth.session.tokenHash);
    const adminToken = (req.cookies as Record<string, string> | undefined)?.[ADMIN_COOKIE];
    const adminSession = adminToken ? await findAuthSession(db, adminToken, new Date()) : undefined;
    if (adminToken && adminSession) setCookie(res, SESSION_COOKIE, adminToken);
    else res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(ADMIN_COOKIE, { path: '/' });
    res.json({ user: await getUser(db, auth.impersonator.id), csrfToken: adminSession?.csrfToken ?? null });
  }));

  return router;
}

