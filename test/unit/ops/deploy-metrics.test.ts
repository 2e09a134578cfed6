import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createMetrics } from '../../../src/observability/metrics.js';

/** Metric names a PromQL text refers to. */
const metricNames = (text: string): string[] => [...new Set(text.match(/\bswitchboard_[a-z0-9_]+/g) ?? [])];

describe('deploy/: the dashboard and the alert rules read metrics Switchboard exports', () => {
  let exported: Set<string>;
  before(async () => {
    const metrics = createMetrics();
    const names = (await metrics.registry.getMetricsAsJSON()).flatMap((m) => String(m.type) === 'histogram' ? [m.name, `${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`] : [m.name]);
    exported = new Set(names);
  });

  it('every metric in the alert rules exists, and each alert the issue asks for is there', () => {
    const rules = readFileSync('deploy/prometheus/switchboard-alerts.yml', 'utf8');
    expect(metricNames(rules).filter((n) => !exported.has(n))).to.deep.equal([]);
    for (const alert of ['SwitchboardAriDisconnected', 'SwitchboardErrorRate', 'SwitchboardSlowCallSetup', 'SwitchboardCallsNearCapacity', 'SwitchboardEventLoopLag']) {
      expect(rules).to.contain(`alert: ${alert}`);
    }
  });

  it('every metric on the dashboard exists, and the dashboard is valid JSON with a panel per concern', () => {
    const dashboard = JSON.parse(readFileSync('deploy/grafana/switchboard-dashboard.json', 'utf8')) as { panels: Array<{ title: string; targets: Array<{ expr: string }> }> };
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)).join('\n');
    expect(metricNames(exprs).filter((n) => !exported.has(n))).to.deep.equal([]);
    const titles = dashboard.panels.map((p) => p.title);
    for (const title of ['ARI connection', 'Calls in progress', 'Call set-up latency', 'Errors per second, by where', 'Event-loop lag']) expect(titles).to.include(title);
  });
});
