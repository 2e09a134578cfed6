import { Router } from 'express';
import type { Kysely } from 'kysely';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../errors.js';
import type { Database } from '../../store/schema.js';
import { isUniqueViolation } from '../../store/unique-violation.js';
import { asyncRoute, parse } from '../../http/problem.js';
import { requireAdmin, requireAuth, who } from '../../http/auth/authenticate.js';
import { hashSecret } from '../password.js';
import {
  createUser, deleteUser, DID_NUMBER_KEY, getUser, getUserRow, listUsers, updateUser, USER_EXTENSION_KEY, type UserProfile, type UserWrite,
} from '../settings/user-repository.js';
import { canViewUser, fieldsUserMayNotChange } from '../policy/access.js';
import { createUserBody, didsBody, idParam, listUsersQuery, locationsBody, updateUserBody, type UpdateUserBody } from './user-schemas.js';

/** Users: administrators manage their organisation; a user reads and edits their own account. */
export function userRoutes(db: Kysely<Database>): Router {
  const router = Router();
  router.use('/users', requireAuth);

  const loadVisible = async (actor: UserProfile, id: number): Promise<UserProfile> => {
    const target = await getUser(db, id);
    // Someone else's account in another organisation is indistinguishable from none.
    if (!target || target.organisationId !== actor.organisationId) throw notFound('user');
    if (!canViewUser(actor, target)) throw forbidden('you may only see your own account');
    return target;
  };

  const toWrite = async (body: Partial<UpdateUserBody>): Promise<Partial<UserWrite>> => {
    const { password, pin, ...rest } = body;
    return {
      ...rest,
      ...(password !== undefined ? { passwordHash: await hashSecret(password) } : {}),
      ...(pin !== undefined ? { pinHash: await hashSecret(pin) } : {}),
    };
  };

  const checkBackup = async (organisationId: number, selfId: number | undefined, backupUserId: number | null | undefined) => {
    if (backupUserId === undefined || backupUserId === null) return;
    if (backupUserId === selfId) throw badRequest('backupUserId', 'a user cannot be their own backup');
    const backup = await getUserRow(db, backupUserId);
    if (!backup || backup.organisation_id !== organisationId) throw badRequest('backupUserId', 'no such user in this organisation');
  };

  const uniqueViolation = (error: unknown): AppError | undefined => {
    if (isUniqueViolation(error, USER_EXTENSION_KEY)) return conflict('extension-taken', 'extension: already used by another user');
    if (isUniqueViolation(error, DID_NUMBER_KEY)) return conflict('did-taken', 'dids: a number is already assigned to another user');
    return undefined;
  };

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
    const body = parse(updateUserBody, req.body);
    const refused = fieldsUserMayNotChange(actor, target, Object.keys(body));
    if (refused.length) throw forbidden(actor.id === target.id ? `only an administrator may change: ${refused.join(', ')}` : 'you may only change your own account');
    await checkBackup(actor.organisationId, target.id, body.backupUserId);
    try {
      res.json(await updateUser(db, id, await toWrite(body)));
    } catch (error) {
      throw uniqueViolation(error) ?? error;
    }
  }));

  router.delete('/users/:id', requireAdmin, asyncRoute(async (req, res) => {
    const { id } = parse(idParam, req.params, 'params');
    const actor = who(req).user;
    const target = await getUser(db, id);
    if (!target || target.organisationId !== actor.organisationId) throw notFound('user');
    if (target.id === actor.id) throw badRequest('id', 'you cannot delete your own account');
    await deleteUser(db, id);
    res.status(204).end();
  }));

  router.get('/users/:id/locations', asyncRoute(async (req, res) => {
    const { id } = parse(idParam, req.params, 'params');
    res.json({ locations: (await loadVisible(who(req).user, id)).locations });
  }));
  router.put('/users/:id/locations', requireAdmin, asyncRoute(async (req, res) => {
    const { id } = parse(idParam, req.params, 'params');
    await loadVisible(who(req).user, id);
    const body = parse(locationsBody, req.body);
    if (!body.locations.some((l) => l.kind === 'primary')) throw badRequest('locations', 'a user needs one primary location');
    if (body.locations.filter((l) => l.kind === 'primary').length > 1) throw badRequest('locations', 'only one primary location');
    res.json({ locations: (await updateUser(db, id, { locations: body.locations }))!.locations });
  }));

  router.get('/users/:id/dids', asyncRoute(async (req, res) => {
    const { id } = parse(idParam, req.params, 'params');
    res.json({ dids: (await loadVisible(who(req).user, id)).dids });
  }));
  router.put('/users/:id/dids', requireAdmin, asyncRoute(async (req, res) => {
    const { id } = parse(idParam, req.params, 'params');
    await loadVisible(who(req).user, id);
    const body = parse(didsBody, req.body);
    try {
      res.json({ dids: (await updateUser(db, id, { dids: body.dids }))!.dids });
    } catch (error) {
      throw uniqueViolation(error) ?? error;
    }
  }));

  return router;
}
