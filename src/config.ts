import { join } from 'node:path';
import { z } from 'zod';
import { numberPatternRegex } from './users/policy/dial-strings.js';

/** Everything Switchboard reads from its environment, read once at start-up. */
export interface Config {
  ari: { url: string; user: string; password: string; app: string };
  database: { url: string };
  http: { port: number; host: string; trustProxy: string[] };
  smtp: { url: string | undefined; from: string };
  recordingsDir: string;
  /** How Asterisk reaches this controller's HTTP server to fetch media (voicemail greetings); default the loopback port. */
  mediaBaseUrl?: string;
  /** Key of the signed media URLs Asterisk fetches; a random one per start when unset (set it when controllers share Asterisk). */
  mediaUrlSecret?: string;
  /** How an external number is dialled through the outbound trunk; `{number}` is replaced. */
  outboundDialString: string;
  /**
   * Outside numbers that may be stored as locations, operator destination, forward and
   * divert numbers (Asterisk patterns such as `_555XXXX`, `+331.`); empty: any number.
   */
  outboundAllowedNumbers: string[];
  logLevel: string;
  /** `auto`: human-readable on a terminal, JSON lines otherwise. */
  logFormat: 'auto' | 'pretty' | 'json';
  /** Seed the demo organisation into an empty database. */
  seedDemo: boolean;
  /** Users, devices and organisations in memory for the call path (on unless CALL_PATH_CACHE=0: to measure without it). */
  callPathCache: boolean;
  /** Mark session cookies Secure (behind HTTPS). */
  secureCookies: boolean;
  /**
   * Where the attendant writes names it synthesises for callers to hear, and the same
   * directory as Asterisk sees it; unset: callers hear extensions instead of names.
   */
  /**
   * Where synthesised names are written, and how Asterisk reads them: from `asteriskDir`
   * (a shared volume, the same files as Asterisk sees them) when set, else over HTTP from
   * MEDIA_BASE_URL like voicemail greetings (signed URLs), so names are heard by default.
   */
  attendantNameSounds: { dir: string; asteriskDir?: string };
  /** The voicemail transcription engine (src/features/voicemail/transcribe/engine.ts). */
  transcription: { engine: 'pocketsphinx' } | { engine: 'command'; command: string[] };
  /** What ALLOW_INSECURE_DEFAULTS let through on a network address (logged at start-up); empty normally. */
  insecureDefaultsAllowed: string[];
  /**
   * The periodic sweep of channels and bridges in our app that no call owns (interval 0:
   * off). The grace period must exceed the longest an ARI create request can take
   * (request queue wait plus deadline, 35 s) before its channel is bound to its call.
   */
  orphanSweep: { intervalMs: number; graceMs: number };
  /**
   * How often the directory is compared with what Asterisk's own database (AstDB) holds
   * for the dialplan fallback (each extension's and DID's devices); 0: never written.
   */
  dialplanFallbackSyncMs: number;
  /**
   * The dialplan contexts of asterisk-conf/extensions.conf as this PBX names them: where the
   * organisation's phones start their calls, and where the carrier's calls arrive. The
   * controller does not need them; `switchboard doctor` probes them and `users import`
   * takes the endpoints of the internal one as users' phones.
   */
  dialplan: { internalContext: string; inboundContext: string };
  /**
   * The Asterisk node this controller serves (NODE_NAME, default ARI_APP): its controllers
   * elect one leader among themselves, and organisations are assigned to a node. The
   * leader publishes `advertiseUrl` (ADVERTISE_URL, default its own HTTP address) so other
   * controllers hand it the call actions of its node's organisations.
   */
  node: { name: string; advertiseUrl?: string };
  /**
   * The `Alert-Info` values screening legs carry, per phone family (SCREENING_ALERT_INFO,
   * over the defaults in src/features/executive/policy/screening.ts), and the family of
   * devices whose User-Agent does not say it (SCREENING_PHONE_FAMILIES).
   */
  screeningAlertInfo: { overrides: Partial<Record<PhoneFamily, Partial<Record<ScreeningAlert, string>>>>; deviceFamilies: Record<string, PhoneFamily> };
}

/** Phone families whose screening alerts (silent, ring splash) Switchboard knows how to ask for. */
export const PHONE_FAMILIES = ['polycom', 'yealink', 'cisco', 'grandstream', 'generic'] as const;
export type PhoneFamily = (typeof PHONE_FAMILIES)[number];
export type ScreeningAlert = 'silent' | 'ring-splash';

