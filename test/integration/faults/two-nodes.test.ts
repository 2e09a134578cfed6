import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ControllerProcess } from '../../../bench/lib/controller.js';
import { DEMO_PASSWORD } from '../../../src/demo/seed.js';
import { openDatabase } from '../../../src/store/db.js';
import { hashSecret } from '../../../src/users/password.js';
import { createUser } from '../../../src/users/settings/user-repository.js';
import { ApiClient } from '../../support/api-client.js';
import { startAsteriskNode } from '../../support/asterisk-node.js';
import { expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { LiveStream, type LiveSnapshotSeen } from '../../support/live-stream.js';
import { startPhones } from '../../support/phones.js';
import { testEnv } from '../../support/test-env.js';
import { freshTestDatabase, type TestDatabase } from '../../support/test-store.js';
import { waitFor } from '../../support/wait-for.js';

interface ConsoleCall { id: string; state: string; caller: { name: string } }
interface ConsoleView { executives: Array<{ id: number; line: { calls: ConsoleCall[] } }> }
interface Health { role: string; ari: { connected: boolean } }

/**
 * Several Asterisk nodes on one store (issue 14): node a is the test Asterisk, node b a
 * second instance; each has its own controller, both on one PostgreSQL store. Acme is
 * served by node b: its phones register there and its calls are node b's controller's. A
 * browser that reached node a's controller still sees Acme's calls and acts on them.
 */
describe('two Asterisk nodes on one PostgreSQL store: an organisation is served by its node, whichever controller the browser reached', function () {
  this.timeout(180_000);
  let dir: string;
  let database: TestDatabase;
  let nodeB: Awaited<ReturnType<typeof startAsteriskNode>>;
  let onA: ControllerProcess;
  let onB: ControllerProcess;
  let phones: Awaited<ReturnType<typeof startPhones<'mary' | 'erin' | 'alice' | 'aaron'>>>;
  let alice: ApiClient;
  let erinId: number;

  before(async () => {
    await resetAsterisk();
    nodeB = await startAsteriskNode('node-b');
    dir = mkdtempSync(join(tmpdir(), 'switchboard-two-nodes-'));
    database = await freshTestDatabase('postgres', dir);
    const env = { DATABASE_URL: database.url, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info' };
    // Node a's controller first: it migrates and seeds Acme; node b's finds them.
    onA = new ControllerProcess(testEnv().ariUrl, { ...env, NODE_NAME: 'a' });
    await onA.start();
    onB = new ControllerProcess(nodeB.ariUrl, { ...env, NODE_NAME: 'b' });
    await onB.start();
    for (const c of [onA, onB]) {
      const health = (await (await fetch(`${c.baseUrl}/api/health`)).json()) as Health;
      expect(health, 'each node has its own leader').to.deep.include({ role: 'leader', ari: { connected: true, reconnects: 0 } });
    }

    // The site's system administrator puts Acme on node b.
    const db = openDatabase(database.url);
    try {
      const acme = await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();
      await createUser(db, acme.id, { extension: '1099', name: 'Sam System', email: 'sam@acme.example', role: 'admin', systemAdmin: true, locations: [], passwordHash: await hashSecret(DEMO_PASSWORD) });
      const sam = await ApiClient.signIn(onA.baseUrl, 'sam@acme.example', DEMO_PASSWORD);
      const nodes = await sam.get<{ nodes: Array<{ name: string; leading: boolean }> }>('/api/nodes');
      expect(nodes.body.nodes.map((n) => [n.name, n.leading])).to.deep.equal([['a', true], ['b', true]]);
      const assigned = await sam.put(`/api/organisations/${acme.id}/node`, { node: 'b' });
      expect(assigned.status, JSON.stringify(assigned.body)).to.equal(200);
      erinId = (await db.selectFrom('users').select('id').where('extension', '=', '1002').executeTakeFirstOrThrow()).id;
    } finally { await db.destroy(); }

    const onNodeB = { asteriskSipPort: nodeB.sipPort };
    phones = await startPhones({ mary: '1005', erin: '1002', alice: '1003', aaron: '1004' }, { mary: onNodeB, erin: onNodeB, alice: onNodeB, aaron: onNodeB });
    alice = await ApiClient.signIn(onA.baseUrl, 'alice@acme.example', DEMO_PASSWORD);
  });
  after(async () => {
    await phones?.stopAll();
    await Promise.all([onA?.stop(), onB?.stop()]);
    await nodeB?.stop();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => { await nodeB.reset(); await phones.idle(); });

  const erinsCalls = async (client: ApiClient) => {
    const res = await client.request<ConsoleView>('GET', '/api/assistant-console');
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body.executives.find((e) => e.id === erinId)!.line.calls;
  };

  it('a filtered call on node b is seen and taken from the assistant console and the live view served by node a\'s controller', async () => {
    const { mary, erin, alice: alicePhone, aaron } = phones;
    const [m, e, a, r] = [mary.mark(), erin.mark(), alicePhone.mark(), aaron.mark()];
    const live = await LiveStream.open(onA.baseUrl);
    try {
      await mary.dial('1002');
      await Promise.all([alicePhone.waitForEvent('CALL_INCOMING', 10_000, a), aaron.waitForEvent('CALL_INCOMING', 10_000, r)]);
      expect(erin.has('CALL_INCOMING', e), 'Erin is not disturbed by a filtered call').to.equal(false);

      // Alice's browser reached node a's controller: the console is node b's leader's answer.
      let call: ConsoleCall | undefined;
      await waitFor('Mary\'s call on Alice\'s console', async () => { call = (await erinsCalls(alice)).find((c) => c.state === 'ringing-assistants'); return call !== undefined; }, 10_000);
      expect(call!.caller.name).to.equal('Mary Jones');
      const a2 = alicePhone.mark();
      const take = await alice.request('POST', `/api/assistant-console/executives/${erinId}/calls/${call!.id}/take`, {});
      expect(take.status, JSON.stringify(take.body)).to.equal(202);
      // Both alerting legs stop on node b; then Alice's phone alone rings again.
      await Promise.all([alicePhone.waitForEvent('CALL_CLOSED', 10_000, a), aaron.waitForEvent('CALL_CLOSED', 10_000, r)]);
      await alicePhone.waitForEvent('CALL_INCOMING', 10_000, a2);
      await alicePhone.answer();
      await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
      await waitFor('Mary and Alice bridged on node b', nodeB.bridgedAre(['PJSIP/1003', 'PJSIP/1005']), 10_000);

      // The live view through node a shows node b's call, with the call id only b's leader knows.
      const talking = (s: LiveSnapshotSeen) => s.lines.filter((l) => l.state === 'talking');
      const seen = await live.next('snapshot', (s) => JSON.stringify(talking(s).map((l) => l.device).sort()) === JSON.stringify(['PJSIP/1003', 'PJSIP/1005']));
      expect(talking(seen).every((l) => l.callId !== null), 'each line names its call').to.equal(true);
      // Node a's own Asterisk carried nothing of it.
      await expectNothingLeft(1000);

      await mary.hangup();
      await alicePhone.waitForEvent('CALL_CLOSED', 10_000, a2);
      await live.next('snapshot', (s) => s.lines.length === 0);
      await nodeB.expectNothingLeft(10_000);
    } finally { live.close(); }
  });

  it('filtering turned off through node a\'s controller is what node b\'s controller does on the next call', async () => {
    const { mary, erin, alice: alicePhone, aaron } = phones;
    const olivia = await ApiClient.signIn(onA.baseUrl, 'olivia@acme.example', DEMO_PASSWORD);
    expect((await olivia.put(`/api/executives/${erinId}/filtering`, { enabled: false })).status).to.equal(200);
    try {
      const [m, e, a, r] = [mary.mark(), erin.mark(), alicePhone.mark(), aaron.mark()];
      await mary.dial('1002');
      await erin.waitForEvent('CALL_INCOMING', 10_000, e);
      await erin.answer();
      await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
      await waitFor('Mary and Erin bridged on node b', nodeB.bridgedAre(['PJSIP/1002', 'PJSIP/1005']), 10_000);
      expect(alicePhone.has('CALL_INCOMING', a) || aaron.has('CALL_INCOMING', r), 'no assistant rang: filtering is off').to.equal(false);
      await mary.hangup();
      await erin.waitForEvent('CALL_CLOSED', 10_000, e);
      await nodeB.expectNothingLeft(10_000);
    } finally {
      await olivia.put(`/api/executives/${erinId}/filtering`, { enabled: true });
    }
  });

  it('node b\'s controller down: node a\'s says Acme\'s console is on node b and unavailable; back when node b\'s controller is', async () => {
    await onB.kill();
    const down = await alice.request<{ code: string; detail: string }>('GET', '/api/assistant-console');
    expect(down.status).to.equal(503);
    expect(down.body.code).to.equal('node-unavailable');
    expect(down.body.detail).to.match(/node b/);
    expect(down.headers.get('retry-after')).to.equal('2');
    await onB.start();
    expect(await erinsCalls(alice)).to.deep.equal([]);
  });
});
