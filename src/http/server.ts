import cookieParser from 'cookie-parser';
import express, { type Express, type Router } from 'express';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Ari } from '../ari/ari.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Database } from '../store/schema.js';
import type { DialStringCheck } from '../users/settings/dial-string-check.js';
import { auditImpersonatedChanges, authenticate } from './auth/authenticate.js';
import { authRoutes } from './auth/auth-routes.js';
import { LoginLimiter } from './auth/login-limiter.js';
import type { Metrics } from '../observability/metrics.js';
import { problemHandler } from './problem.js';
import { redactMediaPath } from './media-signature.js';
import { userRoutes } from '../users/api/user-routes.js';
import { organisationRoutes } from '../users/api/organisation-routes.js';
import { auditRoutes } from './audit-routes.js';
import type { LiveEvents } from '../calls/live-events.js';
import type { SessionTracker } from '../calls/session-tracker.js';
import type { Leadership } from '../store/leadership.js';
import { liveRoutes } from './live/live-routes.js';
import { mediaProbeRoute } from './media-probe.js';
import { LiveState, type LiveUserFactsProvider } from './live/live-state.js';
import type { ApiDescriber } from './openapi/describe.js';
import { openApiRoutes } from './openapi/openapi-routes.js';
import { nodeRouting, type NodeRoutingDeps } from './nodes/node-routing.js';

export interface HttpDeps {
  db: Kysely<Database>;
  ari: Ari;
  log: Logger;
  metrics: Metrics;
  secureCookies: boolean;
  /** Checks the dial strings the user routes store. */
  dialStrings: DialStringCheck;
  /**
   * Proxies whose X-Forwarded-For is believed (express's `trust proxy` list); none by
   * default, so the client address is the socket's and a forged header changes nothing.
   */
  trustProxy?: string[];
  /** Feature routers, mounted under /api after authentication. */
  featureApis: Router[];
  /** Each feature's routes described from their zod schemas, for /api/openapi.json. */
  featureApiDescribers?: ApiDescriber[];
  /** Feature facts about users for the live view (filtering, out of office). */
  liveUserFacts?: LiveUserFactsProvider[];
  /** Served at / (the portal), if built. */
  staticDir?: string;
  /** Feature events and call sessions for the portal's live view (/api/live). */
  live?: LiveEvents;
  tracker?: SessionTracker;
  /** Absent: a lone controller, always the leader. */
  leadership?: Pick<Leadership, 'role'>;
  /** Several nodes or controllers on one store: the consoles and the live view answered by the organisation's node's leader. */
  nodes?: Omit<NodeRoutingDeps, 'db' | 'log'>;
}

export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy?.length ? deps.trustProxy : false);
  app.use(express.json({ limit: '1mb' }));
  app.use(cookieParser());
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      deps.log.debug({ method: req.method, path: redactMediaPath(req.path), status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'http');
    });
    next();
  });

  /** Healthy when ARI is connected and the store answers; 503 otherwise, with which part failed. */
  app.get('/api/health', (_req, res, next) => {
    sql`select 1 as ok`.execute(deps.db).then(() => true, () => false).then((storeOk) => {
      const role = deps.leadership?.role ?? 'leader';
      const ariOk = deps.ari.connection.connected;
      // A standby is healthy without ARI: the leader holds the Stasis application.
      const ok = storeOk && (ariOk || role === 'standby');
      res.status(ok ? 200 : 503).json({
        status: ok ? 'ok' : 'degraded',
        role,
        ari: { connected: ariOk, reconnects: deps.ari.connection.reconnects },
        store: { ok: storeOk },
      });
    }, next);
  });
  app.get('/metrics', (_req, res, next) => {
    deps.metrics.registry.metrics().then((text) => res.type(deps.metrics.registry.contentType).send(text), next);
  });

  mediaProbeRoute(app);

  const api = express.Router();
  api.use(authenticate(deps.db));
  // Before anything that acts or audits: a request handed to another controller is acted on there.
  if (deps.nodes) api.use(nodeRouting({ db: deps.db, log: deps.log, ...deps.nodes }));
  api.use(auditImpersonatedChanges(deps.db));
  const limiter = new LoginLimiter();
  api.use(authRoutes(deps.db, { secureCookies: deps.secureCookies, limiter }));
  api.use(userRoutes(deps.db, deps.dialStrings, { limiter }));
  api.use(organisationRoutes(deps.db, deps.dialStrings));
  api.use(auditRoutes(deps.db));
  api.use(openApiRoutes(deps.featureApiDescribers ?? []));
  api.use(liveRoutes(deps.db, new LiveState({
    db: deps.db, ari: deps.ari, log: deps.log, live: deps.live, tracker: deps.tracker, facts: deps.liveUserFacts,
    standby: () => deps.leadership?.role === 'standby',
  })));
  for (const router of deps.featureApis) api.use(router);
  api.use((req, _res, next) => next(new AppError(404, 'no-such-route', `no route ${req.method} ${req.baseUrl}${req.path}`)));
  app.use('/api', api);
  if (deps.staticDir) {
    app.use(express.static(deps.staticDir));
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile('index.html', { root: deps.staticDir }));
  }
  app.use(problemHandler(deps.log));
  return app;
}
