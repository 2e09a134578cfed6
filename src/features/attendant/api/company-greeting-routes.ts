import express, { Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from '../../../http/openapi/zod.js';
import { badRequest, notFound } from '../../../errors.js';
import { requireAdmin, requireAuth, who } from '../../../http/auth/authenticate.js';
import { asyncRoute, parse } from '../../../http/problem.js';
import type { Database } from '../../../store/schema.js';
import type { CompanyGreetingFiles } from '../company-greeting-files.js';
import { COMPANY_GREETING_KINDS, getCompanyGreetings, setCompanyGreeting } from '../settings/company-greetings.js';

export const companyGreetingParams = z.object({ kind: z.enum(COMPANY_GREETING_KINDS) });
export const companyGreetingMediaParams = z.object({ file: z.string().regex(/^org\d+-[a-z-]+-[0-9a-f]{24}\.wav$/), expires: z.string().max(20), signature: z.string().max(64) });
export const companyGreetingsView = z.object({
  greetings: z.object(Object.fromEntries(COMPANY_GREETING_KINDS.map((k) => [k, z.boolean()])) as Record<(typeof COMPANY_GREETING_KINDS)[number], z.ZodBoolean>)
    .describe('true: an uploaded or recorded greeting plays for that part of the schedule; false: the prompt named in the settings'),
}).openapi('CompanyGreetings');

const WAV_TYPES = ['audio/wav', 'audio/x-wav', 'audio/wave', 'application/octet-stream'];

/**
 * Company greetings (PRODUCT.md 4): administrators upload or record one per part of the
 * schedule (business hours, after hours, holiday); the next caller at the company number
 * hears it. Asterisk fetches the file over a signed path (no session), mounted before auth.
 */
export function companyGreetingRoutes(db: Kysely<Database>, files: CompanyGreetingFiles): Router {
  const router = Router();
  router.get('/attendant/media/greetings/:expires/:signature/:file', asyncRoute(async (req, res) => {
    const { file, expires, signature } = parse(companyGreetingMediaParams, req.params, 'params');
    if (!files.isSigned(file, expires, signature)) throw notFound('media');
    res.type('audio/wav').sendFile(files.path(file), (error) => { if (error && !res.headersSent) res.status(404).end(); });
  }));

  router.get('/attendant/greetings', requireAuth, requireAdmin, asyncRoute(async (req, res) => {
    const uploaded = await getCompanyGreetings(db, who(req).user.organisationId);
    res.json({ greetings: Object.fromEntries(COMPANY_GREETING_KINDS.map((k) => [k, uploaded[k] !== undefined])) });
  }));
  router.put('/attendant/greetings/:kind', requireAuth, requireAdmin, express.raw({ type: WAV_TYPES, limit: '20mb' }), asyncRoute(async (req, res) => {
    const { kind } = parse(companyGreetingParams, req.params, 'params');
    const body = req.body as unknown;
    if (!Buffer.isBuffer(body) || body.length === 0) throw badRequest('body', 'send the greeting as an audio/wav body');
    const orgId = who(req).user.organisationId;
    const fileName = await files.write(orgId, kind, body);
    if (!fileName) throw badRequest('body', 'not a WAV file of at least half a second');
    const previous = await setCompanyGreeting(db, orgId, kind, fileName);
    if (previous) files.remove(previous);
    res.status(204).end();
  }));
  router.delete('/attendant/greetings/:kind', requireAuth, requireAdmin, asyncRoute(async (req, res) => {
    const { kind } = parse(companyGreetingParams, req.params, 'params');
    const previous = await setCompanyGreeting(db, who(req).user.organisationId, kind, null);
    if (previous) files.remove(previous);
    res.status(204).end();
  }));
  return router;
}
