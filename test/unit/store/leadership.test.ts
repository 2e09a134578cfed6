import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import { createLogger } from '../../../src/log.js';
import { AdvisoryLockLeadership, leadershipFor, SoleLeader, type Leadership } from '../../../src/store/leadership.js';
import { freshTestDatabase, type TestDatabase } from '../../support/test-store.js';
import { waitFor } from '../../support/wait-for.js';

const log = createLogger('silent');

/** One controller's view of the lease: what it was told, in order. */
function controller(leadership: Leadership) {
  const heard: string[] = [];
  const started = leadership.start({
    onLeader: async () => { heard.push('leader'); },
    onLost: (reason) => { heard.push(`lost: ${reason}`); },
  });
  return { leadership, heard, started };
}

describe('leadership of the calls', () => {
  it('SQLite: the one controller of a store file leads at once', async () => {
    const sole = controller(leadershipFor('sqlite:var/x.db', 'switchboard', log));
    await sole.started;
    expect(sole.leadership).to.be.instanceOf(SoleLeader);
    expect([sole.leadership.role, ...sole.heard]).to.deep.equal(['leader', 'leader']);
  });

  describe('on PostgreSQL', function () {
    this.timeout(20_000);
    let dir: string;
    let database: TestDatabase;
    const running: Leadership[] = [];
    const lease = () => {
      const leadership = new AdvisoryLockLeadership(database.url, 'switchboard-leader:switchboard', log);
      running.push(leadership);
      return controller(leadership);
    };
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'switchboard-lease-'));
      database = await freshTestDatabase('postgres', dir);
    });
    afterEach(async () => {
      await Promise.all(running.splice(0).map((l) => l.stop()));
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('one of two controllers leads; when it stops, the other leads within 2 s', async () => {
      const first = lease();
      await first.started;
      const second = lease();
      await second.started;
      expect([first.leadership.role, second.leadership.role]).to.deep.equal(['leader', 'standby']);
      const stoppedAt = Date.now();
      await first.leadership.stop();
      await waitFor('the standby to lead', () => second.leadership.role === 'leader', 2000);
      expect(Date.now() - stoppedAt).to.be.at.most(2000);
      expect(second.heard).to.deep.equal(['leader']);
    });

    it('a leader whose lock connection is cut steps down (the fence) and the standby leads', async () => {
      const first = lease();
      await first.started;
      const second = lease();
      await second.started;
      // As if the network between the leader and the store went: the server ends its session.
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        // Only this store's lock (the key leadership.ts takes: its low 32 bits are pg_locks' objid).
        const { rows } = await admin.query(`select pg_terminate_backend(pid) as cut from pg_locks where locktype = 'advisory' and granted
          and objid::bigint = (hashtext(current_database() || '/' || current_schema() || '/switchboard-leader:switchboard')::bigint & 4294967295)`);
        expect(rows).to.deep.equal([{ cut: true }]);
      } finally {
        await admin.end();
      }
      await waitFor('the old leader to step down', () => first.heard.some((h) => h.startsWith('lost')), 2000);
      await waitFor('the standby to lead', () => second.leadership.role === 'leader', 2000);
      expect(first.leadership.role).to.equal('standby');
      expect(first.heard[0]).to.equal('leader');
    });

    it('controllers of different stores (schemas) do not compete', async () => {
      const first = lease();
      await first.started;
      const otherDir = mkdtempSync(join(tmpdir(), 'switchboard-lease-'));
      const other = await freshTestDatabase('postgres', otherDir);
      const elsewhere = new AdvisoryLockLeadership(other.url, 'switchboard-leader:switchboard', log);
      try {
        await elsewhere.start({ onLeader: async () => {}, onLost: () => {} });
        expect([first.leadership.role, elsewhere.role]).to.deep.equal(['leader', 'leader']);
      } finally {
        await elsewhere.stop();
        await other.drop();
        rmSync(otherDir, { recursive: true, force: true });
      }
    });
  });
});
