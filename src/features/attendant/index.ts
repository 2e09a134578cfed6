import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Router } from 'express';
import { MediaSigner } from '../../http/media-signature.js';
import { nameMediaPath, nameMediaRoutes } from './api/name-media-routes.js';
import { ROUTE_PRIORITY, type CallRoute, type IncomingCall } from '../../calls/incoming-call.js';
import { describeAttendantApi } from './api/attendant-openapi.js';
import { describeOperatorApi } from './api/operator-openapi.js';
import { operatorRoutes } from './api/operator-routes.js';
import { OperatorDesk } from './console/operator-desk.js';
import { LiveState } from '../../http/live/live-state.js';
import { attendantMigrations } from './settings/migrations.js';
import type { Organisation } from '../../store/schema.js';
import type { Feature, FeatureDeps } from '../../feature.js';
import type { UserProfile } from '../../users/settings/user-repository.js';
import { callPathUsers } from '../../users/settings/user-cache.js';
import { attendantRoutes } from './api/attendant-routes.js';
import { companyGreetingRoutes } from './api/company-greeting-routes.js';
import { CompanyGreetingFiles } from './company-greeting-files.js';
import { runAttendantCall } from './flows/run-attendant-call.js';
import type { AttendantDeps } from './flows/context.js';
import { DirectoryFreshness } from './settings/directory-freshness.js';
import { attachDirectoryIndex, detachDirectoryIndex, DirectoryIndex } from './settings/directory-index.js';
import { outOfOfficeNow } from './settings/out-of-office.js';
import { NamePrompts } from './speech/name-prompts.js';
import { Recogniser } from './speech/recogniser.js';
import { runFlow } from '../../calls/run-flow.js';
import { OutsideCall } from './flows/outside-call.js';
import { AgentLoginCall } from './flows/agent-login-call.js';
import { parseAgentLoginCode } from './policy/agent-login.js';
import { outsideCallerId, planOutsideCall } from './policy/outside-call.js';
import { getAttendantSettings, openingAt } from './settings/attendant-settings.js';

/** The attendant (PRODUCT.md 4): the company number's menu, the directory, DIDs straight to users. */
export function attendantFeature(deps: FeatureDeps): Feature {
  const now = () => deps.clock.now().getTime();
  // The same secret as voicemail's media URLs when configured; else one per start (a URL lives minutes).
  const signer = new MediaSigner(deps.config.mediaUrlSecret ? Buffer.from(deps.config.mediaUrlSecret) : randomBytes(32));
  const { dir, asteriskDir } = deps.config.attendantNameSounds;
  const baseUrl = deps.httpBaseUrl ?? (() => `http://127.0.0.1:${deps.config.http.port}`);
  const names = new NamePrompts({
    dir,
    // A directory Asterisk shares with us, else over HTTP, which reaches a remote Asterisk too.
    mediaOf: (file) => (asteriskDir ? `sound:${join(asteriskDir, file.replace(/\.wav$/, ''))}` : `sound:${baseUrl()}${nameMediaPath(signer, file, now())}`),
    recordedName: async (userId) => deps.voicemail()?.recordedName(userId),
  });
  const greetingFiles = new CompanyGreetingFiles(deps.config.recordingsDir, baseUrl, signer, now);
  const recogniser = new Recogniser();
  const attendantDeps: AttendantDeps = {
    ari: deps.ari, log: deps.log.child({ feature: 'attendant' }), clock: deps.clock, tracker: deps.tracker,
    db: deps.db, live: deps.live, outboundDialString: deps.config.outboundDialString, voicemail: deps.voicemail, executive: deps.executive,
    recogniser, names, companyGreetingMedia: (fileName) => greetingFiles.media(fileName),
  };
  const freshness = new DirectoryFreshness(deps.db, deps.log);
  const desk = new OperatorDesk(attendantDeps);
  // The operator console rides on the live view's state: the same ARI and feature events, its own viewers.
  const consoleLive = new LiveState({ db: deps.db, ari: deps.ari, log: attendantDeps.log, live: deps.live, tracker: deps.tracker });
  const consoleStream = { db: deps.db, tracker: deps.tracker, live: consoleLive, clock: deps.clock, log: attendantDeps.log };
  // Searches answer from memory where the app keeps its users in memory (src/app.ts).
  const cache = callPathUsers.cacheOf(deps.db);
  const index = cache ? new DirectoryIndex(cache) : undefined;
  if (index) attachDirectoryIndex(deps.db, index);
  return {
    name: 'attendant',
    migrations: attendantMigrations,
    describeApi: (registry) => { describeAttendantApi(registry); describeOperatorApi(registry); },
    routes: [attendantRoute(attendantDeps, freshness), agentLoginRoute(attendantDeps), outsideCallRoute(attendantDeps, deps.config.outboundAllowedNumbers)],
    liveUserFacts: async (now) => ({ outOfOffice: await outOfOfficeNow(deps.db, now) }),
    // The organisation's schedule is the attendant's; voicemail asks it for the after-hours greeting.
    handoffs: { schedule: { openingAt: (organisationId, at) => openingAt(deps.db, organisationId, at) } },
    api: Router().use(nameMediaRoutes(() => names, signer, now)).use(companyGreetingRoutes(deps.db, greetingFiles)).use(attendantRoutes(deps.db, freshness, deps.clock, deps.live, deps.dialStrings, deps.voicemail))
      .use(operatorRoutes(deps.db, desk, consoleStream)),
    async start() {
      await freshness.start();
      // In the background: a missing dictionary shows on the first call (heard as silence), not at start.
      void recogniser.warm().catch((error: unknown) => deps.log.warn({ err: (error as Error).message }, 'speech dictionary not loaded'));
    },
    async stop() {
      freshness.stop();
      await desk.stop();
      if (index) { detachDirectoryIndex(deps.db); index.close(); }
    },
  };
}

