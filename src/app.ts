import type { Server } from 'node:http';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { Ari } from './ari/ari.js';
import { systemClock, type Clock } from './clock.js';
import { Dispatcher } from './calls/dispatcher.js';
import { LiveEvents } from './calls/live-events.js';
import { OrphanSweep } from './calls/orphan-sweep.js';
import { reconcile } from './calls/reconciler.js';
import { SessionTracker } from './calls/session-tracker.js';
import type { Config } from './config.js';
import { seedDemo } from './demo/seed.js';
import { plainCallRoute } from './features/calls/index.js';
import { buildFeatures } from './features/catalogue.js';
import type { Feature, FeatureDeps } from './feature.js';
import type { Handoffs } from './calls/handoffs.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { changeFeedFor } from './store/change-feed.js';
import { attachUserCache, detachUserCache, UserCache } from './users/settings/user-cache.js';
import { createHttpApp } from './http/server.js';
import { createLogger, type Logger } from './log.js';
import { openDatabase } from './store/db.js';
import { purgeExpiredSessions } from './http/auth/session-store.js';
import { migrateToLatest } from './store/migrator.js';
import type { Database } from './store/schema.js';
import { leadershipFor, type Leadership } from './store/leadership.js';
import { advertiseLeader, withdrawLeader } from './store/node-registry.js';
import { DialStringCheck } from './users/settings/dial-string-check.js';

/** Expired sign-in sessions are deleted this often (and at start). */
const SESSION_PURGE_MS = 60 * 60 * 1000;
import { FallbackDirectory } from './users/fallback-directory.js';

export interface SwitchboardApp {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The HTTP port actually bound (for port 0 in tests). */
  readonly httpPort: number;
  readonly db: Kysely<Database>;
  readonly ari: Ari;
  readonly tracker: SessionTracker;
  readonly live: LiveEvents;
  readonly log: Logger;
  readonly features: Feature[];
  /** Whether this controller handles the calls (the leader) or waits (a standby on a shared PostgreSQL store). */
  readonly leadership: Leadership;
  /** The HTTP application (its router stack is the route table tests walk). */
  readonly http: Express;
  readonly metrics: Metrics;
}

export interface AppOptions {
  clock?: Clock;
  logger?: Logger;
  /** How long start() waits for ARI before serving anyway (it keeps retrying). */
  ariWaitMs?: number;
  staticDir?: string;
  /**
   * The leader lost its lease (the store went away): calls are already fenced off (ARI
   * closed); main exits so its supervisor starts a fresh standby.
   */
  onLeadershipLost?: (reason: string) => void;
}

/**
 * Builds a Switchboard: store, ARI connection, features, HTTP. Nothing runs until
 * start(); stop() closes the websocket, the HTTP server, timers and the database.
 */
