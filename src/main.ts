import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';
import { installLastResortHandlers } from './observability/last-resort.js';

try {
  const config = loadConfig();
  const log = createLogger(config.logLevel, config.logFormat);
  const app = createApp(config, {
    logger: log, staticDir: process.env.PORTAL_DIR,
    // A leader that lost its lease has fenced its calls off; exiting lets the supervisor
    // start it again as a clean standby (its calls' in-memory state is stale now).
    onLeadershipLost: () => { log.fatal('exiting: leadership lost'); process.exit(1); },
  });
  // Before start(): a rejection during start-up must not take the process down either.
  installLastResortHandlers(process, log, app.metrics);
  await app.start();
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    app.stop().then(() => process.exit(0), (error: unknown) => { log.error({ err: error }, 'stop failed'); process.exit(1); });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`switchboard: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
