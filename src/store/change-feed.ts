import type { Kysely } from 'kysely';
import type SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Logger } from '../log.js';
import { openedAs } from './db.js';

/** One row of a watched table changed (src/store/migrations/20261202-0300-change-feed.ts). */
export interface StoreChange { table: string; id: number }

export interface ChangeListener {
  /** Rows changed: the cache refreshes them before its next answer. */
  changed(changes: StoreChange[]): void;
  /** Changes may have been missed (the feed was down, the log was pruned): drop everything. */
  reset(): void;
}

/**
 * Tells in-memory caches which rows of the store changed, whoever changed them, with no
 * polling: PostgreSQL pushes NOTIFYs to a LISTEN connection of its own (delivered at commit
 * to every controller on the store); SQLite's change log is read in-process, synchronously,
 * right before a cached answer (`catchUp`): one indexed read in the same process, no round
 * trip, and writes by another process on the same file (the CLI) are seen too.
 * While `live` is false the caches must not answer (they read the store instead).
 */
export interface ChangeFeed {
  readonly live: boolean;
  subscribe(listener: ChangeListener): () => void;
  /** SQLite: delivers what the log holds since last time. PostgreSQL: nothing to do. */
  catchUp(): void;
  /**
   * A message for every other controller on the store (the live view's activity): on
   * PostgreSQL a NOTIFY on the feed's own connection, dropped while the feed is down (the
   * receivers' next rebuild shows the state anyway); on SQLite, one controller per store,
   * nothing to do. Never delivered back to its sender.
   */
  broadcast(message: string): void;
  onBroadcast(listener: (message: string) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function changeFeedFor(db: Kysely<any>, log: Logger): ChangeFeed {
  const how = openedAs(db);
  if (!how) throw new Error('change feed: this store was not opened by openDatabase');
  return how.sqlite ? new SqliteChangeFeed(how.sqlite) : new PostgresChangeFeed(how.url, log);
}

abstract class Listeners {
  protected readonly listeners = new Set<ChangeListener>();
  protected readonly broadcastListeners = new Set<(message: string) => void>();
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  onBroadcast(listener: (message: string) => void): () => void {
    this.broadcastListeners.add(listener);
    return () => this.broadcastListeners.delete(listener);
  }
  protected emit(changes: StoreChange[]): void { if (changes.length) for (const l of this.listeners) l.changed(changes); }
  protected resetAll(): void { for (const l of this.listeners) l.reset(); }
}

/** Rows kept in the log: enough for any process to catch up between two of its calls. */
const SQLITE_LOG_KEEP = 10_000;

type SqliteHandle = NonNullable<ReturnType<typeof openedAs>>['sqlite'] & object;

class SqliteChangeFeed extends Listeners implements ChangeFeed {
  live = false;
  private last = 0;
  private statements: { since: SQLite.Statement<[number], { seq: number; table_name: string; row_id: number }>; prune: SQLite.Statement<[number], unknown> } | undefined;
  private seen = 0;

  constructor(private readonly sqlite: SqliteHandle) { super(); }

  /** After the migrations (the log is one of their tables). */
  async start(): Promise<void> {
    this.statements = {
      since: this.sqlite.prepare('SELECT seq, table_name, row_id FROM store_changes WHERE seq > ? ORDER BY seq'),
      prune: this.sqlite.prepare('DELETE FROM store_changes WHERE seq <= ?'),
    };
    this.last = (this.sqlite.prepare('SELECT max(seq) AS seq FROM store_changes').get() as { seq: number | null } | undefined)?.seq ?? 0;
    this.live = true;
  }

  async stop(): Promise<void> { this.live = false; }

  broadcast(): void { /* one controller per store file: nobody else to tell */ }

  catchUp(): void {
    // Inside an open transaction the log may hold rows a rollback takes back (and whose
    // numbers it hands out again): read it once committed; until then others see the old rows too.
    if (this.sqlite.inTransaction || !this.statements) return;
    const rows = this.statements.since.all(this.last);
    if (rows.length === 0) return;
    // A gap (another process pruned what this one had not read yet): start over.
    const gap = rows[0]!.seq > this.last + 1;
    this.last = rows.at(-1)!.seq;
    if (gap) this.resetAll();
    else this.emit(rows.map((r) => ({ table: r.table_name, id: r.row_id })));
    this.seen += rows.length;
    if (this.seen > SQLITE_LOG_KEEP / 10) {
      this.seen = 0;
      this.statements.prune.run(this.last - SQLITE_LOG_KEEP);
    }
  }
}

/** How long a LISTEN connection may take to open; then the next try 1 s later. */
const CONNECT_TIMEOUT_MS = 5_000;
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
const MAX_BROADCAST_BYTES = 7900;

const BROADCAST_CHANNEL = 'switchboard_broadcast';

class PostgresChangeFeed extends Listeners implements ChangeFeed {
  live = false;
  private client: pg.Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private schema = '';
  /** The LISTEN connection's backend: NOTIFYs it sent itself come back with this process id. */
  private backendPid = 0;
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly url: string, private readonly log: Logger) { super(); }

  catchUp(): void { /* pushed */ }

  broadcast(message: string): void {
    const client = this.client;
    if (!this.live || !client) return;
    const payload = `${this.schema}|${message}`;
    if (Buffer.byteLength(payload) > MAX_BROADCAST_BYTES) {
      this.log.warn({ bytes: Buffer.byteLength(payload) }, 'broadcast too large for NOTIFY; not sent');
      return;
    }
    // One query at a time on a client (pg queues them but warns): in publishing order.
    this.sending = this.sending
      .then(() => client.query('select pg_notify($1, $2)', [BROADCAST_CHANNEL, payload]))
      .then(() => undefined, (error: unknown) => this.log.warn({ err: (error as Error).message }, 'broadcast not sent'));
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.live = false;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    // Down: caches stop answering at once and drop what they hold (changes are being missed).
    const down = (error?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.live = false;
      this.resetAll();
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.log.warn({ err: error?.message }, 'store change feed lost; caches bypassed until it is back');
      this.retry = setTimeout(() => { void this.connect(); }, 1000);
      this.retry.unref();
    };
    client.on('error', down);
    client.on('end', () => down());
    client.on('notification', (message) => {
      if (message.channel === BROADCAST_CHANNEL) { if (message.processId !== this.backendPid) this.received(message.payload ?? ''); return; }
      const change = this.parse(message.payload);
      if (change === 'other-schema') return;
      if (change) this.emit([change]); else this.resetAll();
    });
    this.client = client;
    try {
      await client.connect();
      const { rows } = await client.query<{ schema: string; pid: number }>('select current_schema() as schema, pg_backend_pid() as pid');
      this.schema = rows[0]?.schema ?? '';
      this.backendPid = rows[0]?.pid ?? 0;
      await client.query('LISTEN switchboard_changes');
      await client.query(`LISTEN ${BROADCAST_CHANNEL}`);
      if (this.client !== client) return;
      // Whatever changed while it was down is unknown: start from a clean cache.
      this.resetAll();
      this.live = true;
    } catch (error) {
      down(error as Error);
    }
  }

  /** `schema|message` from another controller: delivered if it is this store's schema. */
  private received(payload: string): void {
    const bar = payload.indexOf('|');
    if (bar < 0 || payload.slice(0, bar) !== this.schema) return;
    const message = payload.slice(bar + 1);
    for (const listener of this.broadcastListeners) listener(message);
  }

  private parse(payload: string | undefined): StoreChange | 'other-schema' | undefined {
    const match = /^(.+)\.([a-z_]+):(\d+)$/.exec(payload ?? '');
    if (!match) return undefined;
    if (match[1] !== this.schema) return 'other-schema';
    return { table: match[2]!, id: Number(match[3]) };
  }
}
