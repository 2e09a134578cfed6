import { expect } from 'chai';
import { AriRest } from '../../../src/ari/ari-rest.js';
import { FakeAriServer } from './fake-ari-server.js';

/**
 * A playing channel runs no other ARI command until its playback ends, and a `tone:`
 * never ends by itself: a stop that is lost leaves the caller's answer, bridge or next
 * prompt waiting in the channel's queue until the request times out (issue 11, item 5).
 */
describe('ARI requests: stopping a playback', () => {
  let server: FakeAriServer | undefined;
  afterEach(async () => { await server?.stop(); server = undefined; });

  it('a stop made while its play request is still in flight is sent once Asterisk has answered the play', async () => {
    let playAnsweredAt = 0;
    server = new FakeAriServer((req) => {
      if (req.method === 'POST') { playAnsweredAt = Date.now() + 300; return { status: 201, afterMs: 300, body: { id: 'ringback' } }; }
      // As Asterisk: a playback it has not created yet is not found.
      return { status: Date.now() >= playAnsweredAt && playAnsweredAt > 0 ? 204 : 404, afterMs: 1, body: { message: 'Playback not found' } };
    });
    const rest = new AriRest(await server.start(), 'u', 'p');

    const playing = rest.play('caller-1', ['tone:ring'], 'ringback');
    await rest.stopPlayback('ringback');
    await playing;

    const stop = server.received.find((r) => r.method === 'DELETE');
    expect(stop, 'the stop was sent').to.not.equal(undefined);
    expect(stop!.at, 'the stop reached Asterisk after the play was answered').to.be.at.least(playAnsweredAt);
  });

  it('a stop whose play failed is still sent (and answered 404: nothing plays)', async () => {
    server = new FakeAriServer((req) => (req.method === 'POST'
      ? { status: 404, afterMs: 50, body: { message: 'Channel not found' } }
      : { status: 404, afterMs: 1, body: { message: 'Playback not found' } }));
    const rest = new AriRest(await server.start(), 'u', 'p');

    const playing = rest.play('gone', ['tone:ring'], 'ringback').catch((error: Error) => error);
    const stopped = await rest.stopPlayback('ringback').then(() => 'stopped', (error: Error) => error.message);

    expect(String(await playing)).to.contain('404');
    expect(stopped).to.contain('404');
    expect(server.received.map((r) => r.method)).to.deep.equal(['POST', 'DELETE']);
  });

  it('tries a stop again when Asterisk answers 500 (a playback starting cannot be stopped for a moment)', async () => {
    server = new FakeAriServer((_req, nth) => ({ status: nth < 1 ? 500 : 204, afterMs: 2, body: { message: 'Could not stop playback' } }));
    const rest = new AriRest(await server.start(), 'u', 'p');

    await rest.stopPlayback('ringback');

    expect(server.received.map((r) => r.method)).to.deep.equal(['DELETE', 'DELETE']);
  });
});

/**
 * A new call is rung while its route is found (src/calls/dispatcher.ts), without waiting:
 * the flow's answer, sent on another connection, could reach Asterisk first, and a ring
 * queued after the answer is the ring tone in band under the greeting.
 */
describe('ARI requests: a ring in flight and what follows it on the channel', () => {
  let server: FakeAriServer | undefined;
  afterEach(async () => { await server?.stop(); server = undefined; });

  it('an answer, a prompt or a bridge for the ringing channel is sent once the ring is answered; other channels do not wait', async () => {
    let ringAnsweredAt = 0;
    server = new FakeAriServer((req) => {
      if (req.url?.startsWith('/ari/channels/caller/ring')) { ringAnsweredAt = Date.now() + 200; return { status: 204, afterMs: 200 }; }
      return { status: req.url?.includes('/play/') ? 201 : 204, afterMs: 1, body: req.url?.includes('/play/') ? { id: 'p' } : undefined };
    });
    const rest = new AriRest(await server.start(), 'u', 'p');

    const ringing = rest.ring('caller');
    const other = rest.answer('someone-else');
    await Promise.all([rest.answer('caller'), rest.play('caller', ['sound:hello'], 'p'), rest.addToBridge('b', ['caller', 'leg']), other, ringing]);

    const at = (path: string) => server!.received.find((r) => r.path.startsWith(path))!.at;
    expect(at('/ari/channels/someone-else/answer'), 'another channel does not wait').to.be.below(ringAnsweredAt);
    expect(at('/ari/channels/caller/answer')).to.be.at.least(ringAnsweredAt);
    expect(at('/ari/channels/caller/play/p')).to.be.at.least(ringAnsweredAt);
    expect(at('/ari/bridges/b/addChannel')).to.be.at.least(ringAnsweredAt);
  });

  it('a ring that fails holds nothing back', async () => {
    server = new FakeAriServer((req) => (req.url?.includes('/ring') ? { status: 404, afterMs: 20, body: { message: 'Channel not found' } } : { status: 204, afterMs: 1 }));
    const rest = new AriRest(await server.start(), 'u', 'p');
    const ringing = rest.ring('caller').catch((error: Error) => error.message);
    await rest.answer('caller');
    expect(await ringing).to.contain('404');
    expect(server.received.map((r) => r.path.replace(/\?.*$/, ''))).to.deep.equal(['/ari/channels/caller/ring', '/ari/channels/caller/answer']);
  });
});
