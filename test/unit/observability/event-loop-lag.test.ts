import { expect } from 'chai';
import { startApiApp, type ApiApp } from '../../support/api-app.js';

/** The event-loop lag histogram as an operator's Prometheus scrapes it from /metrics. */
describe('switchboard_event_loop_lag_seconds on /metrics', () => {
  let api: ApiApp;
  before(async () => { api = await startApiApp('event-loop-lag'); });
  after(async () => { await api.stop(); });

  const scrape = async () => {
    const response = await fetch(`${api.baseUrl}/metrics`);
    expect(response.status).to.equal(200);
    return response.text();
  };
  const bucket = (text: string, le: string) => Number(new RegExp(`^switchboard_event_loop_lag_seconds_bucket\\{le="${le.replace('.', '\\.')}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
  const count = (text: string) => Number(/^switchboard_event_loop_lag_seconds_count (\d+)$/m.exec(text)?.[1] ?? NaN);

  it('is a histogram whose slow buckets count a loop blocked for 120 ms, and no more', async () => {
    await scrape(); // folds what start-up did into the counts, so the next difference is ours
    const before = await scrape();
    expect(before).to.match(/^# TYPE switchboard_event_loop_lag_seconds histogram$/m);
    // The loop blocked, as a slow synchronous step on the call path would block it.
    const blockedUntil = Date.now() + 120;
    while (Date.now() < blockedUntil) { /* busy */ }
    // Let the monitor's timer fire a few more times after the stall.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = await scrape();
    expect(count(after)).to.be.greaterThan(count(before));
    // The stall is one sample above 100 ms and at most 250 ms (120 ms less the at most 10 ms
    // the timer still had to wait); a shared machine may add others, never take this one away.
    const added = count(after) - count(before);
    expect(bucket(after, '0.1') - bucket(before, '0.1')).to.be.at.most(added - 1);
    expect((bucket(after, '0.25') - bucket(before, '0.25')) - (bucket(after, '0.1') - bucket(before, '0.1'))).to.be.at.least(1);
    expect(after).to.match(/^switchboard_event_loop_lag_seconds_sum [\d.e+-]+$/m);
  });
});
