import { Router, type Request } from 'express';
import type { z } from 'zod';
import type { Kysely } from 'kysely';
import { AppError } from '../../../errors.js';
import { requireAuth, who } from '../../../http/auth/authenticate.js';
import { asyncRoute, parse } from '../../../http/problem.js';
import type { Database } from '../../../store/schema.js';
import type { DialStringCheck } from '../../../users/settings/dial-string-check.js';
import { getUser, type UserProfile } from '../../../users/settings/user-repository.js';
import type { AssistantConsole } from '../flows/console-actions.js';
import { consoleRefusal } from '../policy/console-access.js';
import type { CallAction, LineAction } from '../policy/console-calls.js';
import { executivesOf, getAssistantSettings, getExecutiveSettings, isAssistantOf } from '../settings/executive-repository.js';
import { consoleCallParams, consoleExecutiveParams, consoleNoBody, consoleNumberBody, consolePushBody, type consoleView } from './console-schemas.js';

/** The console's actions on one call, and which of them take a number. */
export const CALL_ACTIONS: ReadonlyArray<{ action: CallAction; number: boolean; summary: string }> = [
  { action: 'take', number: false, summary: 'Take a filtered call ringing the assistants: only my phone rings now (with an auto-answer hint)' },
  { action: 'voicemail', number: false, summary: 'Send a filtered call ringing the assistants to the executive\'s voicemail' },
  { action: 'forward', number: true, summary: 'Forward a filtered call ringing the assistants to a number' },
  { action: 'push', number: false, summary: 'Push my answered executive call to the executive (#63; `warm`: I announce it first, as #631); unanswered it comes back to me' },
  { action: 'hold', number: false, summary: 'Hold my answered executive call (the caller hears music)' },
  { action: 'resume', number: false, summary: 'Resume my held executive call' },
  { action: 'transfer', number: true, summary: 'Transfer my answered executive call to a number (blind); unanswered it comes back to me' },
];
export const LINE_ACTIONS: ReadonlyArray<{ action: LineAction; number: boolean; summary: string }> = [
  { action: 'retrieve', number: false, summary: 'Retrieve the executive\'s answered call: my phone rings, then the call moves to it (#64 <executive> *11)' },
  { action: 'bridge', number: false, summary: 'Bridge into the executive\'s answered call: my phone rings, then joins it after the warning tone (#64 <executive> *15)' },
  { action: 'call', number: true, summary: 'Call as the executive: my phone rings, then the number is dialled with the executive\'s identity (#64 <executive> <number>)' },
];

/**
 * The assistant console (issue 17): what the assistant's executives' lines are doing, and
 * actions on their calls. Only an assistant in the executive's pool, in their
 * organisation, sees or acts (policy/console-access.ts); settings changes go through the
 * executive and assistant routes the settings pages use.
 */
export function consoleRoutes(db: Kysely<Database>, assistantConsole: AssistantConsole, dialStrings: DialStringCheck): Router {
  const router = Router();
  router.use('/assistant-console', requireAuth);

  const load = async (req: Request): Promise<{ assistant: UserProfile; executive: UserProfile }> => {
    const { executiveId } = parse(consoleExecutiveParams, { executiveId: req.params.executiveId }, 'params');
    const assistant = who(req).user;
    const executive = await getUser(db, executiveId);
    const refusal = consoleRefusal(assistant, executive, executive ? await isAssistantOf(db, assistant.id, executive.id) : false);
    if (refusal) throw new AppError(refusal.status, refusal.code, refusal.detail);
    return { assistant, executive: executive! };
  };
  const numberOf = async (req: Request, executive: UserProfile, needed: boolean): Promise<string | undefined> => {
    if (!needed) { parse(consoleNoBody, req.body ?? {}); return undefined; }
    const { number } = parse(consoleNumberBody, req.body);
    return dialStrings.numberOrExtension('number', number, executive.organisationId);
  };

  router.get('/assistant-console', asyncRoute(async (req, res) => {
    const assistant = who(req).user;
    if (!assistant.services.includes('assistant')) throw new AppError(403, 'not-an-assistant', 'the console is for assistants: you have no assistant service');
    const [settings, pool] = await Promise.all([getAssistantSettings(db, assistant.id), executivesOf(db, assistant.id)]);
    const executives = await Promise.all(pool.map(async (p) => {
      const s = await getExecutiveSettings(db, p.executiveId);
      return {
        id: p.executiveId, name: p.name, extension: p.extension, optedIn: p.optedIn, allowOptInOut: s.allowOptInOut,
        filtering: s.filtering.enabled, screening: s.screening.enabled, line: assistantConsole.line(p.executiveId, assistant),
      };
    }));
    const view: z.infer<typeof consoleView> = {
      assistant: { id: assistant.id, name: assistant.name, extension: assistant.extension, divert: settings.divert },
      executives,
    };
    res.json(view);
  }));

  for (const { action, number } of CALL_ACTIONS) {
    router.post(`/assistant-console/executives/:executiveId/calls/:callId/${action}`, asyncRoute(async (req, res) => {
      const { callId } = parse(consoleCallParams, req.params, 'params');
      const { assistant, executive } = await load(req);
      const input = action === 'push' ? parse(consolePushBody, req.body ?? {}) : { number: await numberOf(req, executive, number) };
      await assistantConsole.callAction(assistant, executive, callId, action, input);
      res.status(202).json({ action, detail: `${action}: under way` });
    }));
  }
  for (const { action, number } of LINE_ACTIONS) {
    router.post(`/assistant-console/executives/:executiveId/${action}`, asyncRoute(async (req, res) => {
      const { assistant, executive } = await load(req);
      assistantConsole.lineAction(assistant, executive, action, await numberOf(req, executive, number));
      res.status(202).json({ action, detail: 'your phone rings: answer it to go on' });
    }));
  }
  return router;
}
