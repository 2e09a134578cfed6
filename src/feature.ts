import type { Router } from 'express';
import type { Kysely, Migration } from 'kysely';
import type { Ari } from './ari/ari.js';
import type { Clock } from './clock.js';
import type { ExecutiveHandoff, Handoffs, ScheduleHandoff, VoicemailHandoff } from './calls/handoffs.js';
import type { CallRoute } from './calls/incoming-call.js';
import type { BridgeAdopter, ChannelAdopter } from './calls/reconciler.js';
import type { LiveEvents } from './calls/live-events.js';
import type { SessionTracker } from './calls/session-tracker.js';
import type { Config } from './config.js';
import type { Metrics } from './observability/metrics.js';
import type { Logger } from './log.js';
import type { ChangeFeed } from './store/change-feed.js';
import type { Database } from './store/schema.js';
import type { DialStringCheck } from './users/settings/dial-string-check.js';
import type { LiveUserFactsProvider } from './http/live/live-state.js';
import type { ApiDescriber } from './http/openapi/describe.js';

/** What every feature is built from; passed in, never imported as a singleton. */
export interface FeatureDeps {
  config: Config;
  db: Kysely<Database>;
  ari: Ari;
  log: Logger;
  clock: Clock;
  tracker: SessionTracker;
  metrics: Metrics;
  live: LiveEvents;
  /** The store's change feed, when the call path keeps caches (CALL_PATH_CACHE): a feature's own caches follow it. */
  changeFeed?: ChangeFeed;
  /** Checks every dial string a route stores (devices Asterisk knows, numbers through the trunk). */
  dialStrings: DialStringCheck;
  /** The voicemail feature's hand-off, once it exists (features are built in order). */
  voicemail: () => VoicemailHandoff | undefined;
  /** The executive feature's hand-off, for callers another feature puts through to an executive. */
  executive: () => ExecutiveHandoff | undefined;
  /** The organisation's schedule (the attendant's business hours and holidays), once it exists. */
  schedule: () => ScheduleHandoff | undefined;
  /**
   * The controller's HTTP address as Asterisk reaches it (MEDIA_BASE_URL, else the
   * bound loopback port): Asterisk fetches media it plays from us, e.g. greetings.
   */
  httpBaseUrl?: () => string;
}

/** A feature: the calls it takes, the API it serves under /api, and its own start/stop. */
export interface Feature {
  name: string;
  routes?: CallRoute[];
  api?: Router;
  /** The feature's own tables: timestamp-named migrations, applied with the core's at start. */
  migrations?: Record<string, Migration>;
  /** Adds the feature's routes to /api/openapi.json, from the zod schemas they validate with (paths relative to /api). */
  describeApi?: ApiDescriber;
  /** What the feature knows of users for the portal's live view. */
  liveUserFacts?: LiveUserFactsProvider;
  /** The hand-offs this feature offers the others (voicemail for unanswered callers, executive filtering). */
  handoffs?: Handoffs;
  start?(): Promise<void>;
  /**
   * After a (re)connection, for each answered call Asterisk holds that no session owns:
   * carry it on from the feature's own records and return true (src/calls/reconciler.ts).
   */
  adoptBridge?: BridgeAdopter;
  /** Likewise for a call waiting on a channel no bridge holds (a pushed call ringing the executive). */
  adoptChannel?: ChannelAdopter;
  /** After every (re)connection to Asterisk (device states to publish again, etc.). */
  onAriConnected?(): Promise<void>;
  stop?(): Promise<void>;
}
