import { Router, type Response } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError, badRequest, forbidden, notFound } from '../../errors.js';
import type { Database } from '../../store/schema.js';
import { recordAudit } from '../../store/audit.js';
import { getUser, getUserRow } from '../../users/settings/user-repository.js';
import { asyncRoute, parse } from '../problem.js';
import { requireAdmin, requireAuth, SESSION_COOKIE, who } from './authenticate.js';
import { LoginLimiter, type LoginRefusal } from './login-limiter.js';
import { HashQueueFull, UNKNOWN_ACCOUNT_HASH, verifySecret } from '../../users/password.js';
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

/** Sign-ins waiting for a hash beyond this are refused with 503 rather than queued without end. */
const MAX_QUEUED_LOGINS = 20;

function refuseIf(res: Response, refusal: LoginRefusal | undefined): void {
  if (!refusal) return;
  res.set('Retry-After', String(Math.ceil(refusal.retryAfterMs / 1000)));
  if (refusal.refused === 'global') throw new AppError(503, 'sign-in-busy', 'too many sign-ins at once; try again in a moment');
  throw new AppError(429, 'too-many-attempts', 'too many failed sign-ins; wait a few minutes');
}

/** `limiter` is shared with the routes that check a password too (changing one's own). */
export function authRoutes(db: Kysely<Database>, options: { secureCookies: boolean; limiter?: LoginLimiter }): Router {
  const router = Router();
  const limiter = options.limiter ?? new LoginLimiter();
  const setCookie = (res: Response, name: string, token: string) =>
    res.cookie(name, token, { httpOnly: true, sameSite: 'strict', secure: options.secureCookies, path: '/', maxAge: 12 * 3600_000 });

  router.post('/auth/login', asyncRoute(async (req, res) => {
    const body = parse(loginBody, req.body);
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    refuseIf(res, limiter.reserveAddress(address, Date.now()));
    const row = body.login.includes('@')
      ? await db.selectFrom('users').selectAll().where('email', '=', body.login).executeTakeFirst()
      : await db.selectFrom('users').selectAll().where('extension', '=', body.login).orderBy('id').executeTakeFirst();
    // One budget per account however it is spelt; an unknown login by its normalised text.
    const account = row ? `user:${row.id}` : `login:${body.login.toLowerCase()}`;
    refuseIf(res, limiter.reserveAccount(account, Date.now()));
    let ok: boolean;
    try {
      // Hash even for an unknown login (same parameters, same cost) so timing does not reveal which logins exist.
      ok = await verifySecret(body.password, row?.password_hash ?? UNKNOWN_ACCOUNT_HASH, { maxQueue: MAX_QUEUED_LOGINS });
    } catch (error) {
      if (!(error instanceof HashQueueFull)) throw error;
      limiter.cancel(account, address);
      res.set('Retry-After', '2');
      throw new AppError(503, 'sign-in-busy', 'too many sign-ins at once; try again in a moment');
    }
    if (!row || !ok) throw new AppError(401, 'bad-credentials', 'login or password is wrong');
    limiter.succeeded(account, address);
    const { token, csrfToken } = await createAuthSession(db, row.id, new Date());
    setCookie(res, SESSION_COOKIE, token);
    res.json({ token, csrfToken, user: await getUser(db, row.id) });
  }));

  /**
   * Signing out while impersonating signs the administrator out too: the impersonation and
   * the administrator's session it was started from both end (whoever walks up to the
   * screen next finds no session at all, rather than an administrator's).
   */
  router.post('/auth/logout', requireAuth, asyncRoute(async (req, res) => {
    const auth = who(req);
    await deleteAuthSession(db, auth.session.tokenHash);
    if (auth.impersonator) {
      if (auth.session.parentTokenHash) await deleteAuthSession(db, auth.session.parentTokenHash);
      await recordAudit(db, {
        organisationId: auth.user.organisationId, actorUserId: auth.impersonator.id, actingAsUserId: auth.user.id,
        action: 'impersonation-stopped', details: { by: 'sign-out; the administrator\'s session ended too' },
      });
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(ADMIN_COOKIE, { path: '/' });
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
    const { token, csrfToken } = await createAuthSession(db, target.id, new Date(), { impersonatorId: auth.user.id, reason: body.reason, parentTokenHash: auth.session.tokenHash });
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

