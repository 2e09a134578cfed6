import pg from 'pg';
import type { Logger } from '../log.js';

export type ControllerRole = 'leader' | 'standby';

/**
 * Which controller of several on one store handles the calls of one Asterisk (issue 14):
 * the leader owns the Stasis application, the others serve the portal and the API and
 * wait. `start(onLeader)` resolves once the role is known the first time; `onLeader`
 * runs (and is awaited) when this process becomes the leader, `onLost` when it stops
 * being one: it must stop handling calls at once (the fence).
 */
export interface Leadership {
  readonly role: ControllerRole;
  start(handlers: { onLeader: () => Promise<void>; onLost: (reason: string) => void }): Promise<void>;
  stop(): Promise<void>;
}

/** SQLite: one controller per store file, always the leader. */
export class SoleLeader implements Leadership {
  role: ControllerRole = 'standby';
  async start(handlers: { onLeader: () => Promise<void> }): Promise<void> {
    this.role = 'leader';
    await handlers.onLeader();
  }
  async stop(): Promise<void> {}
}

/** How often a standby asks for the lock: a dead leader's lock is free at once, so this bounds the take-over. */
const TRY_EVERY_MS = 200;
/** How often the leader proves it still holds the lock's connection, and how long the proof may take. */
const CHECK_EVERY_MS = 500;
const CHECK_DEADLINE_MS = 1000;

/**
 * A PostgreSQL advisory lock held by one dedicated connection. PostgreSQL releases it as
 * soon as that connection ends, so a leader killed on its machine frees it within
 * milliseconds and a standby trying every 200 ms takes it. Fencing: the leader checks
 * its connection every 500 ms and steps down when a check fails or takes over a second,
 * before PostgreSQL (which only notices a silent network loss from TCP keepalives) can
 * give the lock to anyone else. The lock is named per store (database and schema) and node
 * (NODE_NAME, by default the ARI application), so each Asterisk node's controllers elect
 * their own leader.
 */
export class AdvisoryLockLeadership implements Leadership {
  role: ControllerRole = 'standby';
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private handlers: { onLeader: () => Promise<void>; onLost: (reason: string) => void } | undefined;

  constructor(private readonly url: string, private readonly lockName: string, private readonly log: Logger) {}

  async start(handlers: { onLeader: () => Promise<void>; onLost: (reason: string) => void }): Promise<void> {
    this.handlers = handlers;
    await this.attempt();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    // Ending the session releases the lock: a standby takes over without waiting.
    await client?.end().catch(() => undefined);
  }

  private schedule(ms: number, step: () => Promise<void>): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => { void step(); }, ms);
    this.timer.unref();
  }

  /** A standby's turn: connect if needed, try the lock, and either lead or try again soon. */
  private async attempt(): Promise<void> {
    try {
      const client = await this.connection();
      const { rows } = await withDeadline(client.query<{ locked: boolean }>("select pg_try_advisory_lock(hashtext(current_database() || '/' || current_schema() || '/' || $1)) as locked", [this.lockName]), CHECK_DEADLINE_MS);
      if (rows[0]?.locked && !this.stopped) {
        this.role = 'leader';
        this.log.info({ lock: this.lockName }, 'leadership taken: this controller handles the calls');
        await this.handlers?.onLeader().catch((error: unknown) => this.log.error({ err: error }, 'taking over the calls failed'));
        this.schedule(CHECK_EVERY_MS, () => this.check());
        return;
      }
    } catch (error) {
      this.log.warn({ err: error }, 'leadership: the store cannot be asked; staying standby');
      await this.dropConnection();
    }
    this.schedule(TRY_EVERY_MS, () => this.attempt());
  }

  /** The leader's turn: still holding the connection that holds the lock? */
  private async check(): Promise<void> {
    try {
      if (!this.client) throw new Error('the lock connection is gone');
      await withDeadline(this.client.query('select 1'), CHECK_DEADLINE_MS);
      this.schedule(CHECK_EVERY_MS, () => this.check());
    } catch (error) {
      this.lose(error instanceof Error ? error.message : String(error));
    }
  }

  private lose(reason: string): void {
    if (this.role !== 'leader' || this.stopped) return;
    this.role = 'standby';
    clearTimeout(this.timer);
    this.log.error({ reason }, 'leadership lost: this controller stops handling calls');
    void this.dropConnection();
    this.handlers?.onLost(reason);
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 2000, keepAlive: true, keepAliveInitialDelayMillis: 1000 });
    // The connection dropping while leader is the same as a failed check; while standby, the next attempt reconnects.
    client.on('error', (error) => { this.log.warn({ err: error }, 'leadership connection failed'); this.lose(error.message); });
    client.on('end', () => { if (this.client === client) this.client = undefined; this.lose('the lock connection ended'); });
    await client.connect();
    this.client = client;
    return client;
  }

  private async dropConnection(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => { timer = setTimeout(() => reject(new Error(`no answer from the store in ${ms} ms`)), ms); });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The leadership a store offers: a lease on PostgreSQL, sole leadership on SQLite. */
export function leadershipFor(databaseUrl: string, node: string, log: Logger): Leadership {
  if (databaseUrl.startsWith('postgres:') || databaseUrl.startsWith('postgresql:')) {
    return new AdvisoryLockLeadership(databaseUrl, `switchboard-leader:${node}`, log);
  }
  return new SoleLeader();
}
