import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Histogram, type Registry } from 'prom-client';

/** How often the monitor's timer fires (ms): its lateness is the lag. */
const RESOLUTION_MS = 10;
/** Seconds: from "nothing to see" to "calls are waiting behind one another". */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/**
 * `switchboard_event_loop_lag_seconds`: a Prometheus histogram of how late the event loop
 * ran a timer, fed by perf_hooks' monitorEventLoopDelay. Its HDR histogram is folded into
 * the Prometheus one at each scrape (its percentile points give how many samples fall
 * where) and then reset, so buckets are counts since start, as any histogram's are. The
 * monitor's own period is taken off: an idle loop reads 0, not 10 ms. (prom-client's
 * `nodejs_eventloop_lag_*` gauges are percentiles of a window; a histogram aggregates
 * across controllers and over any range.)
 */
export function eventLoopLagHistogram(registry: Registry): { histogram: Histogram; stop(): void } {
  const monitor = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  monitor.enable();
  const histogram = new Histogram({
    name: 'switchboard_event_loop_lag_seconds',
    help: `How late the event loop ran a ${RESOLUTION_MS} ms timer (perf_hooks monitorEventLoopDelay): calls wait this long behind other work`,
    buckets: BUCKETS, registers: [registry],
    collect() { fold(monitor, histogram); },
  });
  return { histogram, stop: () => monitor.disable() };
}

/** Moves the monitor's samples into the histogram: n samples at each percentile point's value. */
export function fold(monitor: Pick<IntervalHistogram, 'count' | 'percentiles' | 'reset'>, histogram: Pick<Histogram, 'observe'>): void {
  const count = monitor.count;
  if (count === 0) return;
  let done = 0;
  for (const [percentile, nanoseconds] of [...monitor.percentiles].sort((a, b) => a[0] - b[0])) {
    const upTo = Math.round((count * percentile) / 100);
    const lag = Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS) / 1000;
    for (; done < upTo; done += 1) histogram.observe(lag);
  }
  monitor.reset();
}
