import { Router, type Request } from 'express';
import type { Kysely } from 'kysely';
import { AppError, forbidden, notFound } from '../../../errors.js';
import { requireAuth, who } from '../../../http/auth/authenticate.js';
import { asyncRoute, parse } from '../../../http/problem.js';
import type { Database } from '../../../store/schema.js';
import type { DialStringCheck } from '../../../users/settings/dial-string-check.js';
import { getUser, type UserProfile } from '../../../users/settings/user-repository.js';
import type { ExecutiveService } from '../executive-service.js';
import { mayManageAssistant } from '../policy/access.js';
import { executivesOf, getAssistantSettings, getExecutiveSettings, isAssistantOf, saveAssistantSettings } from '../settings/executive-repository.js';
import { assistantSettingsBody, executiveParam, optInBody, optInParams } from './executive-schemas.js';

/** An assistant's own settings (divert) and opt-in per executive: the assistant or an administrator. */
export function assistantRoutes(db: Kysely<Database>, service: ExecutiveService, dialStrings: DialStringCheck): Router {
  const router = Router();
  router.use('/assistants', requireAuth);

  const loadAssistant = async (req: Request, id: number): Promise<{ assistant: UserProfile; actor: UserProfile }> => {
    const actor = who(req).user;
    const assistant = await getUser(db, id);
    if (!assistant || assistant.organisationId !== actor.organisationId || !assistant.services.includes('assistant')) throw notFound('assistant');
    if (!mayManageAssistant(actor, assistant)) throw forbidden('only the assistant or an administrator');
    return { assistant, actor };
  };

  const view = async (assistant: UserProfile) => ({
    ...(await getAssistantSettings(db, assistant.id)),
    executives: await executivesOf(db, assistant.id),
  });

  router.get('/assistants/:id/settings', asyncRoute(async (req, res) => {
    const { id } = parse(executiveParam, req.params, 'params');
    const { assistant } = await loadAssistant(req, id);
    res.json(await view(assistant));
  }));

  router.put('/assistants/:id/settings', asyncRoute(async (req, res) => {
    const { id } = parse(executiveParam, req.params, 'params');
    const { assistant } = await loadAssistant(req, id);
    const body = parse(assistantSettingsBody, req.body);
    if (body.divert.number) body.divert.number = await dialStrings.numberOrExtension('divert.number', body.divert.number, assistant.organisationId);
    await saveAssistantSettings(db, assistant.id, body.divert);
    res.json(await view(assistant));
  }));

  router.put('/assistants/:id/executives/:execId/opt-in', asyncRoute(async (req, res) => {
    const { id, execId } = parse(optInParams, req.params, 'params');
    const { assistant, actor } = await loadAssistant(req, id);
    const executive = await getUser(db, execId);
    if (!executive || executive.organisationId !== actor.organisationId || !(await isAssistantOf(db, assistant.id, execId))) {
      throw notFound('pool-membership');
    }
    const body = parse(optInBody, req.body);
    // BroadWorks: the executive decides whether assistants may opt in and out; an administrator may always set it.
    if (actor.role !== 'admin' && !(await getExecutiveSettings(db, execId)).allowOptInOut) {
      throw new AppError(403, 'opt-in-not-allowed', 'this executive does not allow assistants to opt in or out');
    }
    await service.setOptIn(assistant, executive, body.optedIn);
    res.json(await view(assistant));
  }));

  return router;
}
