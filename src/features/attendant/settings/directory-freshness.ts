import type { Kysely } from 'kysely';
import type { Logger } from '../../../log.js';
import type { Database } from '../../../store/schema.js';
import { syncDirectory } from './directory.js';

/** A call arriving when the last sync is older than this starts one (without waiting for it). */
const MAX_AGE_MS = 10_000;
/** Background refresh. A sync of 100,000 unchanged users takes about half a second (measured). */
const REFRESH_EVERY_MS = 60_000;

/**
 * Keeps the attendant's directory index in step with the users table. Users change
 * through the users API (another feature), so the index is re-derived rather than
 * hooked: at start, every minute, before a call when older than a few seconds, and at
 * once after the attendant's own writes. A sync only rebuilds users that changed.
 */
export class DirectoryFreshness {
  private readonly syncedAt = new Map<number | 'all', number>();
  /** Users count and highest id per organisation at its last sync: a cheap sign of added or removed users. */
  private readonly fingerprints = new Map<number, string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Kysely<Database>, private readonly log: Logger) {}

  async start(): Promise<void> {
    await this.syncNow();
    this.timer = setInterval(() => { void this.syncNow().catch((error: unknown) => this.log.warn({ err: error }, 'directory sync failed')); }, REFRESH_EVERY_MS);
    this.timer.unref();
  }

  stop(): void { clearInterval(this.timer); }

  /**
   * Before a call or a search: a sync if the index is old. The caller waits only when the
   * organisation was never synced; otherwise the sync runs behind the greeting (the
   * directory is read when the caller has said or keyed something, seconds later).
   */
  async ensureFresh(organisationId: number): Promise<void> {
    const last = Math.max(this.syncedAt.get(organisationId) ?? 0, this.syncedAt.get('all') ?? 0);
    const fingerprint = await this.fingerprint(organisationId);
    if (Date.now() - last < MAX_AGE_MS && this.fingerprints.get(organisationId) === fingerprint) return;
    const sync = this.syncNow(organisationId);
    if (last === 0) { await sync; return; }
    sync.catch((error: unknown) => this.log.warn({ err: error }, 'directory sync failed'));
  }

  private async fingerprint(organisationId: number): Promise<string> {
    const row = await this.db.selectFrom('users').where('organisation_id', '=', organisationId)
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('maxId')]).executeTakeFirst();
    return `${row?.n ?? 0}:${row?.maxId ?? 0}`;
  }

  /** Syncs now (one sync at a time). */
  syncNow(organisationId?: number): Promise<number> {
    const next = this.running.then(async () => {
      const started = Date.now();
      const fingerprint = organisationId === undefined ? undefined : await this.fingerprint(organisationId);
      const rebuilt = await syncDirectory(this.db, organisationId);
      this.syncedAt.set(organisationId ?? 'all', started);
      if (organisationId !== undefined && fingerprint) this.fingerprints.set(organisationId, fingerprint);
      if (rebuilt) this.log.info({ rebuilt, organisationId, ms: Date.now() - started }, 'attendant directory synced');
      return rebuilt;
    });
    this.running = next.catch(() => undefined);
    return next;
  }
}
