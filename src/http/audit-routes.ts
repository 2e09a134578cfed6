import { Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../store/schema.js';
import { listAudit } from '../store/audit.js';
import { requireAdmin, requireAuth, who } from './auth/authenticate.js';
import { asyncRoute, parse } from './problem.js';
import { MAX_ROW_ID } from '../store/schema.js';

const auditQuery = z.object({
  search: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(MAX_ROW_ID).default(0),
}).strict();

/** The organisation's own administrators read its audit log (impersonations and their changes). */
export function auditRoutes(db: Kysely<Database>): Router {
  const router = Router();
  router.get('/audit', requireAuth, requireAdmin, asyncRoute(async (req, res) => {
    const query = parse(auditQuery, req.query, 'query');
    res.json({ entries: await listAudit(db, who(req).user.organisationId, query) });
  }));
  return router;
}
