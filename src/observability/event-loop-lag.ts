import { performance } from 'node:perf_hooks';
import { Histogram, type Registry } from 'prom-client';

/** How often the monitor's timer fires (ms): its lateness is the lag. */
const RESOLUTION_MS = 10;
/** Seconds: from "nothing to see" to "calls are waiting behind one another". */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/**
 * `switchboard_event_loop_lag_seconds`: a Prometheus histogram of how late the event loop
 * ran a 10 ms timer, each firing observed as it happens. (perf_hooks' monitorEventLoopDelay
 * was folded in at each scrape and reset, and its reset drops the interval in progress: a
 * stall just after a scrape was never counted.) An idle loop reads 0, not 10 ms. Buckets
 * are counts since start and aggregate across controllers and over any range, which
 * prom-client's `nodejs_eventloop_lag_*` percentile gauges do not.
 */
export function eventLoopLagHistogram(registry: Registry): { histogram: Histogram; stop(): void } {
  const histogram = new Histogram({
    name: 'switchboard_event_loop_lag_seconds',
    help: `How late the event loop ran a ${RESOLUTION_MS} ms timer: calls wait this long behind other work`,
    buckets: BUCKETS, registers: [registry],
  });
  let due = performance.now() + RESOLUTION_MS;
  const timer = setInterval(() => {
    const now = performance.now();
    histogram.observe(Math.max(0, now - due) / 1000);
    // Node schedules the next firing from this one's start, not from when it was due.
    due = now + RESOLUTION_MS;
  }, RESOLUTION_MS);
  timer.unref(); // never what keeps a stopping process alive
  return { histogram, stop: () => clearInterval(timer) };
}
