import { expect } from 'chai';
import { CallSession, type SessionDeps } from '../../../src/calls/call-session.js';
import { ringFirstOf } from '../../../src/calls/ringing.js';
import { SessionTracker } from '../../../src/calls/session-tracker.js';
import { createLogger } from '../../../src/log.js';
import { createMetrics } from '../../../src/observability/metrics.js';
import { FakeAri, settle } from '../../support/fake-ari.js';

class TestCall extends CallSession<'start'> {
  constructor(deps: SessionDeps) { super(deps, 'test', 'start', { channelId: 'caller', goneReason: 'caller hung up' }); }
}

/** switchboard_call_setup_seconds as an operator scrapes it: one observation per call, at its first leg. */
describe('switchboard_call_setup_seconds (fake ARI, fake clock)', () => {
  it('counts a call once, from its start to its first leg rung, however many legs ring', async () => {
    const ari = new FakeAri();
    const tracker = new SessionTracker();
    const metrics = createMetrics();
    // As src/app.ts wires it.
    tracker.onSetUp((seconds) => metrics.setupLatency.observe(seconds));
    const call = new TestCall({ ari, log: createLogger('silent'), clock: ari.fakeClock, tracker });
    await ari.fakeClock.advance(300);
    const result = ringFirstOf(call, ['PJSIP/1002', 'PJSIP/1003'], { role: 'callee', ringSeconds: 10, callerId: { name: 'Mary', number: '1005' } });
    await settle();
    await ari.fakeClock.advance(10_000);
    await result;
    const text = await metrics.registry.getSingleMetricAsString('switchboard_call_setup_seconds');
    expect(text).to.match(/^switchboard_call_setup_seconds_count 1$/m);
    expect(text).to.match(/^switchboard_call_setup_seconds_sum 0\.3$/m);
    expect(text).to.match(/^switchboard_call_setup_seconds_bucket\{le="0\.25"\} 0$/m);
    expect(text).to.match(/^switchboard_call_setup_seconds_bucket\{le="0\.5"\} 1$/m);
  });
});
