import { expect } from 'chai';
import { ChannelIo, type Collected } from '../../../src/ari/channel-io.js';
import { dialLeg } from '../../../src/ari/leg.js';
import { recordChannel } from '../../../src/ari/record.js';
import { RingGroup } from '../../../src/ari/ring-group.js';
import { startRingback } from '../../../src/ari/ringback.js';
import { CallSession, type SessionDeps } from '../../../src/calls/call-session.js';
import { runFlow } from '../../../src/calls/run-flow.js';
import { ringFirstOf } from '../../../src/calls/ringing.js';
import { SessionTracker } from '../../../src/calls/session-tracker.js';
import { createLogger } from '../../../src/log.js';
import { channel, FakeAri, settle } from '../../support/fake-ari.js';

class TestCall extends CallSession<'start' | 'ringing' | 'talking'> {
  constructor(deps: SessionDeps, callerChannelId = 'caller') {
    super(deps, 'test', 'start', { channelId: callerChannelId, goneReason: 'caller hung up' });
  }
}

function harness() {
  const ari = new FakeAri();
  const tracker = new SessionTracker();
  const deps: SessionDeps = { ari, log: createLogger('silent'), clock: ari.fakeClock, tracker };
  return { ari, clock: ari.fakeClock, tracker, deps };
}

const hungUp = (ari: FakeAri) => ari.requests('hangup').map((args) => args[0]);

