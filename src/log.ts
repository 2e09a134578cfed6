import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** `auto`: readable lines on a terminal, JSON lines otherwise (a file, journald, a collector). */
export type LogFormat = 'auto' | 'pretty' | 'json';

/**
 * Structured logs; secrets are redacted wherever they appear in a logged object (before
 * either format is written). On a terminal they are printed by pino-pretty, in this
 * process and synchronously, so the last lines before an exit are not lost.
 */
export function createLogger(level: string, format: LogFormat = 'auto', stdout: NodeJS.WriteStream = process.stdout): Logger {
  const options = {
    level,
    base: { service: 'switchboard' },
    redact: {
      paths: ['password', '*.password', 'pin', '*.pin', 'newPin', '*.newPin', 'req.headers.cookie', 'req.headers.authorization', 'ari.password'],
      censor: '[redacted]',
    },
  };
  const readable = format === 'pretty' || (format === 'auto' && stdout.isTTY === true);
  if (!readable) return stdout === process.stdout ? pino(options) : pino(options, stdout);
  const destination: DestinationStream = pretty({
    sync: true,
    colorize: stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service',
    destination: stdout,
  });
  return pino(options, destination);
}