const alertInfoValue = z.string().min(1).max(500).refine((v) => !/[\r\n]/.test(v), 'one header line');
const screeningAlertInfoJson = z.string().default('{}').transform((text, ctx) => {
  try { return JSON.parse(text) as unknown; } catch { ctx.addIssue({ code: 'custom', message: 'not JSON' }); return z.NEVER; }
}).pipe(z.record(z.enum(PHONE_FAMILIES), z.object({ silent: alertInfoValue.optional(), 'ring-splash': alertInfoValue.optional() }).strict()));
const phoneFamilies = z.string().default('').transform((text, ctx) => {
  const map: Record<string, PhoneFamily> = {};
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    const [device, family] = entry.split('=');
    const known = PHONE_FAMILIES.find((f) => f === family);
    if (!device || !known) { ctx.addIssue({ code: 'custom', message: `"${entry}" is not <device>=<${PHONE_FAMILIES.join('|')}>` }); return z.NEVER; }
    map[device] = known;
  }
  return map;
});

/** A node's name, as NODE_NAME and an organisation's `node` take it. */
export const NODE_NAME = /^[A-Za-z0-9_-]{1,63}$/;

const env = z.object({
  ARI_URL: z.string().url().default('http://127.0.0.1:8088'),
  ARI_USER: z.string().min(1).default('switchboard'),
  ARI_PASSWORD: z.string().min(1).default('switchboard'),
  ARI_APP: z.string().regex(/^[A-Za-z0-9_-]+$/).default('switchboard'),
  NODE_NAME: z.string().regex(NODE_NAME, 'letters, digits, - and _, up to 63').optional(),
  ADVERTISE_URL: z.string().url().optional(),
  DATABASE_URL: z.string().min(1).default('sqlite:var/switchboard.db'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HTTP_HOST: z.string().default('127.0.0.1'),
  TRUST_PROXY: z.string().default(''),
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().default('Switchboard <switchboard@localhost>'),
  RECORDINGS_DIR: z.string().default('var/recordings'),
  MEDIA_BASE_URL: z.string().url().optional(),
  MEDIA_URL_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  OUTBOUND_DIAL_STRING: z.string().includes('{number}').default('Local/{number}@switchboard-pstn'),
  OUTBOUND_ALLOWED_NUMBERS: z.string().default('').transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .refine((patterns) => patterns.every((p) => numberPatternRegex(p) !== undefined), 'each pattern is digits, +, X, Z, N, [1-5], . or ! (Asterisk extension patterns)'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  SEED_DEMO: z.enum(['0', '1', 'true', 'false']).default('0'),
  CALL_PATH_CACHE: z.enum(['0', '1', 'true', 'false']).default('1'),
  SECURE_COOKIES: z.enum(['0', '1', 'true', 'false']).default('0'),
  TRANSCRIPTION_ENGINE: z.enum(['pocketsphinx', 'command']).default('pocketsphinx'),
  TRANSCRIPTION_COMMAND: z.string().optional(),
  ATTENDANT_NAME_SOUNDS_DIR: z.string().min(1).optional(),
  ATTENDANT_NAME_SOUNDS_ASTERISK_DIR: z.string().min(1).optional(),
  ALLOW_INSECURE_DEFAULTS: z.enum(['0', '1', 'true', 'false']).default('0'),
  ORPHAN_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
  ORPHAN_SWEEP_GRACE_MS: z.coerce.number().int().min(1000).default(60_000),
  DIALPLAN_FALLBACK_SYNC_MS: z.coerce.number().int().min(0).default(10_000),
  DIALPLAN_INTERNAL_CONTEXT: z.string().regex(/^[A-Za-z0-9_.-]+$/).default('switchboard-internal'),
  DIALPLAN_INBOUND_CONTEXT: z.string().regex(/^[A-Za-z0-9_.-]+$/).default('switchboard-inbound'),
  /** `{"yealink":{"silent":"<http://127.0.0.1>;info=ringtone-9"}}`: overrides per family and alert type. */
  SCREENING_ALERT_INFO: screeningAlertInfoJson,
  /** `PJSIP/1002=yealink,PJSIP/2002=polycom`: a device's family when its User-Agent does not tell. */
  SCREENING_PHONE_FAMILIES: phoneFamilies,
});

/** ARI passwords that ship with this project (asterisk-conf/ari.conf, compose.yaml): public knowledge. */
const SHIPPED_ARI_PASSWORDS = new Set(['switchboard']);

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host) || /^::ffff:127\./i.test(host);
const on = (flag: string) => flag === '1' || flag === 'true';

/**
 * Settings that are fine on a developer's loopback but dangerous where the network can
 * reach the portal (issue 12): the shipped ARI password, demo accounts with a published
 * password, session cookies that travel without TLS. Each problem names its variable.
 */
export function insecureDefaults(e: Pick<z.infer<typeof env>, 'HTTP_HOST' | 'ARI_PASSWORD' | 'SEED_DEMO' | 'SECURE_COOKIES'>): string[] {
  if (isLoopback(e.HTTP_HOST)) return [];
  const problems: string[] = [];
  if (SHIPPED_ARI_PASSWORDS.has(e.ARI_PASSWORD)) problems.push('ARI_PASSWORD is the password shipped with Switchboard: set your own (and the same in Asterisk\'s ari.conf)');
  if (on(e.SEED_DEMO)) problems.push('SEED_DEMO is on: the demo users\' password is published; set SEED_DEMO=0');
  if (!on(e.SECURE_COOKIES)) problems.push('SECURE_COOKIES is off: session cookies would travel without TLS; put HTTPS in front and set SECURE_COOKIES=1');
  return problems;
}

export class ConfigError extends Error {}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = env.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.TRANSCRIPTION_ENGINE === 'command' && !e.TRANSCRIPTION_COMMAND?.includes('{wav}')) {
    throw new ConfigError('invalid configuration: TRANSCRIPTION_COMMAND: required with TRANSCRIPTION_ENGINE=command, a command line containing {wav}');
  }
  const insecure = insecureDefaults(e);
  if (insecure.length && !on(e.ALLOW_INSECURE_DEFAULTS)) {
    throw new ConfigError(`HTTP_HOST=${e.HTTP_HOST} is reachable from the network, so refusing to start: ${insecure.join('; ')}. `
      + 'To start anyway (a lab), set ALLOW_INSECURE_DEFAULTS=1.');
  }
  return {
    ari: { url: e.ARI_URL.replace(/\/$/, ''), user: e.ARI_USER, password: e.ARI_PASSWORD, app: e.ARI_APP },
    database: { url: e.DATABASE_URL },
    http: { port: e.HTTP_PORT, host: e.HTTP_HOST, trustProxy: e.TRUST_PROXY.split(',').map((p) => p.trim()).filter(Boolean) },
    smtp: { url: e.SMTP_URL, from: e.SMTP_FROM },
    recordingsDir: e.RECORDINGS_DIR,
    mediaBaseUrl: e.MEDIA_BASE_URL?.replace(/\/$/, ''),
    mediaUrlSecret: e.MEDIA_URL_SECRET,
    outboundDialString: e.OUTBOUND_DIAL_STRING,
    outboundAllowedNumbers: e.OUTBOUND_ALLOWED_NUMBERS,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    seedDemo: e.SEED_DEMO === '1' || e.SEED_DEMO === 'true',
    callPathCache: e.CALL_PATH_CACHE === '1' || e.CALL_PATH_CACHE === 'true',
    secureCookies: e.SECURE_COOKIES === '1' || e.SECURE_COOKIES === 'true',
    insecureDefaultsAllowed: insecure,
    transcription: e.TRANSCRIPTION_ENGINE === 'command' ? { engine: 'command', command: e.TRANSCRIPTION_COMMAND!.trim().split(/\s+/) } : { engine: 'pocketsphinx' },
    attendantNameSounds: { dir: e.ATTENDANT_NAME_SOUNDS_DIR ?? join(e.RECORDINGS_DIR, 'names'), asteriskDir: e.ATTENDANT_NAME_SOUNDS_ASTERISK_DIR },
    orphanSweep: { intervalMs: e.ORPHAN_SWEEP_INTERVAL_MS, graceMs: e.ORPHAN_SWEEP_GRACE_MS },
    dialplanFallbackSyncMs: e.DIALPLAN_FALLBACK_SYNC_MS,
    dialplan: { internalContext: e.DIALPLAN_INTERNAL_CONTEXT, inboundContext: e.DIALPLAN_INBOUND_CONTEXT },
    node: { name: e.NODE_NAME ?? e.ARI_APP, advertiseUrl: e.ADVERTISE_URL?.replace(/\/$/, '') },
    screeningAlertInfo: { overrides: e.SCREENING_ALERT_INFO, deviceFamilies: e.SCREENING_PHONE_FAMILIES },
  };
}
