import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { eventLoopLagHistogram } from './event-loop-lag.js';
import { heapAfterGc } from './heap-after-gc.js';

/** Prometheus metrics of one running Switchboard (one registry per app: no globals). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'switchboard_' });
  heapAfterGc();
  const eventLoopLag = eventLoopLagHistogram(registry);
  return {
    registry,
    eventLoopLag: eventLoopLag.histogram,
    /** Stops the event-loop monitor's timer (the app's stop). */
    stopMonitors: eventLoopLag.stop,
    activeCalls: new Gauge({ name: 'switchboard_active_calls', help: 'Calls being handled now', registers: [registry] }),
    callsStarted: new Counter({ name: 'switchboard_calls_total', help: 'Calls taken, by route', labelNames: ['route'], registers: [registry] }),
    routingLatency: new Histogram({
      name: 'switchboard_call_routing_seconds', help: 'From StasisStart to the call handed to its feature',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1], registers: [registry],
    }),
    setupLatency: new Histogram({
      name: 'switchboard_call_setup_seconds', help: 'From the call session starting to its first leg dialled',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry],
    }),
    ariReconnects: new Counter({ name: 'switchboard_ari_reconnects_total', help: 'ARI websocket reconnects', registers: [registry] }),
    ariConnected: new Gauge({ name: 'switchboard_ari_connected', help: '1 while the ARI websocket is up', registers: [registry] }),
    heapAfterGc: new Gauge({
      name: 'switchboard_heap_used_after_gc_bytes', help: 'V8 heap in use after the latest full garbage collection (flat over a soak: no leak)',
      registers: [registry], collect() { this.set(heapAfterGc().usedBytes); },
    }),
    majorGcs: new Gauge({
      name: 'switchboard_major_gcs', help: 'Full garbage collections since start (how fresh switchboard_heap_used_after_gc_bytes is)',
      registers: [registry], collect() { this.set(heapAfterGc().majorGcs); },
    }),
    errors: new Counter({ name: 'switchboard_errors_total', help: 'Failures, by where they happened', labelNames: ['where'], registers: [registry] }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
