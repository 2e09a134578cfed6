import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; secrets are redacted wherever they appear in a logged object. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'switchboard' },
    redact: {
      paths: ['password', '*.password', 'pin', '*.pin', 'newPin', '*.newPin', 'req.headers.cookie', 'req.headers.authorization', 'ari.password'],
      censor: '[redacted]',
    },
  });
}
