import { Router, type Request } from 'express';
import type { Kysely } from 'kysely';
import { AppError, forbidden, notFound } from '../../../errors.js';
import { requireAuth, who } from '../../../http/auth/authenticate.js';
import { asyncRoute, parse } from '../../../http/problem.js';
import type { Database } from '../../../store/schema.js';
import type { DialStringCheck } from '../../../users/settings/dial-string-check.js';
import { getUser, getUsers, type UserProfile } from '../../../users/settings/user-repository.js';
import type { ExecutiveService } from '../executive-service.js';
import { executiveAccess, mayChange, type ExecutiveAccess, type ExecutiveSection } from '../policy/access.js';
import { poolProblems } from '../policy/pool-rules.js';
import {
  assistantsOf, getExecutiveSettings, isAssistantOf, saveExecutiveSettings, setPool, type ExecutiveSettings,
} from '../settings/executive-repository.js';
import { alertingBody, executiveParam, filteringBody, poolBody, screeningBody } from './executive-schemas.js';

/**
 * An executive's settings: the executive and their organisation's administrators manage
 * everything; assistants in the pool read and change filtering, screening and alerting,
 * never the pool (BroadWorks).
 */
export function executiveRoutes(db: Kysely<Database>, service: ExecutiveService, dialStrings: DialStringCheck): Router {
  const router = Router();
  router.use('/executives', requireAuth);

  /** The executive and how the caller stands towards them; another organisation's user is a 404. */
  const load = async (req: Request, section: ExecutiveSection | 'read'): Promise<{ executive: UserProfile; access: ExecutiveAccess; actor: UserProfile }> => {
    const { id } = parse(executiveParam, req.params, 'params');
    const actor = who(req).user;
    const executive = await getUser(db, id);
    if (!executive || executive.organisationId !== actor.organisationId || !executive.services.includes('executive')) throw notFound('executive');
    const access = executiveAccess(actor, executive, await isAssistantOf(db, actor.id, executive.id));
    if (access === 'none') throw forbidden('only the executive, their assistants or an administrator');
    if (section !== 'read' && !mayChange(access, section)) throw forbidden(`assistants may not change the ${section}`);
    if (section === 'pool' && access !== 'full') throw forbidden('assistants may not see or change the pool');
    return { executive, access, actor };
  };

  const view = async (s: ExecutiveSettings, access: ExecutiveAccess) => ({
    executiveId: s.executiveId,
    filtering: s.filtering,
    screening: s.screening,
    alerting: { ...s.alerting, pushRecallRings: s.pushRecallRings },
    ...(access === 'full' ? { pool: { allowOptInOut: s.allowOptInOut, assistants: await assistantsOf(db, s.executiveId) } } : {}),
  });

  router.get('/executives/:id', asyncRoute(async (req, res) => {
    const { executive, access } = await load(req, 'read');
    res.json(await view(await getExecutiveSettings(db, executive.id), access));
  }));

  router.get('/executives/:id/filtering', asyncRoute(async (req, res) => {
    const { executive } = await load(req, 'read');
    res.json((await getExecutiveSettings(db, executive.id)).filtering);
  }));
  router.put('/executives/:id/filtering', asyncRoute(async (req, res) => {
    const { executive } = await load(req, 'filtering');
    const body = parse(filteringBody, req.body);
    const before = await getExecutiveSettings(db, executive.id);
    const saved = await saveExecutiveSettings(db, executive.id, { filtering: { ...before.filtering, ...body } });
    if (saved.filtering.enabled !== before.filtering.enabled) await service.notifier.filteringChanged(executive, saved.filtering.enabled);
    res.json(saved.filtering);
  }));

  router.get('/executives/:id/screening', asyncRoute(async (req, res) => {
    const { executive } = await load(req, 'read');
    res.json((await getExecutiveSettings(db, executive.id)).screening);
  }));
  router.put('/executives/:id/screening', asyncRoute(async (req, res) => {
    const { executive } = await load(req, 'screening');
    const body = parse(screeningBody, req.body);
    const before = await getExecutiveSettings(db, executive.id);
    res.json((await saveExecutiveSettings(db, executive.id, { screening: { ...before.screening, ...body } })).screening);
  }));

  router.get('/executives/:id/alerting', asyncRoute(async (req, res) => {
    const { executive } = await load(req, 'read');
    const s = await getExecutiveSettings(db, executive.id);
    res.json({ ...s.alerting, pushRecallRings: s.pushRecallRings });
  }));
  router.put('/executives/:id/alerting', asyncRoute(async (req, res) => {
    const { executive } = await load(req, 'alerting');
    const { pushRecallRings, ...body } = parse(alertingBody, req.body);
    if (body.rollover?.forwardNumber) {
      body.rollover.forwardNumber = await dialStrings.numberOrExtension('rollover.forwardNumber', body.rollover.forwardNumber, executive.organisationId);
    }
    const before = await getExecutiveSettings(db, executive.id);
    const saved = await saveExecutiveSettings(db, executive.id, {
      alerting: { ...before.alerting, ...body },
      pushRecallRings: pushRecallRings ?? before.pushRecallRings,
    });
    res.json({ ...saved.alerting, pushRecallRings: saved.pushRecallRings });
  }));

  router.get('/executives/:id/assistants', asyncRoute(async (req, res) => {
    const { executive } = await load(req, 'pool');
    const s = await getExecutiveSettings(db, executive.id);
    res.json({ allowOptInOut: s.allowOptInOut, assistants: await assistantsOf(db, executive.id) });
  }));
  router.put('/executives/:id/assistants', asyncRoute(async (req, res) => {
    const { executive } = await load(req, 'pool');
    const body = parse(poolBody, req.body);
    if (body.assistants) {
      const candidates = new Map((await getUsers(db, body.assistants)).map((u) => [u.id, u]));
      const problems = poolProblems(executive, body.assistants, candidates);
      if (problems.length) throw new AppError(400, 'invalid-request', `${problems[0]!.field}: ${problems[0]!.message}`, { fields: problems });
      const before = new Map((await assistantsOf(db, executive.id)).map((m) => [m.assistantId, m.optedIn]));
      const after = await setPool(db, executive.id, body.assistants);
      // Newcomers light their opt-in lamp; leavers' lamps go dark.
      for (const m of after) if (!before.has(m.assistantId)) await service.notifier.optInChanged(candidates.get(m.assistantId)!, executive, m.optedIn);
      for (const id of before.keys()) {
        if (!body.assistants.includes(id)) {
          const leaver = await getUser(db, id);
          if (leaver) await service.notifier.optInChanged(leaver, executive, false);
        }
      }
    }
    if (body.allowOptInOut !== undefined) await saveExecutiveSettings(db, executive.id, { allowOptInOut: body.allowOptInOut });
    const s = await getExecutiveSettings(db, executive.id);
    res.json({ allowOptInOut: s.allowOptInOut, assistants: await assistantsOf(db, executive.id) });
  }));

  return router;
}
