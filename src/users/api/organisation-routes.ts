import { Router, type RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import { badRequest, forbidden, notFound, unauthorized } from '../../errors.js';
import { asyncRoute, parse } from '../../http/problem.js';
import { requireAuth } from '../../http/auth/authenticate.js';
import type { Database, Organisation } from '../../store/schema.js';
import { conflictFromUniqueViolation } from '../../store/unique-violation.js';
import { hashSecret } from '../password.js';
import type { DialStringCheck } from '../settings/dial-string-check.js';
import { assertUnclaimed } from '../settings/number-claims.js';
import { createOrganisation } from '../settings/organisation-repository.js';
import { createUser } from '../settings/user-repository.js';
import { knownNodes } from '../../store/node-registry.js';
import { createOrganisationBody, organisationIdParam, organisationNodeBody } from './organisation-schemas.js';

/**
 * A system administrator, signed in as themselves: an administrator impersonating one
 * does not count (else any organisation's admin could impersonate their way in).
 */
export const requireSystemAdmin: RequestHandler = (req, _res, next) => {
  if (!req.auth) return next(unauthorized());
  if (!req.auth.user.systemAdmin || req.auth.impersonator) return next(forbidden('system administrators only'));
  next();
};

/** An organisation as the API shows it (organisation-schemas.ts describes it). */
export const organisationView = (org: Organisation, users: number) => ({
  id: org.id, name: org.name, companyExtension: org.company_extension, companyDid: org.company_did,
  timezone: org.timezone, createdAt: org.created_at, users, node: org.node,
});

/** Organisations (tenants): only a system administrator lists them and creates one. */
export function organisationRoutes(db: Kysely<Database>, dialStrings: DialStringCheck): Router {
  const router = Router();
  router.use('/organisations', requireAuth, requireSystemAdmin);
  router.use('/nodes', requireAuth, requireSystemAdmin);

  router.get('/organisations', asyncRoute(async (_req, res) => {
    const [orgs, counts] = await Promise.all([
      db.selectFrom('organisations').selectAll().orderBy('id').execute(),
      db.selectFrom('users').select(['organisation_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('organisation_id').execute(),
    ]);
    const usersOf = new Map(counts.map((c) => [c.organisation_id, Number(c.n)]));
    res.json({ organisations: orgs.map((o) => organisationView(o, usersOf.get(o.id) ?? 0)) });
  }));

  router.post('/organisations', asyncRoute(async (req, res) => {
    const body = parse(createOrganisationBody, req.body);
    const locations = body.admin.device
      ? [{ kind: 'primary' as const, address: await dialStrings.device('admin.device', body.admin.device), ringsForIncoming: true, label: null }]
      : [];
    // Everything the two writes claim is checked first, so a refusal leaves nothing behind.
    await assertUnclaimed(db, {
      companyDid: { field: 'companyDid', number: body.companyDid ?? null },
      email: { field: 'admin.email', value: body.admin.email },
      devices: locations.map((l) => ({ field: 'admin.device', address: l.address })),
    });
    const passwordHash = await hashSecret(body.admin.password);
    let org: Organisation | undefined;
    try {
      org = await createOrganisation(db, { name: body.name, companyExtension: body.companyExtension, companyDid: body.companyDid, timezone: body.timezone });
      const admin = await createUser(db, org.id, {
        extension: body.admin.extension, name: body.admin.name, email: body.admin.email, role: 'admin', passwordHash, locations,
      });
      res.status(201).location(`/api/organisations/${org.id}`).json({ organisation: organisationView(org, 1), admin });
    } catch (error) {
      // Raced by another write after the check: no organisation without its administrator.
      if (org) await db.deleteFrom('organisations').where('id', '=', org.id).execute();
      throw conflictFromUniqueViolation(error) ?? error;
    }
  }));

  // Several Asterisk nodes on one store: which node serves an organisation (its phones
  // register there; its consoles are answered by that node's leader).
  router.get('/nodes', asyncRoute(async (_req, res) => {
    const [nodes, counts] = await Promise.all([
      knownNodes(db),
      db.selectFrom('organisations').select(['node', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('node').execute(),
    ]);
    const served = new Map(counts.map((c) => [c.node, Number(c.n)]));
    res.json({ nodes: nodes.map((n) => ({ name: n.name, leading: n.leaderUrl !== null, ledSince: n.ledSince, organisations: served.get(n.name) ?? 0 })) });
  }));
  router.put('/organisations/:id/node', asyncRoute(async (req, res) => {
    const { id } = parse(organisationIdParam, req.params, 'params');
    const { node } = parse(organisationNodeBody, req.body);
    const org = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!org) throw notFound('organisation');
    if (node !== null) {
      // A node no controller has led is a typo or a node not yet deployed: its consoles would answer nothing.
      const names = (await knownNodes(db)).map((n) => n.name);
      if (!names.includes(node)) throw badRequest('node', `no controller has led a node named ${node}; known nodes: ${names.join(', ') || 'none'}`);
    }
    await db.updateTable('organisations').set({ node }).where('id', '=', id).execute();
    const users = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', id).executeTakeFirst();
    res.json(organisationView({ ...org, node }, Number(users?.n ?? 0)));
  }));

  return router;
}
