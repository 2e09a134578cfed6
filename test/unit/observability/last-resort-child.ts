// Run as a child process by last-resort.test.ts: a process with the last net installed
// that suffers an unhandled rejection and an uncaught exception, then says what it counted.
import { createLogger } from '../../../src/log.js';
import { createMetrics } from '../../../src/observability/metrics.js';
import { installLastResortHandlers } from '../../../src/observability/last-resort.js';

const metrics = createMetrics();
installLastResortHandlers(process, createLogger('silent'), metrics);
void Promise.reject(new Error('a call flow forgot to catch this'));
setTimeout(() => { throw new Error('an event handler threw'); }, 10);
setTimeout(() => {
  void metrics.registry.getSingleMetricAsString('switchboard_errors_total').then((text) => {
    process.stdout.write(`still serving\n${text}\n`);
  });
}, 200);
