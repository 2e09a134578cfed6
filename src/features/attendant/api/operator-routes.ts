import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import { forbidden, notFound } from '../../../errors.js';
import { requireAuth, who } from '../../../http/auth/authenticate.js';
import { asyncRoute, parse } from '../../../http/problem.js';
import type { Database } from '../../../store/schema.js';
import { getOrganisation } from '../../../users/settings/organisation-repository.js';
import { getUser, type UserProfile } from '../../../users/settings/user-repository.js';
import { consoleView } from '../console/console-view.js';
import type { OperatorDesk } from '../console/operator-desk.js';
import { mayUseOperatorConsole } from '../policy/console-calls.js';
import { streamConsole, type ConsoleStreamDeps } from './console-stream.js';
import { callParam, slotParam, transferBody, voicemailBody } from './operator-schemas.js';

/**
 * The operator console under /api/attendant/console: the organisation's operator and its
 * administrators only, and only their own organisation's calls (a call id of another
 * organisation is "no such call").
 */
export function operatorRoutes(db: Kysely<Database>, desk: OperatorDesk, stream: ConsoleStreamDeps): Router {
  const router = Router();
  router.use('/attendant/console', requireAuth, asyncRoute(operatorOnly(db)));

  router.get('/attendant/console', asyncRoute(async (req, res) => {
    const orgId = who(req).user.organisationId;
    // The live state is fresh only while someone watches: watch for the one answer.
    const leave = await stream.live.subscribe(() => undefined);
    const lines = stream.live.snapshot.lines;
    leave();
    res.json(await consoleView(stream, orgId, lines, stream.clock.now()));
  }));
  router.get('/attendant/console/live', asyncRoute(async (req, res) => {
    await streamConsole(stream, who(req).user.organisationId, req, res);
  }));

  router.post('/attendant/console/calls/:callId/transfer', asyncRoute(async (req, res) => {
    const { callId } = parse(callParam, req.params, 'params');
    const body = parse(transferBody, req.body);
    const orgId = who(req).user.organisationId;
    await desk.transfer(orgId, callId, await colleague(db, orgId, body.userId), { announce: body.announce });
    res.status(202).json({ callId });
  }));
  router.post('/attendant/console/calls/:callId/voicemail', asyncRoute(async (req, res) => {
    const { callId } = parse(callParam, req.params, 'params');
    const body = parse(voicemailBody, req.body);
    const orgId = who(req).user.organisationId;
    await desk.sendToVoicemail(orgId, callId, await colleague(db, orgId, body.userId));
    res.status(202).json({ callId });
  }));
  router.post('/attendant/console/calls/:callId/park', asyncRoute(async (req, res) => {
    const { callId } = parse(callParam, req.params, 'params');
    res.status(200).json({ slot: await desk.park(who(req).user.organisationId, callId) });
  }));
  router.post('/attendant/console/calls/:callId/hangup', asyncRoute(async (req, res) => {
    const { callId } = parse(callParam, req.params, 'params');
    await desk.hangUp(who(req).user.organisationId, callId);
    res.status(204).end();
  }));
  router.post('/attendant/console/parked/:slot/pickup', asyncRoute(async (req, res) => {
    const { slot } = parse(slotParam, req.params, 'params');
    // The phone that rings is the one of whoever clicked: the operator's own, or an administrator's.
    desk.pickUp(who(req).user.organisationId, slot, who(req).user);
    res.status(202).json({ slot });
  }));
  return router;
}

function operatorOnly(db: Kysely<Database>) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const viewer = who(req).user;
    const org = await getOrganisation(db, viewer.organisationId);
    if (!org || !mayUseOperatorConsole(viewer, org)) throw forbidden('the operator console is for the operator and administrators');
    next();
  };
}

/** A person of the viewer's organisation to send a caller to; another organisation's is no such user. */
async function colleague(db: Kysely<Database>, organisationId: number, userId: number): Promise<UserProfile> {
  const user = await getUser(db, userId);
  if (!user || user.organisationId !== organisationId) throw notFound('user');
  return user;
}
