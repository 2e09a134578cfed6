import { Router, type Request } from 'express';
import type { Kysely } from 'kysely';
import { AppError, badRequest, forbidden, notFound } from '../../errors.js';
import { conflictFromUniqueViolation } from '../../store/unique-violation.js';
import type { Database } from '../../store/schema.js';
import type { DialStringCheck } from '../settings/dial-string-check.js';
import { asyncRoute, parse } from '../../http/problem.js';
import { requireAdmin, requireAuth, who } from '../../http/auth/authenticate.js';
import { hashSecret, UNKNOWN_ACCOUNT_HASH, verifySecret } from '../password.js';
import type { LoginLimiter } from '../../http/auth/login-limiter.js';
import { deleteImpersonationsBy, deleteUserSessions } from '../../http/auth/session-store.js';
import {
  createUser, deleteUser, getUser, getUserRow, listUsers, updateUser, type UserProfile, type UserWrite,
} from '../settings/user-repository.js';
import { auditActor, auditUserChange, recordUserLifecycle } from './user-audit.js';
import { canViewUser, fieldsUserMayNotChange } from '../policy/access.js';
import { createUserBody, didsBody, idParam, listUsersQuery, locationsBody, updateUserBody, type UpdateUserBody } from './user-schemas.js';

/** Users: administrators manage their organisation; a user reads and edits their own account. */
export function userRoutes(db: Kysely<Database>, dialStrings: DialStringCheck, options: { limiter?: LoginLimiter } = {}): Router {
  const router = Router();
  router.use('/users', requireAuth);

  const loadVisible = async (actor: UserProfile, id: number): Promise<UserProfile> => {
    const target = await getUser(db, id);
    // Someone else's account in another organisation is indistinguishable from none.
    if (!target || target.organisationId !== actor.organisationId) throw notFound('user');
    if (!canViewUser(actor, target)) throw forbidden('you may only see your own account');
    return target;
  };

  /** Hashes secrets, and checks every dial string before it is stored (400 naming the field). */
  const toWrite = async (body: Partial<UpdateUserBody>): Promise<Partial<UserWrite>> => {
    const { password, pin, currentPassword: _current, ...rest } = body;
    if (rest.locations) rest.locations = await dialStrings.locations(rest.locations);
    if (rest.secondaryNumber) rest.secondaryNumber = dialStrings.outsideNumber('secondaryNumber', rest.secondaryNumber);
    return {
      ...rest,
      ...(password !== undefined ? { passwordHash: await hashSecret(password) } : {}),
      ...(pin !== undefined ? { pinHash: await hashSecret(pin) } : {}),
    };
  };

  /**
   * A system administrator's account is theirs and other system administrators' to change:
   * an organisation's admin resetting its password (or acting as it) would be a way in.
   */
  const guardSystemAdmin = (req: Parameters<typeof who>[0], target: UserProfile) => {
    const { user: actor, impersonator } = who(req);
    if (!target.systemAdmin || actor.id === target.id && !impersonator) return;
    if (!actor.systemAdmin || impersonator) throw forbidden('only a system administrator may change a system administrator');
  };

  /**
   * One's own password is changed only with the current one (impersonating administrators
   * too: they reset it as administrators instead). Guesses count against the account's
   * sign-in budget, so an open session cannot be used to guess the password.
   */
  const checkCurrentPassword = async (req: Request, userId: number, given: string | undefined) => {
    if (given === undefined) throw badRequest('currentPassword', 'give your current password to change it');
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const account = `user:${userId}`;
    if (options.limiter?.reserveAccount(account, Date.now())) throw new AppError(429, 'too-many-attempts', 'too many wrong passwords; wait a few minutes');
    const row = await getUserRow(db, userId);
    if (!(await verifySecret(given, row?.password_hash ?? UNKNOWN_ACCOUNT_HASH))) throw new AppError(403, 'wrong-current-password', 'currentPassword: not your current password');
    options.limiter?.succeeded(account, address);
  };

  const checkBackup = async (organisationId: number, selfId: number | undefined, backupUserId: number | null | undefined) => {
    if (backupUserId === undefined || backupUserId === null) return;
    if (backupUserId === selfId) throw badRequest('backupUserId', 'a user cannot be their own backup');
    const backup = await getUserRow(db, backupUserId);
    if (!backup || backup.organisation_id !== organisationId) throw badRequest('backupUserId', 'no such user in this organisation');
  };

  // The repository names a taken extension, device, DID or e-mail; this covers the race after its check.
  const uniqueViolation = conflictFromUniqueViolation;

  router.get('/users', requireAdmin, asyncRoute(async (req, res) => {
    const query = parse(listUsersQuery, req.query, 'query');
    res.json(await listUsers(db, who(req).user.organisationId, query));
  }));

  router.post('/users', requireAdmin, asyncRoute(async (req, res) => {
    const body = parse(createUserBody, req.body);
    const actor = who(req).user;
    await checkBackup(actor.organisationId, undefined, body.backupUserId);
    try {
      const user = await createUser(db, actor.organisationId, { ...(await toWrite(body)), extension: body.extension, name: body.name });
      await recordUserLifecycle(db, auditActor(req), 'user-created', user);
      res.status(201).location(`/api/users/${user.id}`).json(user);
    } catch (error) {
      throw uniqueViolation(error) ?? error;
    }
  }));

  router.get('/users/:id', asyncRoute(async (req, res) => {
    const { id } = parse(idParam, req.params, 'params');
    res.json(await loadVisible(who(req).user, id));
  }));

  router.patch('/users/:id', asyncRoute(async (req, res) => {
    const { id } = parse(idParam, req.params, 'params');
    const actor = who(req).user;
    const target = await getUser(db, id);
    if (!target || target.organisationId !== actor.organisationId) throw notFound('user');
    guardSystemAdmin(req, target);
    const body = parse(updateUserBody, req.body);
    const refused = fieldsUserMayNotChange(actor, target, Object.keys(body));
    if (refused.length) throw forbidden(actor.id === target.id ? `only an administrator may change: ${refused.join(', ')}` : 'you may only change your own account');
    await checkBackup(actor.organisationId, target.id, body.backupUserId);
    const ownPassword = body.password !== undefined && actor.id === target.id;
    if (ownPassword) await checkCurrentPassword(req, target.id, body.currentPassword);
    let updated: UserProfile | undefined;
    try {
      updated = await updateUser(db, id, await toWrite(body));
    } catch (error) {
      throw uniqueViolation(error) ?? error;
    }
    // A new password ends every other session of the account: one's own change keeps the
    // session that made it, an administrator's reset ends them all.
    if (body.password !== undefined) await deleteUserSessions(db, target.id, ownPassword ? who(req).session.tokenHash : undefined);
    // Rights withdrawn end the impersonations they allowed at once (authenticate re-checks too).
    if (body.role !== undefined && body.role !== 'admin') await deleteImpersonationsBy(db, target.id);
    if (updated) await auditUserChange(db, req, target, updated, Object.keys(body));
    res.json(updated);
  }));

  router.delete('/users/:id', requireAdmin, asyncRoute(async (req, res) => {
    const { id } = parse(idParam, req.params, 'params');
    const actor = who(req).user;
    const target = await getUser(db, id);
    if (!target || target.organisationId !== actor.organisationId) throw notFound('user');
    if (target.id === actor.id) throw badRequest('id', 'you cannot delete your own account');
    guardSystemAdmin(req, target);
    await deleteUser(db, id);
    await recordUserLifecycle(db, auditActor(req), 'user-deleted', target);
    res.status(204).end();
  }));

  router.get('/users/:id/locations', asyncRoute(async (req, res) => {
    const { id } = parse(idParam, req.params, 'params');
    res.json({ locations: (await loadVisible(who(req).user, id)).locations });
  }));
  router.put('/users/:id/locations', requireAdmin, asyncRoute(async (req, res) => {
    const { id } = parse(idParam, req.params, 'params');
    const target = await loadVisible(who(req).user, id);
    guardSystemAdmin(req, target);
    const body = parse(locationsBody, req.body);
    if (!body.locations.some((l) => l.kind === 'primary')) throw badRequest('locations', 'a user needs one primary location');
    if (body.locations.filter((l) => l.kind === 'primary').length > 1) throw badRequest('locations', 'only one primary location');
    const locations = await dialStrings.locations(body.locations);
    let updated: UserProfile;
    try {
      updated = (await updateUser(db, id, { locations }))!;
    } catch (error) {
      throw uniqueViolation(error) ?? error;
    }
    await auditUserChange(db, req, target, updated);
    res.json({ locations: updated.locations });
  }));

  router.get('/users/:id/dids', asyncRoute(async (req, res) => {
    const { id } = parse(idParam, req.params, 'params');
    res.json({ dids: (await loadVisible(who(req).user, id)).dids });
  }));
  router.put('/users/:id/dids', requireAdmin, asyncRoute(async (req, res) => {
    const { id } = parse(idParam, req.params, 'params');
    const target = await loadVisible(who(req).user, id);
    guardSystemAdmin(req, target);
    const body = parse(didsBody, req.body);
    let updated: UserProfile;
    try {
      updated = (await updateUser(db, id, { dids: body.dids }))!;
    } catch (error) {
      throw uniqueViolation(error) ?? error;
    }
    await auditUserChange(db, req, target, updated);
    res.json({ dids: updated.dids });
  }));

  return router;
}
