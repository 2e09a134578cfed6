import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { LiveEvents, type LiveEvent } from '../../../src/calls/live-events.js';
import { createLogger } from '../../../src/log.js';
import { changeFeedFor, type ChangeFeed } from '../../../src/store/change-feed.js';
import { openDatabase } from '../../../src/store/db.js';
import { migrateToLatest } from '../../../src/store/migrator.js';
import type { Database } from '../../../src/store/schema.js';
import { freshTestDatabase, type TestDatabase } from '../../support/test-store.js';

/**
 * Live events published on one controller reach the portal of every other controller on
 * the same PostgreSQL store (issue 14: the live view shows calls whichever controller the
 * browser reaches), never come back to their sender, and never cross to another store.
 */
describe('live events relayed between controllers on one PostgreSQL store', () => {
  let dir: string;
  const stores: TestDatabase[] = [];
  const dbs: Kysely<Database>[] = [];
  const feeds: ChangeFeed[] = [];

  async function controllerOn(database: TestDatabase): Promise<LiveEvents> {
    const db = openDatabase(database.url);
    dbs.push(db);
    await migrateToLatest(db, []);
    const feed = changeFeedFor(db, createLogger('silent'));
    feeds.push(feed);
    await feed.start();
    const live = new LiveEvents();
    live.relayThrough(feed);
    return live;
  }

  const received = (live: LiveEvents): LiveEvent[] => {
    const seen: LiveEvent[] = [];
    live.on('event', (e) => seen.push(e));
    return seen;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'broadcast-'));
    stores.push(await freshTestDatabase('postgres', dir), await freshTestDatabase('postgres', dir));
  });
  afterEach(async () => {
    for (const feed of feeds.splice(0)) await feed.stop();
    for (const db of dbs.splice(0)) await db.destroy();
    for (const store of stores.splice(0)) await store.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the leader\'s event reaches the standby once, not the leader twice nor another store', async () => {
    const leader = await controllerOn(stores[0]!);
    const standby = await controllerOn(stores[0]!);
    const elsewhere = await controllerOn(stores[1]!);
    const [atLeader, atStandby, atElsewhere] = [received(leader), received(standby), received(elsewhere)];
    const arrived = new Promise<void>((resolve) => standby.once('event', () => resolve()));

    leader.publish({ organisationId: 1, kind: 'attendant-ringing', userIds: [7], data: { sessionId: 's1', targets: ['PJSIP/1007'] } });
    await arrived;
    // A second event after the first proves the order and that nothing else was pending.
    const second = new Promise<void>((resolve) => standby.once('event', () => resolve()));
    leader.publish({ organisationId: 1, kind: 'out-of-office', userIds: [8], data: { userId: 8, activeNow: true } });
    await second;

    expect(atStandby.map((e) => [e.kind, e.userIds, e.data])).to.deep.equal([
      ['attendant-ringing', [7], { sessionId: 's1', targets: ['PJSIP/1007'] }],
      ['out-of-office', [8], { userId: 8, activeNow: true }],
    ]);
    expect(atLeader.map((e) => e.kind), 'the leader sees its own events once').to.deep.equal(['attendant-ringing', 'out-of-office']);
    expect(atElsewhere, 'another store (schema) hears nothing').to.deep.equal([]);
  });

  it('a broadcast that is not a live event is ignored', async () => {
    const standby = await controllerOn(stores[0]!);
    const otherFeed = feeds.at(-1)!;
    const leaderDb = openDatabase(stores[0]!.url);
    dbs.push(leaderDb);
    const leaderFeed = changeFeedFor(leaderDb, createLogger('silent'));
    feeds.push(leaderFeed);
    await leaderFeed.start();
    const atStandby = received(standby);
    const raw = new Promise<string[]>((resolve) => {
      const messages: string[] = [];
      otherFeed.onBroadcast((m) => { messages.push(m); if (messages.length === 3) resolve(messages); });
    });
    leaderFeed.broadcast('not json');
    leaderFeed.broadcast(JSON.stringify({ live: { organisationId: '1', kind: 'x', userIds: [], data: {}, at: 'now' } }));
    leaderFeed.broadcast(JSON.stringify({ live: { organisationId: 1, kind: 'ok', userIds: [2], data: {}, at: 'now' } }));
    expect(await raw).to.have.length(3);
    expect(atStandby.map((e) => e.kind)).to.deep.equal(['ok']);
  });
});
