import express, { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../clock.js';
import type { LiveEvents } from '../../../calls/live-events.js';
import type { VoicemailHandoff } from '../../../calls/handoffs.js';
import { auditActor } from '../../../users/api/user-audit.js';
import { hashSecret } from '../../../users/password.js';
import { badRequest, forbidden, notFound } from '../../../errors.js';
import { requireAdmin, requireAuth, who } from '../../../http/auth/authenticate.js';
import { asyncRoute, parse } from '../../../http/problem.js';
import type { Database } from '../../../store/schema.js';
import type { DialStringCheck } from '../../../users/settings/dial-string-check.js';
import { conflictFromUniqueViolation } from '../../../store/unique-violation.js';
import { getOrganisation, updateOrganisation } from '../../../users/settings/organisation-repository.js';
import { getUser, getUserRow } from '../../../users/settings/user-repository.js';
import { isOutOfOffice } from '../policy/availability.js';
import { hasAgentLogin } from '../policy/agent-login.js';
import { setAgentLogin } from '../settings/agent-login.js';
import { addHoliday, deleteHoliday, getAttendantSettings, getBusinessHours, getHolidays, saveAttendantSettings, setBusinessHours } from '../settings/attendant-settings.js';
import { findListedByNumber, searchByKeypad, searchByName } from '../settings/directory.js';
import type { DirectoryFreshness } from '../settings/directory-freshness.js';
import { clearOutOfOffice, getOutOfOffice, setOutOfOffice } from '../settings/out-of-office.js';
import { agentLoginBody, businessHoursBody, bulkUpdateBody, directoryQuery, holidayBody, idParam, outOfOfficeBody, settingsBody, usersCsvBody } from './attendant-schemas.js';
import { bulkUpdateUsers, exportUsersCsv, importUsersCsv } from './bulk-users.js';

/** The attendant's REST resources under /api/attendant. */
export function attendantRoutes(db: Kysely<Database>, freshness: DirectoryFreshness, clock: Clock, live: LiveEvents, dialStrings: DialStringCheck, voicemail: () => VoicemailHandoff | undefined): Router {
  const router = Router();
  router.use('/attendant', requireAuth);

  router.get('/attendant/directory', asyncRoute(async (req, res) => {
    const query = parse(directoryQuery, req.query, 'query');
    const orgId = who(req).user.organisationId;
    await freshness.ensureFresh(orgId);
    const entries = query.number !== undefined ? await findListedByNumber(db, orgId, query.number)
      : query.keys !== undefined ? await searchByKeypad(db, orgId, query.keys, query.limit)
        : await searchByName(db, orgId, query.q!, query.limit);
    res.json({ entries });
  }));

  router.get('/attendant/settings', requireAdmin, asyncRoute(async (req, res) => {
    const orgId = who(req).user.organisationId;
    res.json(await settingsView(db, orgId));
  }));

  router.patch('/attendant/settings', requireAdmin, asyncRoute(async (req, res) => {
    const body = parse(settingsBody, req.body);
    const orgId = who(req).user.organisationId;
    const { companyExtension, companyDid, operatorDestination, timezone, ...attendant } = body;
    const org: Parameters<typeof updateOrganisation>[2] = {};
    if (companyExtension !== undefined) org.company_extension = companyExtension;
    if (companyDid !== undefined) org.company_did = companyDid;
    if (operatorDestination !== undefined) {
      org.operator_destination = operatorDestination === null ? null : await dialStrings.destination('operatorDestination', operatorDestination, orgId);
    }
    if (timezone !== undefined) org.timezone = timezone;
    // Outside parties see this number: only one the organisation owns, never someone else's.
    if (attendant.outboundCallerId && !(await ownsNumber(db, orgId, attendant.outboundCallerId, companyDid))) {
      throw badRequest('outboundCallerId', 'must be the company DID or a DID of one of the organisation\'s users');
    }
    try {
      await updateOrganisation(db, orgId, org);
    } catch (error) {
      throw conflictFromUniqueViolation(error) ?? error;
    }
    if (Object.keys(attendant).length) await saveAttendantSettings(db, orgId, attendant);
    res.json(await settingsView(db, orgId));
  }));

  router.get('/attendant/business-hours', asyncRoute(async (req, res) => {
    res.json({ hours: await getBusinessHours(db, who(req).user.organisationId) });
  }));
  router.put('/attendant/business-hours', requireAdmin, asyncRoute(async (req, res) => {
    const body = parse(businessHoursBody, req.body);
    res.json({ hours: await setBusinessHours(db, who(req).user.organisationId, body.hours) });
  }));

  router.get('/attendant/holidays', asyncRoute(async (req, res) => {
    res.json({ holidays: await getHolidays(db, who(req).user.organisationId) });
  }));
  router.post('/attendant/holidays', requireAdmin, asyncRoute(async (req, res) => {
    const body = parse(holidayBody, req.body);
    res.status(201).json(await addHoliday(db, who(req).user.organisationId, body));
  }));
  router.delete('/attendant/holidays/:id', requireAdmin, asyncRoute(async (req, res) => {
    const { id } = parse(idParam, req.params, 'params');
    if (!(await deleteHoliday(db, who(req).user.organisationId, id))) throw notFound('holiday');
    res.status(204).end();
  }));

  /** A user's out of office: the user themselves or an administrator of their organisation. */
  const ownOrAdmin = async (req: express.Request): Promise<number> => {
    const { id } = parse(idParam, req.params, 'params');
    const actor = who(req).user;
    const target = await getUserRow(db, id);
    if (!target || target.organisation_id !== actor.organisationId) throw notFound('user');
    if (actor.role !== 'admin' && actor.id !== id) throw forbidden('you may only change your own out of office');
    return id;
  };
  router.get('/attendant/users/:id/out-of-office', asyncRoute(async (req, res) => {
    const id = await ownOrAdmin(req);
    const setting = await getOutOfOffice(db, id);
    res.json({ outOfOffice: setting ?? null, activeNow: isOutOfOffice(setting, clock.now()) });
  }));
  router.put('/attendant/users/:id/out-of-office', asyncRoute(async (req, res) => {
    const id = await ownOrAdmin(req);
    const body = parse(outOfOfficeBody, req.body);
    if (body.backupUserId !== undefined && body.backupUserId !== null) {
      if (body.backupUserId === id) throw badRequest('backupUserId', 'a user cannot be their own backup');
      const backup = await getUser(db, body.backupUserId);
      if (!backup || backup.organisationId !== who(req).user.organisationId) throw badRequest('backupUserId', 'no such user in this organisation');
    }
    const setting = await setOutOfOffice(db, id, body);
    const activeNow = isOutOfOffice(setting, clock.now());
    // The portal's live view shows who is out of office.
    live.publish({ organisationId: who(req).user.organisationId, kind: 'out-of-office', userIds: [id], data: { userId: id, activeNow, ...setting } });
    res.json({ outOfOffice: setting, activeNow });
  }));
  router.delete('/attendant/users/:id/out-of-office', asyncRoute(async (req, res) => {
    const id = await ownOrAdmin(req);
    await clearOutOfOffice(db, id);
    live.publish({ organisationId: who(req).user.organisationId, kind: 'out-of-office', userIds: [id], data: { userId: id, activeNow: false } });
    res.status(204).end();
  }));

  // The portal's log in / log out toggle: the same as *50 / *51 on the agent's phone.
  router.put('/attendant/users/:id/agent-login', asyncRoute(async (req, res) => {
    const id = await ownOrAdmin(req);
    const body = parse(agentLoginBody, req.body);
    const user = await getUser(db, id);
    if (!user) throw notFound('user');
    if (!hasAgentLogin(user.type)) throw badRequest('loggedIn', `only agents and floating agents log in and out; this user is a ${user.type.replace('_', ' ')}`);
    await setAgentLogin(db, live, user, body.loggedIn);
    res.json({ loggedIn: body.loggedIn });
  }));

  router.post('/attendant/users/bulk', requireAdmin, asyncRoute(async (req, res) => {
    const body = parse(bulkUpdateBody, req.body);
    const updated = await bulkUpdateUsers(db, who(req).user.organisationId, body, { voicemail: voicemail(), actor: auditActor(req), hashPin: (pin) => hashSecret(pin) });
    await freshness.syncNow(who(req).user.organisationId);
    res.json({ updated });
  }));

  router.get('/attendant/users.csv', requireAdmin, asyncRoute(async (req, res) => {
    res.type('text/csv').attachment('users.csv').send(await exportUsersCsv(db, who(req).user.organisationId));
  }));
  router.post('/attendant/users.csv', requireAdmin, express.text({ type: ['text/csv', 'text/plain'], limit: '20mb' }), asyncRoute(async (req, res) => {
    const text = parse(usersCsvBody, typeof req.body === 'string' ? req.body : undefined);
    const result = await importUsersCsv(db, who(req).user.organisationId, text, auditActor(req), (field, number) => dialStrings.outsideNumber(field, number));
    await freshness.syncNow(who(req).user.organisationId);
    res.json(result);
  }));

  return router;
}

async function ownsNumber(db: Kysely<Database>, orgId: number, number: string, newCompanyDid: string | null | undefined): Promise<boolean> {
  if (newCompanyDid === number) return true;
  const org = await getOrganisation(db, orgId);
  if (org?.company_did === number && newCompanyDid === undefined) return true;
  const did = await db.selectFrom('dids').innerJoin('users', 'users.id', 'dids.user_id').select('dids.number')
    .where('users.organisation_id', '=', orgId).where('dids.number', '=', number).executeTakeFirst();
  return did !== undefined;
}

async function settingsView(db: Kysely<Database>, orgId: number) {
  const [org, settings] = await Promise.all([getOrganisation(db, orgId), getAttendantSettings(db, orgId)]);
  if (!org) throw notFound('organisation');
  return {
    ...settings,
    companyExtension: org.company_extension, companyDid: org.company_did,
    operatorDestination: org.operator_destination, timezone: org.timezone,
  };
}
