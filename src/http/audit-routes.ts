import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { listAudit } from '../store/audit.js';
import { requireAdmin, requireAuth, who } from './auth/authenticate.js';
import { auditQuery } from './audit-schemas.js';
import { asyncRoute, parse } from './problem.js';

/** The organisation's own administrators read its audit log (impersonations and their changes). */
export function auditRoutes(db: Kysely<Database>): Router {
  const router = Router();
  router.get('/audit', requireAuth, requireAdmin, asyncRoute(async (req, res) => {
    const query = parse(auditQuery, req.query, 'query');
    res.json({ entries: await listAudit(db, who(req).user.organisationId, query) });
  }));
  return router;
}
