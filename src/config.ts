import { z } from 'zod';

/** Everything Switchboard reads from its environment, read once at start-up. */
export interface Config {
  ari: { url: string; user: string; password: string; app: string };
  database: { url: string };
  http: { port: number; host: string };
  smtp: { url: string | undefined; from: string };
  recordingsDir: string;
  /** How Asterisk reaches this controller's HTTP server to fetch media (voicemail greetings); default the loopback port. */
  mediaBaseUrl?: string;
  /** How an external number is dialled through the outbound trunk; `{number}` is replaced. */
  outboundDialString: string;
  logLevel: string;
  /** `auto`: human-readable on a terminal, JSON lines otherwise. */
  logFormat: 'auto' | 'pretty' | 'json';
  /** Seed the demo organisation into an empty database. */
  seedDemo: boolean;
  /** Mark session cookies Secure (behind HTTPS). */
  secureCookies: boolean;
  /**
   * Where the attendant writes names it synthesises for callers to hear, and the same
   * directory as Asterisk sees it; unset: callers hear extensions instead of names.
   */
  attendantNameSounds?: { dir: string; asteriskDir: string };
  /**
   * The dialplan contexts of asterisk-conf/extensions.conf as this PBX names them: where the
   * organisation's phones start their calls, and where the carrier's calls arrive. The
   * controller does not need them; `switchboard doctor` probes them and `users import`
   * takes the endpoints of the internal one as users' phones.
   */
  dialplan: { internalContext: string; inboundContext: string };
}

const env = z.object({
  ARI_URL: z.string().url().default('http://127.0.0.1:8088'),
  ARI_USER: z.string().min(1).default('switchboard'),
  ARI_PASSWORD: z.string().min(1).default('switchboard'),
  ARI_APP: z.string().regex(/^[A-Za-z0-9_-]+$/).default('switchboard'),
  DATABASE_URL: z.string().min(1).default('sqlite:var/switchboard.db'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HTTP_HOST: z.string().default('127.0.0.1'),
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().default('Switchboard <switchboard@localhost>'),
  RECORDINGS_DIR: z.string().default('var/recordings'),
  MEDIA_BASE_URL: z.string().url().optional(),
  OUTBOUND_DIAL_STRING: z.string().includes('{number}').default('Local/{number}@switchboard-pstn'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  SEED_DEMO: z.enum(['0', '1', 'true', 'false']).default('0'),
  SECURE_COOKIES: z.enum(['0', '1', 'true', 'false']).default('0'),
  ATTENDANT_NAME_SOUNDS_DIR: z.string().min(1).optional(),
  ATTENDANT_NAME_SOUNDS_ASTERISK_DIR: z.string().min(1).optional(),
  DIALPLAN_INTERNAL_CONTEXT: z.string().regex(/^[A-Za-z0-9_.-]+$/).default('switchboard-internal'),
  DIALPLAN_INBOUND_CONTEXT: z.string().regex(/^[A-Za-z0-9_.-]+$/).default('switchboard-inbound'),
});

export class ConfigError extends Error {}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = env.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    ari: { url: e.ARI_URL.replace(/\/$/, ''), user: e.ARI_USER, password: e.ARI_PASSWORD, app: e.ARI_APP },
    database: { url: e.DATABASE_URL },
    http: { port: e.HTTP_PORT, host: e.HTTP_HOST },
    smtp: { url: e.SMTP_URL, from: e.SMTP_FROM },
    recordingsDir: e.RECORDINGS_DIR,
    mediaBaseUrl: e.MEDIA_BASE_URL?.replace(/\/$/, ''),
    outboundDialString: e.OUTBOUND_DIAL_STRING,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    seedDemo: e.SEED_DEMO === '1' || e.SEED_DEMO === 'true',
    secureCookies: e.SECURE_COOKIES === '1' || e.SECURE_COOKIES === 'true',
    attendantNameSounds: e.ATTENDANT_NAME_SOUNDS_DIR
      ? { dir: e.ATTENDANT_NAME_SOUNDS_DIR, asteriskDir: e.ATTENDANT_NAME_SOUNDS_ASTERISK_DIR ?? e.ATTENDANT_NAME_SOUNDS_DIR }
      : undefined,
    dialplan: { internalContext: e.DIALPLAN_INTERNAL_CONTEXT, inboundContext: e.DIALPLAN_INBOUND_CONTEXT },
  };
}
