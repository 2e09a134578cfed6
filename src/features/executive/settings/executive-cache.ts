import type { Kysely } from 'kysely';
import type { ChangeFeed, ChangeListener, StoreChange } from '../../../store/change-feed.js';
import type { Database } from '../../../store/schema.js';
import { assistantsOf, getExecutiveSettings, type ExecutiveSettings, type PoolMember } from './executive-repository.js';

/** What deciding a call to an executive reads about them: their settings and their pool. */
export interface ExecutiveCallData { settings: ExecutiveSettings; pool: PoolMember[] }

/** Tables whose row id is the executive's. */
const EXECUTIVE_TABLES = new Set(['executive_settings', 'executive_assistants']);
/** Tables whose row id is a user's who may be an assistant in some pool (name, extension, divert). */
const ASSISTANT_TABLES = new Set(['users', 'assistant_settings']);

const read = async (db: Kysely<Database>, executiveId: number): Promise<ExecutiveCallData> => {
  const [settings, pool] = await Promise.all([getExecutiveSettings(db, executiveId), assistantsOf(db, executiveId)]);
  return { settings, pool };
};

/**
 * Each executive's settings and pool in memory for the call path (issue 18: no store round
 * trip per call for what changes rarely), dropped on every change the store's change feed
 * reports, whoever made it (the portal, #61/#62, an assistant's opt-in, another
 * controller). It answers only while the feed is live, else the store does; a read that a
 * change overtook is returned but not kept. The API reads the store (its own writes at once).
 */
export class ExecutiveCache implements ChangeListener {
  private readonly entries = new Map<number, ExecutiveCallData>();
  /** Bumped by every relevant change: a read begun before it is not kept. */
  private generation = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly db: Kysely<Database>, private readonly feed: ChangeFeed) {
    this.unsubscribe = feed.subscribe(this);
  }

  stop(): void { this.unsubscribe(); this.entries.clear(); }

  changed(changes: StoreChange[]): void {
    for (const c of changes) {
      if (EXECUTIVE_TABLES.has(c.table)) {
        this.entries.delete(c.id);
        this.generation += 1;
      } else if (ASSISTANT_TABLES.has(c.table)) {
        for (const [executiveId, data] of this.entries) if (data.pool.some((m) => m.assistantId === c.id)) this.entries.delete(executiveId);
        this.generation += 1;
      }
    }
  }

  reset(): void { this.entries.clear(); this.generation += 1; }

  /** A copy each time: a caller's changes to what it got never reach the next call. */
  async callData(executiveId: number): Promise<ExecutiveCallData> {
    if (!this.feed.live) return read(this.db, executiveId);
    this.feed.catchUp();
    const held = this.entries.get(executiveId);
    if (held) return structuredClone(held);
    const generation = this.generation;
    const data = await read(this.db, executiveId);
    if (generation === this.generation && this.feed.live) this.entries.set(executiveId, structuredClone(data));
    return data;
  }
}

/** The cache the executive feature attached to its store, if any. */
const caches = new WeakMap<Kysely<Database>, ExecutiveCache>();
export const attachExecutiveCache = (db: Kysely<Database>, cache: ExecutiveCache): void => { caches.set(db, cache); };
export const detachExecutiveCache = (db: Kysely<Database>): void => { caches.delete(db); };

/** The call path's read of an executive's settings and pool: the cache when there is one, else the store. */
export const executiveCallData = (db: Kysely<Database>, executiveId: number): Promise<ExecutiveCallData> =>
  caches.get(db)?.callData(executiveId) ?? read(db, executiveId);