describe('call primitives (fake ARI, fake clock)', () => {
  describe('Leg', () => {
    it('is one request per leg; answered once its channel is in our app, and busy when the phone says so', async () => {
      const { ari } = harness();
      const answered = await dialLeg(ari, { endpoint: 'PJSIP/1002', appArgs: ['test', 's', 'callee'], ringTimeoutSeconds: 20 });
      const busy = await dialLeg(ari, { endpoint: 'PJSIP/1003', appArgs: ['test', 's', 'callee'], ringTimeoutSeconds: 20 });
      expect(ari.calls.map((c) => c.method)).to.deep.equal(['originate', 'originate']);
      expect(ari.requests('originate')[0]![0]).to.include({ endpoint: 'PJSIP/1002', app: 'switchboard', appArgs: 'test,s,callee', timeout: 20 });
      // Up, but not yet in Stasis: nothing can be bridged to it yet, so it is not answered.
      ari.emit({ type: 'ChannelStateChange', channel: channel(answered.id, 'Up') });
      ari.emit({ type: 'Dial', peer: channel(answered.id, 'Up'), dialstatus: 'ANSWER' });
      await settle();
      expect(answered.isAnswered).to.equal(false);
      ari.emit({ type: 'StasisStart', channel: channel(answered.id, 'Up'), args: ['test', 's', 'callee'] });
      ari.emit({ type: 'ChannelDestroyed', channel: channel(busy.id, 'Down'), cause: 17, cause_txt: 'User busy' });
      expect(await answered.outcome).to.equal('answered');
      expect(await busy.outcome).to.equal('busy');
      expect(busy.isEnded).to.equal(true);
    });

    it('rings no longer than its ring time: then it is no answer and is hung up', async () => {
      const { ari, clock } = harness();
      const leg = await dialLeg(ari, { endpoint: 'PJSIP/1002', appArgs: ['test', 's', 'callee'], ringTimeoutSeconds: 20 });
      await clock.advance(20_000);
      expect(hungUp(ari)).to.deep.equal([]);
      await clock.advance(1_000);
      expect(await leg.outcome).to.equal('noanswer');
      expect(hungUp(ari)).to.deep.equal([leg.id]);
    });

    it('a device that cannot be created is unavailable at once', async () => {
      const { ari } = harness();
      ari.respond = (method) => { if (method === 'originate') throw Object.assign(new Error('no such endpoint'), { status: 400 }); };
      const leg = await dialLeg(ari, { endpoint: 'PJSIP/nobody', appArgs: ['test', 's', 'callee'], ringTimeoutSeconds: 20 });
      expect(await leg.outcome).to.equal('unavailable');
    });
  });

  describe('startRingback', () => {
    it('a caller not yet answered already rings (since StasisStart): no request; one heard hanging up is gone', async () => {
      const { ari } = harness();
      const stop = await startRingback(ari, 'caller', false);
      await stop();
      expect(ari.calls).to.deep.equal([]);
      ari.emit({ type: 'ChannelDestroyed', channel: channel('caller', 'Ring'), cause: 16, cause_txt: 'Normal Clearing' });
      const error = await startRingback(ari, 'caller', false).then(() => undefined, (e: unknown) => e as { isGone?: boolean });
      expect(error?.isGone).to.equal(true);
    });

    it('an answered caller (in a menu) gets the indication, the tone in band from Asterisk, and it is stopped once', async () => {
      const { ari } = harness();
      const stop = await startRingback(ari, 'caller', true);
      await Promise.all([stop(), stop()]);
      expect(ari.calls.map((c) => c.method)).to.deep.equal(['ring', 'ringStop']);
    });
  });

  describe('RingGroup', () => {
    it('the first leg to answer wins; every other leg is told it was answered elsewhere', async () => {
      const { ari } = harness();
      const group = new RingGroup();
      const legs = await Promise.all(['1002', '1003', '1004'].map((ext) => dialLeg(ari, { endpoint: `PJSIP/${ext}`, appArgs: ['t', 's', 'r'], ringTimeoutSeconds: 20 })));
      for (const leg of legs) group.add(leg);
      const winner = group.untilAnsweredOrSilent();
      ari.emit({ type: 'StasisStart', channel: channel(legs[1]!.id, 'Up'), args: ['t', 's', 'r'] });
      ari.emit({ type: 'StasisStart', channel: channel(legs[2]!.id, 'Up'), args: ['t', 's', 'r'] });
      expect(await winner).to.equal(legs[1]);
      await settle();
      const stopped = ari.requests('hangup');
      expect(stopped.map((a) => a[0]).sort()).to.deep.equal([legs[0]!.id, legs[2]!.id].sort());
      expect(stopped.every((a) => a[1] === 'answered_elsewhere')).to.equal(true);
    });

    it('is silent once every leg has ended unanswered', async () => {
      const { ari } = harness();
      const group = new RingGroup();
      const leg = await dialLeg(ari, { endpoint: 'PJSIP/1002', appArgs: ['t', 's', 'r'], ringTimeoutSeconds: 20 });
      group.add(leg);
      const result = group.untilAnsweredOrSilent();
      ari.emit({ type: 'ChannelDestroyed', channel: channel(leg.id, 'Down'), cause: 21, cause_txt: 'Call rejected' });
      expect(await result).to.equal(undefined);
    });

    it('a leg Asterisk reported busy is no longer ringing, before its channel is destroyed', async () => {
      // Counted as ringing, the alerting loop waited on its settled outcome in microtasks for ever.
      const { ari } = harness();
      const group = new RingGroup();
      const leg = await dialLeg(ari, { endpoint: 'PJSIP/1003', appArgs: ['t', 's', 'r'], ringTimeoutSeconds: 20 });
      group.add(leg);
      ari.emit({ type: 'ChannelStateChange', channel: channel(leg.id, 'Ringing') });
      expect(leg.isRinging).to.equal(true);
      ari.emit({ type: 'ChannelHangupRequest', channel: channel(leg.id, 'Ringing'), cause: 17 });
      expect(await leg.outcome).to.equal('busy');
      expect(leg.isRinging).to.equal(false);
      expect(group.ringingLegs()).to.deep.equal([]);
      expect(await group.untilAnsweredOrSilent()).to.equal(undefined);
    });
  });

  describe('CallSession', () => {
    it('end() runs once: timers stop, owned channels are hung up, clean-ups run, late clean-ups run at once', async () => {
      const { deps, ari, clock, tracker } = harness();
      const call = new TestCall(deps);
      let timerFired = false;
      call.after(1000, () => { timerFired = true; });
      const cleaned: string[] = [];
      call.onEnd(() => { cleaned.push('first'); });
      await Promise.all([call.end('test over'), call.end('again')]);
      await clock.advance(5000);
      expect(timerFired).to.equal(false);
      expect(hungUp(ari)).to.deep.equal(['caller']);
      expect(call.endReason).to.equal('test over');
      call.onEnd(() => { cleaned.push('late'); });
      await settle();
      expect(cleaned).to.deep.equal(['first', 'late']);
      expect(tracker.size).to.equal(0);
    });

    it('ends when its caller hangs up', async () => {
      const { deps, ari } = harness();
      const call = new TestCall(deps);
      ari.emit({ type: 'StasisEnd', channel: channel('caller') });
      await settle();
      expect(call.isEnded).to.equal(true);
      expect(call.endReason).to.equal('caller hung up');
    });

    it('a deadline does not wait in the session queue behind the flow that waits for it', async () => {
      const { deps, clock } = harness();
      const call = new TestCall(deps);
      let done = false;
      void call.run(async () => { await call.deadline(3000); done = true; });
      await settle();
      await clock.advance(2999);
      expect(done).to.equal(false);
      await clock.advance(1);
      expect(done).to.equal(true);
      await call.end('over');
      expect(clock.pending).to.equal(0);
    });
  });

  describe('ringFirstOf', () => {
    it('rings every target for the ring time; nobody answered: all no answer, all hung up', async () => {
      const { deps, ari, clock } = harness();
      const call = new TestCall(deps);
      const result = ringFirstOf(call, ['PJSIP/1002', 'PJSIP/1003'], { role: 'callee', ringSeconds: 10, callerId: { name: 'Mary', number: '1005' } });
      await settle();
      await clock.advance(10_000);
      const { winner, outcomes } = await result;
      expect(winner).to.equal(undefined);
      expect(outcomes).to.deep.equal(['noanswer', 'noanswer']);
      expect(hungUp(ari)).to.have.length(2);
    });
  });

  describe('ChannelIo.collect', () => {
    it('keys typed ahead count; the terminator ends the entry', async () => {
      const { deps, ari } = harness();
      const call = new TestCall(deps);
      const io = new ChannelIo(ari, 'caller', call.signal);
      for (const digit of '12') ari.emit({ type: 'ChannelDtmfReceived', channel: channel('caller'), digit, duration_ms: 100 });
      const collected = io.collect({ maxDigits: 4 });
      ari.emit({ type: 'ChannelDtmfReceived', channel: channel('caller'), digit: '#', duration_ms: 100 });
      expect(await collected).to.deep.equal({ digits: '12', endedBy: 'terminator', terminator: '#' });
    });

    it('times out after the first-digit timeout when nobody presses anything', async () => {
      const { deps, ari, clock } = harness();
      const call = new TestCall(deps);
      const io = new ChannelIo(ari, 'caller', call.signal);
      const collected = io.collect({ maxDigits: 4, firstDigitTimeoutMs: 5000 });
      await clock.advance(5000);
      expect(await collected).to.deep.equal({ digits: '', endedBy: 'timeout' });
    });

    it('after a websocket drop an entry in progress ends a second after its last key, not three (its # may be lost)', async () => {
      const { deps, ari, clock } = harness();
      const call = new TestCall(deps);
      const io = new ChannelIo(ari, 'caller', call.signal);
      const key = (digit: string) => ari.emit({ type: 'ChannelDtmfReceived', channel: channel('caller'), digit, duration_ms: 100 });
      let ended: Collected | undefined;
      void io.collect({ maxDigits: 12, interDigitTimeoutMs: 3000 }).then((c) => { ended = c; });
      await settle();
      key('1');
      await clock.advance(2000);
      expect(ended, 'before the drop: the whole inter-digit timeout').to.equal(undefined);
      ari.connection.emit('connected', { reconnect: true });
      key('0');
      key('0');
      await clock.advance(999);
      expect(ended).to.equal(undefined);
      await clock.advance(1);
      expect(ended).to.deep.equal({ digits: '100', endedBy: 'timeout' });
    });

    it('a drop before any key leaves the first-key wait as it was', async () => {
      const { deps, ari, clock } = harness();
      const call = new TestCall(deps);
      const io = new ChannelIo(ari, 'caller', call.signal);
      let ended: Collected | undefined;
      void io.collect({ maxDigits: 4, firstDigitTimeoutMs: 5000 }).then((c) => { ended = c; });
      await settle();
      ari.connection.emit('connected', { reconnect: true });
      await clock.advance(4999);
      expect(ended).to.equal(undefined);
      await clock.advance(1);
      expect(ended).to.deep.equal({ digits: '', endedBy: 'timeout' });
    });
  });

  describe('runFlow', () => {
    it('a failing flow is counted, and a waiting caller goes to the dialplan fallback after our legs are gone', async () => {
      const { deps, ari, tracker } = harness();
      const failures: string[] = [];
      tracker.onFlowFailure((kind) => failures.push(kind));
      const call = new TestCall(deps);
      const result = await runFlow(call, async () => { throw new Error('boom'); }, { kind: 'dialplan', direction: 'internal', extension: '1002' });
      expect(result).to.equal(undefined);
      expect(failures).to.deep.equal(['test']);
      expect(call.isEnded).to.equal(true);
      expect(hungUp(ari), 'the caller is not hung up').to.deep.equal([]);
      expect(ari.requests('continueInDialplan')).to.deep.equal([['caller', { context: 'switchboard-fallback', extension: '1002', priority: 1 }]]);
    });

    it('the caller hanging up is the normal end of a flow, not a failure', async () => {
      const { deps, ari, tracker } = harness();
      const failures: string[] = [];
      tracker.onFlowFailure((kind) => failures.push(kind));
      const call = new TestCall(deps);
      const flow = runFlow(call, () => call.deadline(60_000).then(() => call.run(() => 'never')), { kind: 'prompt' });
      ari.emit({ type: 'ChannelDestroyed', channel: channel('caller', 'Down'), cause: 16, cause_txt: 'Normal Clearing' });
      expect(await flow).to.equal(undefined);
      expect(failures).to.deep.equal([]);
    });

    it('an answered caller whose flow fails hears the technical-problem prompt', async () => {
      const { deps, ari } = harness();
      const call = new TestCall(deps);
      ari.respond = (method, args) => {
        if (method === 'play') setImmediate(() => ari.emit({ type: 'PlaybackFinished', playback: { id: args[2], media_uri: String(args[1]), state: 'done', target_uri: 'channel:caller' } }));
        return undefined;
      };
      await runFlow(call, async () => { throw new Error('boom'); }, { kind: 'prompt' });
      expect(ari.requests('play').map((a) => a[1])).to.deep.equal([['sound:switchboard/core-technical-problem']]);
      expect(hungUp(ari)).to.deep.equal(['caller']);
    });
  });

  describe('recordChannel', () => {
    it('a record request Asterisk refuses rejects once, leaving nothing pending', async () => {
      const { ari, clock } = harness();
      ari.respond = (method) => { if (method === 'record') throw new Error('refused'); };
      let rejected: unknown;
      await recordChannel(ari, 'caller', { name: 'r1', maxDurationSeconds: 5, maxSilenceSeconds: 2, beep: true }).catch((error: unknown) => { rejected = error; });
      expect((rejected as Error).message).to.equal('refused');
      expect(clock.pending).to.equal(0);
    });

    it('the caller hanging up mid-message ends it as a hang-up once Asterisk finished the file', async () => {
      const { ari, clock } = harness();
      const ended = recordChannel(ari, 'caller', { name: 'r2', maxDurationSeconds: 60, maxSilenceSeconds: 5, beep: true });
      await settle();
      ari.emit({ type: 'StasisEnd', channel: channel('caller') });
      await clock.advance(1500);
      expect(await ended).to.equal('hangup');
      expect(clock.pending).to.equal(0);
    });
  });
});