function attendantRoute(deps: AttendantDeps, freshness: DirectoryFreshness): CallRoute {
  return {
    name: 'attendant',
    priority: ROUTE_PRIORITY.attendant,
    async match(call) {
      const org = await companyNumberOf(deps, call);
      if (org) return () => runAttendantCall(deps, call, org, async (session) => { await freshness.ensureFresh(org.id); await session.answerCompanyNumber(); });
      if (call.direction !== 'inbound') return undefined;
      // Calls from the carrier to a user's DID skip the menu (PRODUCT.md 4).
      const user = await callPathUsers.byDid(deps.db, call.dialled);
      const userOrg = user ? await callPathUsers.organisation(deps.db, user.organisationId) : undefined;
      if (!user || !userOrg) return undefined;
      return () => runAttendantCall(deps, call, userOrg, async (session) => { await freshness.ensureFresh(userOrg.id); await session.connectDid(user as UserProfile); });
    },
  };
}

/** `*50` / `*51` (PRODUCT.md 2): an agent logs in or out from their own phone. */
function agentLoginRoute(deps: AttendantDeps): CallRoute {
  return {
    name: 'agent-login',
    priority: ROUTE_PRIORITY.featureCode,
    match(call) {
      const code = parseAgentLoginCode(call.dialled);
      const user = call.user;
      if (!code || call.direction !== 'internal' || !user) return undefined;
      return async () => {
        const session = new AgentLoginCall(deps, call);
        await runFlow(session, () => session.apply(user, code.loggedIn), { kind: 'prompt' });
      };
    },
  };
}

/**
 * An internal phone dialling an outside number (PRODUCT.md 4): through the organisation's
 * outbound route to OUTBOUND_DIAL_STRING, showing the organisation's caller ID. Only a
 * user's phone dials out (a device nobody owns has no organisation to bill).
 */
function outsideCallRoute(deps: AttendantDeps, allowList: readonly string[]): CallRoute {
  return {
    name: 'outside-call',
    priority: ROUTE_PRIORITY.outsideCall,
    async match(call) {
      if (call.direction !== 'internal' || !call.user) return undefined;
      const user = call.user;
      const settings = await getAttendantSettings(deps.db, user.organisationId);
      const route = { prefix: settings.outboundPrefix, callerIdNumber: settings.outboundCallerId };
      const plan = planOutsideCall(call.dialled, route, allowList);
      if (!plan) return undefined;
      return async () => {
        const org = await callPathUsers.organisation(deps.db, user.organisationId);
        const session = new OutsideCall(deps, call);
        await runFlow(session, async () => {
          if (plan.action === 'refuse') { await session.refuse(plan.reason); return; }
          const callerId = outsideCallerId(route, { name: org?.name ?? '', companyDid: org?.company_did ?? null }, user);
          session.log.info({ number: plan.number, callerId: callerId.number }, 'outside call');
          await session.dial(deps.outboundDialString.replaceAll('{number}', plan.number), callerId);
        }, { kind: 'prompt' });
      };
    },
  };
}

async function companyNumberOf(deps: AttendantDeps, call: IncomingCall): Promise<Organisation | undefined> {
  if (call.direction === 'internal' && call.user) {
    const org = await callPathUsers.organisation(deps.db, call.user.organisationId);
    return org && org.company_extension === call.dialled ? org : undefined;
  }
  const org = await callPathUsers.organisationByCompanyNumber(deps.db, call.dialled);
  if (!org) return undefined;
  // From the carrier only the company DID counts; from a phone nobody owns, the extension.
  const number = call.direction === 'inbound' ? org.company_did : org.company_extension;
  return number === call.dialled ? org : undefined;
}
