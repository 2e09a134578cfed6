import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ControllerProcess } from '../../../bench/lib/controller.js';
import { bridgedAre, bridgedDevices, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { answeredCall } from '../../support/calls.js';
import { LiveStream, type LiveSnapshotSeen } from '../../support/live-stream.js';
import { startPhones } from '../../support/phones.js';
import { testEnv } from '../../support/test-env.js';
import { freshTestDatabase, type TestDatabase } from '../../support/test-store.js';
import { waitFor } from '../../support/wait-for.js';
import { holdCall } from '../executive/call-control-support.js';
import { AsteriskEvents } from '../../support/asterisk-events.js';

interface Health { role: 'leader' | 'standby'; ari: { connected: boolean } }
const healthOf = async (controller: ControllerProcess): Promise<Health | undefined> =>
  fetch(`${controller.baseUrl}/api/health`).then((r) => r.json() as Promise<Health>, () => undefined);

/** The bound: a standby owns the calls within 2 s of the leader's death. */
const TAKEOVER_BOUND_MS = 2000;

/**
 * Two controller processes on one PostgreSQL store and one Asterisk (issue 14): the first
 * takes the leadership lease and the Stasis application, the second serves the API and
 * waits. The leader is killed (SIGKILL, as a crash); the standby takes over.
 */
describe('failover: two controllers on PostgreSQL, the leader is killed', function () {
  this.timeout(120_000);
  let database: TestDatabase;
  let dir: string;
  let leader: ControllerProcess;
  let standby: ControllerProcess;
  let phones: Awaited<ReturnType<typeof startPhones<'mary' | 'erin' | 'alice' | 'aaron'>>>;

  before(async () => {
    await resetAsterisk();
    phones = await startPhones({ mary: '1005', erin: '1002', alice: '1003', aaron: '1004' });
  });
  after(async () => { await phones?.stopAll(); });
  beforeEach(async () => {
    await resetAsterisk();
    dir = mkdtempSync(join(tmpdir(), 'switchboard-failover-'));
    database = await freshTestDatabase('postgres', dir);
    const env = { DATABASE_URL: database.url, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info' };
    // The leader first: it migrates and seeds the demo organisation; the standby finds them.
    leader = new ControllerProcess(testEnv().ariUrl, env);
    await leader.start();
    standby = new ControllerProcess(testEnv().ariUrl, env);
    await standby.start();
    expect(await healthOf(leader)).to.deep.include({ role: 'leader' });
    expect(await healthOf(standby), 'the standby does not connect the Stasis app').to.deep.include({ role: 'standby', ari: { connected: false, reconnects: 0 } });
  });
  afterEach(async () => {
    await Promise.all([leader?.stop(), standby?.stop()]);
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** SIGKILLs the leader and returns how long until the standby leads with ARI connected (printed). */
  async function killLeader(story: string): Promise<number> {
    const killedAt = Date.now();
    await leader.kill();
    await waitFor('the standby to lead with ARI connected', async () => {
      const health = await healthOf(standby);
      return health?.role === 'leader' && health.ari.connected;
    }, 10_000);
    const takeoverMs = Date.now() - killedAt;
    console.log(`      failover (${story}): the standby led with ARI connected ${takeoverMs} ms after SIGKILL`);
    expect(takeoverMs).to.be.at.most(TAKEOVER_BOUND_MS);
    return takeoverMs;
  }

  it('a settings change made through the standby\'s API (filtering off) is what the leader does on the next call', async () => {
    const { mary, erin, alice, aaron } = phones;
    const erinId = (await standby.api<{ users: Array<{ id: number; extension: string }> }>('GET', '/api/users?search=1002')).users.find((u) => u.extension === '1002')!.id;
    expect(await standby.api('PUT', `/api/executives/${erinId}/filtering`, { enabled: false })).to.deep.include({ enabled: false });
    const [m, e, a1, a2] = [mary.mark(), erin.mark(), alice.mark(), aaron.mark()];
    await mary.dial('1002');
    await erin.waitForEvent('CALL_INCOMING', 10_000, e);
    await erin.answer();
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    expect(alice.has('CALL_INCOMING', a1) || aaron.has('CALL_INCOMING', a2), 'no assistant rang: filtering is off').to.equal(false);
    await mary.hangup();
    await erin.waitForEvent('CALL_CLOSED', 10_000, e);
    await expectNothingLeft(10_000);
  });

  it('a user\'s new extension set through the standby\'s API is where the leader\'s next call goes (its in-memory users follow)', async () => {
    const { mary, alice } = phones;
    // The leader loaded every user at start; the change reaches it as a NOTIFY, not a poll.
    const aliceId = (await standby.api<{ users: Array<{ id: number; extension: string }> }>('GET', '/api/users?search=1003')).users.find((u) => u.extension === '1003')!.id;
    await standby.api('PATCH', `/api/users/${aliceId}`, { extension: '1013' });
    const [m, a] = [mary.mark(), alice.mark()];
    await mary.dial('1013');
    await alice.waitForEvent('CALL_INCOMING', 10_000, a);
    await alice.answer();
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await waitFor('Mary and Alice bridged', bridgedAre(['PJSIP/1003', 'PJSIP/1005']), 10_000);
    await mary.hangup();
    await alice.waitForEvent('CALL_CLOSED', 10_000, a);
    await expectNothingLeft(10_000);
  });

  it('the standby\'s portal shows the leader\'s calls and the live activity published on the leader', async () => {
    const { mary, alice } = phones;
    // Olivia's browser reached the standby (a load balancer's choice): it has no events
    // websocket, but reads Asterisk's channels and hears the leader's events through the store.
    const stream = await LiveStream.open(standby.baseUrl);
    try {
      const { calleeMark: a } = await answeredCall(mary, alice, '1003');
      const talking = (s: LiveSnapshotSeen) => s.lines.filter((l) => l.state === 'talking').map((l) => l.device).sort();
      await stream.next('snapshot', (s) => JSON.stringify(talking(s)) === JSON.stringify(['PJSIP/1003', 'PJSIP/1005']));

      const maryId = (await leader.api<{ users: Array<{ id: number; extension: string }> }>('GET', '/api/users?search=1005')).users.find((u) => u.extension === '1005')!.id;
      await leader.api('PUT', `/api/attendant/users/${maryId}/out-of-office`, { startsAt: null, endsAt: null });
      const activity = await stream.next('activity', (e) => e.kind === 'out-of-office' && e.userIds.includes(maryId));
      expect(activity.data, 'the standby\'s viewer is told Mary is out of office').to.include({ userId: maryId, activeNow: true });

      await mary.hangup();
      await alice.waitForEvent('CALL_CLOSED', 10_000, a);
      await stream.next('snapshot', (s) => s.lines.length === 0);
      await expectNothingLeft(10_000);
    } finally { stream.close(); }
  });

  it('(a) killed while a filtered call rings the assistants: the standby takes over, Mary reaches Erin', async () => {
    const { mary, erin, alice, aaron } = phones;
    const [m, e, a1, a2] = [mary.mark(), erin.mark(), alice.mark(), aaron.mark()];
    await mary.dial('1002');
    await alice.waitForEvent('CALL_INCOMING', 10_000, a1);
    await aaron.waitForEvent('CALL_INCOMING', 10_000, a2);
    expect(erin.has('CALL_INCOMING', e), 'Erin is not disturbed by a filtered call').to.equal(false);
    await killLeader('ringing filtered call');
    // The new leader finds Mary waiting with no session: her call goes to the dialplan
    // fallback, Erin's own phone (PRODUCT.md 6); the orphaned assistant legs stop ringing.
    await alice.waitForEvent('CALL_CLOSED', 15_000, a1);
    await aaron.waitForEvent('CALL_CLOSED', 15_000, a2);
    await erin.waitForEvent('CALL_INCOMING', 15_000, e);
    await erin.answer();
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    expect(mary.has('CALL_CLOSED', m), 'Mary was never cut off').to.equal(false);
    await mary.hangup();
    await erin.waitForEvent('CALL_CLOSED', 10_000, e);
    await expectNothingLeft(10_000);
  });

  it('(b) killed during an answered filtered call: the call stays up, and Alice can still push it to Erin (#63)', async () => {
    const { mary, alice, erin } = phones;
    const { callerMark: m, calleeMark: a } = await answeredCall(mary, alice, '1002');
    await killLeader('answered filtered call');
    expect(mary.has('CALL_CLOSED', m) || alice.has('CALL_CLOSED', a), 'nobody was cut off').to.equal(false);
    expect(await bridgedDevices(), 'Mary and Alice still talk').to.deep.equal([['PJSIP/1003', 'PJSIP/1005']]);
    await waitFor('the new leader to carry the call on', async () => (await standby.activeCalls()) === 1, 10_000);
    // The new leader knows it as Erin's call, from the record the old one wrote: Alice pushes it.
    const events = new AsteriskEvents();
    await events.start();
    try { await holdCall(alice, events); } finally { events.stop(); }
    const [a2, e] = [alice.mark(), erin.mark()];
    await alice.dial('#63');
    const incoming = await erin.waitForEvent('CALL_INCOMING', 10_000, e);
    expect(String(incoming.peeruri), 'Erin sees Mary calling').to.contain('1005');
    await erin.answer();
    await waitFor('Erin and Mary bridged', bridgedAre(['PJSIP/1002', 'PJSIP/1005']), 10_000);
    await alice.waitForEvent('CALL_CLOSED', 10_000, a2);
    expect(mary.has('CALL_CLOSED', m), 'Mary was never cut off').to.equal(false);
    await mary.hangup();
    await erin.waitForEvent('CALL_CLOSED', 10_000, e);
    await expectNothingLeft(10_000);
    await waitFor('the new leader tracks no call', async () => (await standby.activeCalls()) === 0, 5000);
  });

  it('(c) killed while a pushed call rings Erin: the standby carries the push on, and the call recalls to Alice on time', async () => {
    const { mary, alice, erin } = phones;
    const erinId = (await standby.api<{ users: Array<{ id: number; extension: string }> }>('GET', '/api/users?search=1002')).users.find((u) => u.extension === '1002')!.id;
    // Push recall after 3 rings of 3 s: Erin rings 9 s, then the call comes back to Alice.
    await standby.api('PUT', `/api/executives/${erinId}/alerting`, { secondsPerRing: 3, pushRecallRings: 3 });
    const { callerMark: m } = await answeredCall(mary, alice, '1002');
    const events = new AsteriskEvents();
    await events.start();
    try { await holdCall(alice, events); } finally { events.stop(); }
    const [a, e] = [alice.mark(), erin.mark()];
    await alice.dial('#63');
    const erinRang = await erin.waitForEvent('CALL_INCOMING', 10_000, e);
    const pushedAt = erinRang.at;
    await killLeader('pushed call ringing the executive');
    // The new leader rings Erin again for what is left of the 9 s; nobody answers; the
    // recall rings Alice showing Mary, when it would have without the kill.
    const recall = await alice.waitForEvent('CALL_INCOMING', 20_000, a, (ev) => String(ev.peeruri).includes('1005'));
    const recallAfterMs = recall.at - pushedAt;
    console.log(`      failover (pushed call): the recall rang Alice ${recallAfterMs} ms after Erin first rang (9,000 ms without a kill)`);
    expect(recallAfterMs, 'the recall came on time').to.be.within(8000, 12_500);
    expect(mary.has('CALL_CLOSED', m), 'Mary was never cut off').to.equal(false);
    await alice.answer();
    await waitFor('Alice and Mary bridged again', bridgedAre(['PJSIP/1003', 'PJSIP/1005']), 10_000);
    await mary.hangup();
    await expectNothingLeft(10_000);
    await waitFor('the new leader tracks no call', async () => (await standby.activeCalls()) === 0, 5000);
  });
});
