import { expect } from 'chai';
import { ExecutiveCallRegistry, type ExecutiveCall } from '../../../src/features/executive/executive-calls.js';
import { LineLamps } from '../../../src/features/executive/flows/line-lamps.js';
import type { LineState } from '../../../src/features/executive/policy/line-state.js';
import { createLogger } from '../../../src/log.js';
import { FakeClock, settle } from '../../support/fake-ari.js';

/** An executive call as the registry sees it; `state` is changed by the test. */
function call(id: string, executiveId: number, state: { answered: boolean; onHold: boolean }): ExecutiveCall {
  return {
    id, executiveId, remote: { channelId: `r-${id}`, name: '', number: '' }, startedAt: new Date(0),
    handler: () => undefined, isAnswered: () => state.answered, isOnHold: () => state.onHold,
    handOver: () => Promise.reject(new Error('not here')), join: () => Promise.reject(new Error('not here')),
  };
}

describe('the executive\'s line lamp follows their calls (LineLamps, fake clock)', () => {
  let clock: FakeClock;
  let registry: ExecutiveCallRegistry;
  let published: Array<[number, LineState]>;
  let lamps: LineLamps;

  beforeEach(() => {
    clock = new FakeClock();
    registry = new ExecutiveCallRegistry();
    published = [];
    lamps = new LineLamps({ clock, log: createLogger('silent') }, registry, (id, state) => { published.push([id, state]); return Promise.resolve(); });
  });
  afterEach(() => lamps.stop());

  it('ringing, then in use when answered, then idle a moment after the call ends', async () => {
    const ringing = call('a', 7, { answered: false, onHold: false });
    const unregisterRinging = registry.register(ringing);
    await settle();
    expect(published).to.deep.equal([[7, 'RINGING']]);
    const conversation = { answered: true, onHold: false };
    const answered = call('b', 7, conversation);
    const unregisterAnswered = registry.register(answered);
    unregisterRinging();
    await settle();
    expect(published.at(-1)).to.deep.equal([7, 'INUSE']);
    conversation.onHold = true;
    registry.changed(answered);
    await settle();
    expect(published.at(-1)).to.deep.equal([7, 'ONHOLD']);
    unregisterAnswered();
    await settle();
    expect(published.at(-1), 'not idle at once').to.deep.equal([7, 'ONHOLD']);
    await clock.advance(1000);
    expect(published.at(-1)).to.deep.equal([7, 'NOT_INUSE']);
  });

  it('a call changing hands (gone, then registered again within the grace) never shows idle', async () => {
    const unregister = registry.register(call('a', 7, { answered: true, onHold: false }));
    await settle();
    unregister();
    await clock.advance(300);
    registry.register(call('b', 7, { answered: true, onHold: false }));
    await clock.advance(2000);
    expect(published.map(([, state]) => state)).to.deep.equal(['INUSE']);
  });

  it('each executive has their own lamp; after a reconnection every lamp is published again', async () => {
    registry.register(call('a', 7, { answered: true, onHold: false }));
    await settle();
    await lamps.republish([7, 8]);
    expect(published).to.deep.include.members([[7, 'INUSE'], [8, 'NOT_INUSE']]);
    expect(published.filter(([id]) => id === 7)).to.have.length(2);
  });

  it('stopped, it publishes nothing more and leaves no timer', async () => {
    const unregister = registry.register(call('a', 7, { answered: true, onHold: false }));
    await settle();
    unregister();
    await settle();
    lamps.stop();
    await settle();
    expect(clock.pending).to.equal(0);
    await clock.advance(5000);
    expect(published.map(([, state]) => state)).to.deep.equal(['INUSE']);
  });
});
