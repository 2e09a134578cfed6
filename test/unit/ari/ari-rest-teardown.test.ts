import { expect } from 'chai';
import { AriRequestError, AriRest } from '../../../src/ari/ari-rest.js';
import { FakeAriServer } from './fake-ari-server.js';

describe('ARI requests: deadlines cover the request, teardown is never dropped', () => {
  let server: FakeAriServer | undefined;
  afterEach(async () => { await server?.stop(); server = undefined; });

  it('sends all of 1,500 hang-ups made at once to an ARI answering in 250 ms, none failing for queueing', async function () {
    this.timeout(60_000);
    server = new FakeAriServer(() => ({ status: 204, afterMs: 250 }));
    const rest = new AriRest(await server.start(), 'u', 'p', 5000, 32);
    const ids = Array.from({ length: 1500 }, (_, i) => `chan-${i}`);

    const results = await Promise.allSettled(ids.map((id) => rest.hangup(id)));

    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed, `first failure: ${(failed[0] as PromiseRejectedResult | undefined)?.reason}`).to.have.length(0);
    const deleted = new Set(server.received.filter((r) => r.method === 'DELETE').map((r) => r.path.split('?')[0]));
    expect(deleted.size).to.equal(1500);
    // The 32 ordinary slots and 32 more only teardown takes: under Asterisk's sessionlimit of 100.
    expect(server.mostInFlight).to.be.at.most(64);
    expect(server.mostInFlight, 'teardown used its own slots too').to.be.greaterThan(32);
  });

  it('keeps ordinary requests to their own slots while teardown takes the extra ones', async function () {
    this.timeout(20_000);
    server = new FakeAriServer(() => ({ status: 204, afterMs: 100 }));
    const rest = new AriRest(await server.start(), 'u', 'p', 5000, 4);
    const answers = Array.from({ length: 20 }, (_, i) => rest.answer(`a${i}`));
    const hangups = Array.from({ length: 20 }, (_, i) => rest.hangup(`h${i}`));

    await Promise.all([...answers, ...hangups]);

    expect(server.mostInFlight).to.equal(8);
    expect(server.received.filter((r) => r.method === 'DELETE')).to.have.length(20);
    expect(server.received.filter((r) => r.method === 'POST')).to.have.length(20);
  });

  it('retries a hang-up that Asterisk answered with 500 until it succeeds', async () => {
    server = new FakeAriServer((_req, nth) => ({ status: nth < 2 ? 500 : 204, afterMs: 5 }));
    const rest = new AriRest(await server.start(), 'u', 'p', 5000, 32, { teardownRetryFirstMs: 10 });

    await rest.hangup('chan-1');

    expect(server.received.map((r) => r.method)).to.deep.equal(['DELETE', 'DELETE', 'DELETE']);
  });

  it('counts a 404 as done and sends nothing for a channel already known destroyed', async () => {
    server = new FakeAriServer(() => ({ status: 404, afterMs: 5, body: { message: 'Channel not found' } }));
    const rest = new AriRest(await server.start(), 'u', 'p');

    await rest.hangup('chan-404');
    rest.knownGone.markChannel('chan-destroyed');
    await rest.hangup('chan-destroyed');
    rest.knownGone.markBridge('bridge-destroyed');
    await rest.destroyBridge('bridge-destroyed');

    expect(server.received.map((r) => r.path)).to.deep.equal(['/ari/channels/chan-404']);
  });

  it('stops retrying a hang-up once the channel is seen destroyed', async () => {
    server = new FakeAriServer(() => ({ status: 503, afterMs: 5 }));
    const rest = new AriRest(await server.start(), 'u', 'p', 5000, 32, { teardownRetryFirstMs: 20, teardownRetryMaxMs: 20 });

    const hangingUp = rest.hangup('chan-1');
    // Refused and retried: wait (bounded) until Asterisk has been asked twice, then the channel goes.
    const deadline = Date.now() + 2000;
    while (server.received.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(server.received.length, 'retried after a refusal').to.be.at.least(2);
    rest.knownGone.markChannel('chan-1');
    await hangingUp;

    // At most the retry in flight when the channel was seen gone, then nothing more.
    const sentBefore = server.received.length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(server.received.length).to.equal(sentBefore);
  });

  it('starts a request\'s deadline when it is sent, not while it waits for a slot', async () => {
    server = new FakeAriServer(() => ({ status: 200, afterMs: 250, body: { id: 'x' } }));
    // One slot and a 400 ms deadline: the fifth request waits 1 s in the queue.
    const rest = new AriRest(await server.start(), 'u', 'p', 400, 1);

    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => rest.getChannel(`c${i}`)));

    expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
  });

  it('still fails a request that Asterisk does not answer within its deadline', async () => {
    server = new FakeAriServer(() => ({ status: 200, afterMs: 2000 }));
    const rest = new AriRest(await server.start(), 'u', 'p', 200, 1);

    const error = await rest.getChannel('slow').then(() => undefined, (e: unknown) => e);

    expect(error).to.be.instanceOf(AriRequestError);
    expect((error as AriRequestError).status).to.equal(0);
  });

  it('sends a hang-up before requests that queued earlier', async () => {
    server = new FakeAriServer(() => ({ status: 204, afterMs: 50 }));
    const rest = new AriRest(await server.start(), 'u', 'p', 5000, 1);

    const answers = ['a', 'b', 'c'].map((id) => rest.answer(id));
    const hangup = rest.hangup('late');
    await Promise.all([...answers, hangup]);

    expect(server.received.map((r) => `${r.method} ${r.path}`)).to.deep.equal([
      'POST /ari/channels/a/answer', 'DELETE /ari/channels/late', 'POST /ari/channels/b/answer', 'POST /ari/channels/c/answer',
    ]);
  });

  it('fails an ordinary request unsent when it waited too long for a slot, and says so', async () => {
    server = new FakeAriServer(() => ({ status: 204, afterMs: 300 }));
    const rest = new AriRest(await server.start(), 'u', 'p', 5000, 1, { maxQueueWaitMs: 100 });

    const [first, second] = await Promise.allSettled([rest.answer('a'), rest.answer('b')]);

    expect(first.status).to.equal('fulfilled');
    expect((second as PromiseRejectedResult).reason.message).to.match(/not sent: waited 100 ms/);
    expect(server.received).to.have.length(1);
  });

  it('gives up retrying once closed (the controller is stopping)', async () => {
    server = new FakeAriServer(() => ({ status: 500, afterMs: 5 }));
    const rest = new AriRest(await server.start(), 'u', 'p', 5000, 32, { teardownRetryFirstMs: 10_000 });

    const hangingUp = rest.hangup('chan-1').then(() => 'done', (e: AriRequestError) => e.status);
    await new Promise((resolve) => setTimeout(resolve, 50));
    rest.close();

    expect(await hangingUp).to.equal(500);
  });
});
