import { expect } from 'chai';
import { AriRequestError } from '../../../src/ari/ari-rest.js';
import { CallBridge } from '../../../src/ari/bridge.js';
import { ChannelIo } from '../../../src/ari/channel-io.js';
import { sendToDialplanFallback } from '../../../src/calls/dialplan-fallback.js';
import { onChannelGone } from '../../../src/ari/channel-gone.js';
import { recordChannel } from '../../../src/ari/record.js';
import { SAFETY_MUSIC_CLASS } from '../../../src/ari/safety-music.js';
import { FakeAri, channel, settle } from '../../support/fake-ari.js';

const order = (ari: FakeAri) => ari.calls.map((c) => c.method).filter((m) => ['play', 'startMoh', 'stopMoh', 'record'].includes(m));
const gone = (path: string) => new AriRequestError(404, 'GET', path, 'not found');

describe('no silence when the controller goes away (src/ari/safety-music.ts, Ari.catchUp)', () => {
  describe('music queued behind prompts and recordings', () => {
    it('a prompt is followed in Asterisk by the safety music, left for what comes next to replace', async () => {
      const ari = new FakeAri();
      const io = new ChannelIo(ari, 'caller', new AbortController().signal);
      const played = io.play('sound:hello');
      await settle();
      expect(order(ari)).to.deep.equal(['play', 'startMoh']);
      expect(ari.requests('startMoh')[0]).to.deep.equal(['caller', SAFETY_MUSIC_CLASS]);
      const playbackId = (ari.requests('play')[0]![2]) as string;
      let done = false;
      void played.then(() => { done = true; });
      ari.emit({ type: 'PlaybackFinished', playback: { id: playbackId } });
      await played;
      expect(done).to.equal(true);
      expect(order(ari)).to.deep.equal(['play', 'startMoh']);
    });

    it('music in reserve is stopped before its channel joins a bridge or goes back to the dialplan, and only then', async () => {
      const ari = new FakeAri();
      const io = new ChannelIo(ari, 'caller', new AbortController().signal);
      const played = io.play('sound:hello');
      await settle();
      ari.emit({ type: 'PlaybackFinished', playback: { id: ari.requests('play')[0]![2] } });
      await played;
      const bridge = await CallBridge.create(ari, 'call');
      await bridge.add('caller', 'callee');
      expect(ari.calls.map((c) => c.method).filter((m) => m !== 'createBridge')).to.deep.equal(['play', 'startMoh', 'stopMoh', 'addToBridge']);
      expect(ari.requests('stopMoh')).to.deep.equal([['caller']]);
      await sendToDialplanFallback(ari, 'caller', 'internal', '1007', ari.log);
      expect(ari.requests('stopMoh'), 'already stopped').to.have.length(1);
    });

    it('while the caller chooses keys with nothing playing, the music is renewed from its silent lead-in, and no longer once the keys are in', async () => {
      const ari = new FakeAri();
      ari.connection.state = 'connected';
      const io = new ChannelIo(ari, 'caller', new AbortController().signal);
      const collected = io.collect({ maxDigits: 4, firstDigitTimeoutMs: 5000 });
      await settle();
      await ari.fakeClock.advance(1000);
      expect(order(ari)).to.deep.equal(['startMoh', 'startMoh', 'startMoh']);
      for (const digit of '1007') ari.emit({ type: 'ChannelDtmfReceived', channel: channel('caller'), digit });
      expect((await collected).digits).to.equal('1007');
      const renewals = order(ari).length;
      await ari.fakeClock.advance(2000);
      expect(order(ari), 'no renewal once the wait is over').to.have.length(renewals);
    });

    it('while the websocket is down the music is not renewed: it plays after its lead-in', async () => {
      const ari = new FakeAri();
      const io = new ChannelIo(ari, 'caller', new AbortController().signal);
      const collected = io.collect({ maxDigits: 1, firstDigitTimeoutMs: 5000 });
      await settle();
      await ari.fakeClock.advance(1000);
      expect(order(ari)).to.deep.equal([]);
      ari.emit({ type: 'ChannelDtmfReceived', channel: channel('caller'), digit: '1' });
      await collected;
    });

    it('a tone plays until it is stopped: no music is queued behind it', async () => {
      const ari = new FakeAri();
      const io = new ChannelIo(ari, 'caller', new AbortController().signal);
      await io.startPlayback(['tone:ring']);
      await settle();
      expect(order(ari)).to.deep.equal(['play']);
    });

    it('a recording is followed by the safety music, left for what comes next to replace (a caller waits while speech is recognised)', async () => {
      const ari = new FakeAri();
      const recorded = recordChannel(ari, 'caller', { name: 'msg-1', maxDurationSeconds: 60, maxSilenceSeconds: 5, beep: true });
      await settle();
      expect(order(ari)).to.deep.equal(['record', 'startMoh']);
      ari.emit({ type: 'RecordingFinished', recording: { name: 'msg-1' } });
      expect(await recorded).to.equal('finished');
      expect(order(ari)).to.deep.equal(['record', 'startMoh']);
    });
  });

  describe('catching up after the websocket was down', () => {
    it('a prompt that ended meanwhile has finished, a channel that went is gone, one that came up is answered', async () => {
      const ari = new FakeAri();
      ari.respond = (method, args) => {
        if (method === 'getPlayback') throw gone(`/playbacks/${String(args[0])}`);
        return undefined;
      };
      const io = new ChannelIo(ari, 'caller', new AbortController().signal);
      const played = io.play('sound:hello');
      await settle();
      const goneHow: string[] = [];
      onChannelGone(ari, 'hung-up-meanwhile', (how) => goneHow.push(how));
      const states: string[] = [];
      ari.onChannel('answered-meanwhile', (event) => { if (event.type === 'ChannelStateChange') states.push(event.channel.state); });

      await ari.catchUp([channel('caller'), channel('answered-meanwhile', 'Up')] as never);
      await played;
      expect(goneHow).to.deep.equal(['destroyed']);
      expect(states).to.deep.equal(['Up']);
      expect(order(ari)).to.deep.equal(['play', 'startMoh']);
    });

    it('a playback still going on is left alone', async () => {
      const ari = new FakeAri();
      ari.respond = (method) => (method === 'getPlayback' ? { id: 'x', state: 'playing' } : undefined);
      const io = new ChannelIo(ari, 'caller', new AbortController().signal);
      let done = false;
      void io.play('sound:hello').then(() => { done = true; });
      await settle();
      await ari.catchUp([channel('caller')] as never);
      await settle();
      expect(done).to.equal(false);
    });

    it('a recording Asterisk no longer has finished if its file is stored, failed if not', async () => {
      const ari = new FakeAri();
      ari.respond = (method, args) => {
        if (method === 'getLiveRecording') throw gone(`/recordings/live/${String(args[0])}`);
        if (method === 'getStoredRecording' && args[0] === 'kept') return { name: 'kept', format: 'wav' };
        if (method === 'getStoredRecording') throw gone(`/recordings/stored/${String(args[0])}`);
        return undefined;
      };
      const kept = recordChannel(ari, 'a', { name: 'kept', maxDurationSeconds: 60, maxSilenceSeconds: 5, beep: true });
      const lost = recordChannel(ari, 'b', { name: 'lost', maxDurationSeconds: 60, maxSilenceSeconds: 5, beep: true });
      await settle();
      await ari.catchUp([channel('a'), channel('b')] as never);
      expect(await kept).to.equal('finished');
      expect(await lost).to.equal('failed');
    });
  });
});
