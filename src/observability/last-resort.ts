import type { Logger } from '../log.js';
import type { Metrics } from './metrics.js';

/** The part of `process` the last net listens on (a fake one in tests). */
export interface ProcessEvents {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (error: Error) => void): unknown;
}

/**
 * The last net: a rejection nobody handled or an exception nobody caught is logged and
 * counted (`switchboard_errors_total{where="unhandledRejection"|"uncaughtException"}`),
 * and the process keeps serving. Node's default is to exit, which leaves every call in
 * progress in Stasis, in silence, until a supervisor restarts the controller (issue 11).
 * Each time this fires it is a bug to fix where the promise was made; this only keeps
 * the other calls alive meanwhile.
 */
export function installLastResortHandlers(proc: ProcessEvents, log: Logger, metrics: Pick<Metrics, 'errors'>): () => void {
  const onRejection = (reason: unknown) => {
    metrics.errors.inc({ where: 'unhandledRejection' });
    log.error({ err: reason }, 'unhandled promise rejection (a bug: kept serving)');
  };
  const onException = (error: Error) => {
    metrics.errors.inc({ where: 'uncaughtException' });
    log.error({ err: error }, 'uncaught exception (a bug: kept serving)');
  };
  proc.on('unhandledRejection', onRejection);
  proc.on('uncaughtException', onException);
  return () => {
    proc.off('unhandledRejection', onRejection);
    proc.off('uncaughtException', onException);
  };
}