export function createApp(config: Config, options: AppOptions = {}): SwitchboardApp {
  const log = options.logger ?? createLogger(config.logLevel, config.logFormat);
  const clock = options.clock ?? systemClock;
  const db = openDatabase(config.database.url, { onError: (error) => log.error({ err: error }, 'store connection failed') });
  const metrics = createMetrics();
  // Users, devices and organisations in memory for the call path, refreshed on every change
  // any controller makes (src/store/change-feed.ts); started once the store is migrated.
  const changeFeed = changeFeedFor(db, log);
  const userCache = new UserCache(db, changeFeed, log);
  if (config.callPathCache) attachUserCache(db, userCache);
  const ari = new Ari({ url: config.ari.url, user: config.ari.user, password: config.ari.password, app: config.ari.app }, log, clock);
  const tracker = new SessionTracker();
  const leadership = leadershipFor(config.database.url, config.node.name, log);
  const live = new LiveEvents();
  // Live events reach the portal of every controller on the store, standby included.
  const stopLiveRelay = config.callPathCache ? live.relayThrough(changeFeed) : () => undefined;
  tracker.onChange(() => metrics.activeCalls.set(tracker.size));
  tracker.onFlowFailure((kind) => metrics.errors.inc({ where: `call-flow:${kind}` }));
  tracker.onSetUp((seconds) => metrics.setupLatency.observe(seconds));

  let httpPort = config.http.port;
  const httpBaseUrl = () => config.mediaBaseUrl ?? `http://127.0.0.1:${httpPort}`;
  // Where the other controllers reach this one's API when it leads its node.
  const advertisedUrl = () => config.node.advertiseUrl ?? `http://${advertisedHost(config.http.host)}:${httpPort}`;
  // Hand-offs are looked up when a call needs one, after every feature is built: no
  // feature depends on being built before another.
  const handoffs: Handoffs = {};
  const dialStrings = new DialStringCheck({ db, listEndpoints: () => ari.rest.listEndpoints(), outboundAllowedNumbers: config.outboundAllowedNumbers });
  const deps: FeatureDeps = { config, db, ari, log, clock, tracker, metrics, live, dialStrings, changeFeed: config.callPathCache ? changeFeed : undefined, voicemail: () => handoffs.voicemail, executive: () => handoffs.executive, schedule: () => handoffs.schedule, httpBaseUrl };
  const features: Feature[] = buildFeatures(deps);
  for (const feature of features) Object.assign(handoffs, feature.handoffs);

  const dispatcher = new Dispatcher(ari, db, log, metrics);
  dispatcher.addRoutes([plainCallRoute(deps), ...features.flatMap((f) => f.routes ?? [])]);

  const http = createHttpApp({
    db, ari, log, metrics, secureCookies: config.secureCookies, dialStrings, trustProxy: config.http.trustProxy,
    featureApis: features.flatMap((f) => (f.api ? [f.api] : [])),
    liveUserFacts: features.flatMap((f) => (f.liveUserFacts ? [f.liveUserFacts] : [])),
    featureApiDescribers: features.flatMap((f) => (f.describeApi ? [f.describeApi] : [])),
    staticDir: options.staticDir,
    live, tracker, leadership,
    nodes: { ownNode: config.node.name, leading: () => leadership.role === 'leader', ownUrl: () => advertisedUrl() },
  });
  let server: Server | undefined;
  let sessionPurgeTimer: unknown;
  let stopped = false;
  const purgeSessions = () => {
    void purgeExpiredSessions(db, clock.now())
      .then((purged) => { if (purged) log.info({ purged }, 'expired sign-in sessions purged'); })
      .catch((error: unknown) => log.warn({ err: error }, 'purging expired sessions failed; retried next hour'))
      .finally(() => { if (!stopped) sessionPurgeTimer = clock.setTimeout(purgeSessions, SESSION_PURGE_MS); });
  };
  const orphanSweep = new OrphanSweep({ ari, log, clock, tracker }, config.orphanSweep);
  const fallbackDirectory = new FallbackDirectory(db, ari, log, config.dialplanFallbackSyncMs);

  ari.connection.on('connected', ({ reconnect }) => {
    metrics.ariConnected.set(1);
    if (reconnect) metrics.ariReconnects.inc();
    void (async () => {
      const adopters = features.flatMap((f) => (f.adoptBridge ? [f.adoptBridge] : []));
      const channelAdopters = features.flatMap((f) => (f.adoptChannel ? [f.adoptChannel] : []));
      await reconcile({ ari, log, clock, tracker, adopters, channelAdopters }, log).catch((error: unknown) => log.error({ err: error }, 'reconciling with Asterisk failed'));
      if (config.dialplanFallbackSyncMs > 0) {
        fallbackDirectory.forget();
        await fallbackDirectory.sync().catch(() => undefined);
      }
      for (const feature of features) await feature.onAriConnected?.().catch((error: unknown) => log.error({ err: error, feature: feature.name }, 'feature reconnect step failed'));
    })();
  });
  ari.connection.on('disconnected', () => metrics.ariConnected.set(0));

  return {
    db, ari, tracker, live, log, features, http, metrics, leadership,
    get httpPort() { return httpPort; },
    async start() {
      if (config.insecureDefaultsAllowed.length) log.warn({ problems: config.insecureDefaultsAllowed }, 'ALLOW_INSECURE_DEFAULTS: starting on a network address with insecure settings');
      const applied = await migrateToLatest(db, features.flatMap((f) => (f.migrations ? [f.migrations] : [])));
      if (applied.length) log.info({ migrations: applied }, 'store migrated');
      if (config.callPathCache) {
        await changeFeed.start();
        userCache.start();
      }
      if (config.seedDemo) {
        const hasOrg = await db.selectFrom('organisations').select('id').executeTakeFirst();
        if (!hasOrg) { await seedDemo(db); log.info('demo organisation seeded'); }
      }
      server = await new Promise<Server>((resolve, reject) => {
        const s = http.listen(config.http.port, config.http.host, () => resolve(s));
        s.once('error', reject);
      });
      httpPort = (server.address() as AddressInfo).port;
      log.info({ port: httpPort, host: config.http.host }, 'HTTP listening');
      // Everything that touches calls or runs background jobs belongs to the leader; a
      // standby serves the portal and the API from the same store until it takes over.
      await leadership.start({
        onLeader: async () => {
          await advertiseLeader(db, config.node.name, advertisedUrl(), clock.now())
            .catch((error: unknown) => log.error({ err: error }, 'writing where this node\'s leader serves failed; other nodes cannot hand it console requests'));
          for (const feature of features) await feature.start?.();
          purgeSessions();
          const connected = await ari.connection.start(options.ariWaitMs ?? 10_000);
          orphanSweep.start();
          fallbackDirectory.start();
          if (!connected) log.warn({ url: config.ari.url }, 'ARI not reachable yet; retrying in the background');
        },
        onLost: (reason) => {
          // The fence: no ARI event or command from here on, so a new leader alone owns the calls.
          ari.connection.stop();
          orphanSweep.stop();
          fallbackDirectory.stop();
          options.onLeadershipLost?.(reason);
        },
      });
      if (leadership.role === 'standby') log.info('standby: serving the API; another controller handles the calls');
    },
    async stop() {
      orphanSweep.stop();
      fallbackDirectory.stop();
      ari.connection.stop();
      dispatcher.close();
      stopped = true;
      clock.clearTimeout(sessionPurgeTimer);
      await Promise.allSettled(tracker.all().map((s) => s.end('controller stopping')));
      for (const feature of [...features].reverse()) await feature.stop?.().catch(() => undefined);
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server!.close(() => resolve()));
      }
      if (leadership.role === 'leader') await withdrawLeader(db, config.node.name, advertisedUrl()).catch(() => undefined);
      // Last: a standby takes the lock the moment it is free, and the calls are ours until then.
      await leadership.stop();
      stopLiveRelay();
      userCache.stop();
      detachUserCache(db);
      await changeFeed.stop();
      await db.destroy();
      metrics.stopMonitors();
    },
  };
}

/** A wildcard listen address is no address to reach: the host's name is. */
function advertisedHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return hostname();
  return host.includes(':') ? `[${host}]` : host;
}
