import type { Kysely } from 'kysely';
import type { Ari } from '../ari/ari.js';
import { AstDb } from '../ari/astdb.js';
import type { Logger } from '../log.js';
import type { Database } from '../store/schema.js';
import { getUsers, type UserProfile } from './settings/user-repository.js';

/** The sub-families of AstDB's `switchboard` the dialplan fallback reads (asterisk-conf/extensions.conf). */
const FAMILIES = ['ext', 'did'];

/** `ext/<extension>` and `did/<number>` → the dial string of the user's devices. */
export type FallbackEntries = Map<string, string>;

// What may go into Dial(${DB(...)},30) unquoted: a comma would start Dial's next argument,
// `$`, `{`, `(` would be evaluated by the dialplan.
const SAFE_DIAL_STRING = /^[A-Za-z0-9/@._+*#:&-]+$/;
const SAFE_KEY = /^[0-9+*#]+$/;

/**
 * What Asterisk rings for each extension and DID when the controller cannot decide: the
 * devices that ring for the user's ordinary incoming calls (the primary location and the
 * shared call appearances flagged to ring), as a plain call rings them. An extension
 * used in two organisations keeps the first user (the dialplan has no tenant to tell
 * them apart); a user without a device has no entry.
 */
export function fallbackEntries(users: readonly UserProfile[]): FallbackEntries {
  const entries: FallbackEntries = new Map();
  for (const user of [...users].sort((a, b) => a.id - b.id)) {
    const devices = user.locations
      .filter((l) => (l.kind === 'primary' || (l.kind === 'shared' && l.ringsForIncoming)) && SAFE_DIAL_STRING.test(l.address) && !l.address.includes('&'))
      .map((l) => l.address);
    if (devices.length === 0) continue;
    const dial = [...new Set(devices)].join('&');
    if (SAFE_KEY.test(user.extension) && !entries.has(`ext/${user.extension}`)) entries.set(`ext/${user.extension}`, dial);
    for (const did of user.dids) if (SAFE_KEY.test(did) && !entries.has(`did/${did}`)) entries.set(`did/${did}`, dial);
  }
  return entries;
}

/**
 * Keeps AstDB in step with the directory so the dialplan fallback can reach the dialled
 * user's own devices while the controller is down (issue 11, PRODUCT.md section 6).
 * Everything is written on every (re)connect, since Asterisk may have restarted or been
 * edited by hand; in between, the directory is compared every `intervalMs` and only
 * what changed is written. Comparing, rather than hooking each write, also catches
 * users changed by a CSV import, the CLI or another controller on the same store.
 */
export class FallbackDirectory {
  private readonly astdb: AstDb;
  /** What AstDB holds as far as we know; undefined: unknown, write everything. */
  private written: FallbackEntries | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly db: Kysely<Database>, private readonly ari: Ari, private readonly log: Logger, private readonly intervalMs: number) {
    this.astdb = new AstDb(ari);
  }

  start(): void {
    if (this.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => { void this.sync().catch(() => undefined); }, this.intervalMs);
    this.timer.unref();
  }
  stop(): void { clearInterval(this.timer); this.timer = undefined; }

  /** Asterisk may have restarted: write everything on the next sync. */
  forget(): void { this.written = undefined; }

  /** Brings AstDB in step now (one sync at a time; a second caller waits for the first). */
  sync(): Promise<void> {
    this.running ??= this.syncOnce().finally(() => { this.running = undefined; });
    return this.running;
  }

  private async syncOnce(): Promise<void> {
    if (!this.ari.connection.connected) return;
    const ids = (await this.db.selectFrom('users').select('id').execute()).map((r) => r.id);
    const wanted = fallbackEntries(await getUsers(this.db, ids));
    try {
      const known = this.written;
      if (!known) {
        // Everything, then what Asterisk holds besides: entries of users deleted while we
        // were away (or by hand) go too.
        const held = await this.astdb.apply({ put: wanted }, FAMILIES);
        const stale = [...held].flatMap(([family, keys]) => keys.map((key) => `${family}/${key}`)).filter((key) => !wanted.has(key));
        if (stale.length) await this.astdb.apply({ remove: stale });
        this.written = wanted;
        this.log.info({ written: wanted.size, removed: stale.length }, 'dialplan fallback directory written to AstDB');
        return;
      }
      const stale = [...known.keys()].filter((key) => !wanted.has(key));
      const changed = new Map([...wanted].filter(([key, value]) => known.get(key) !== value));
      if (!stale.length && !changed.size) return;
      await this.astdb.apply({ put: changed, remove: stale });
      this.written = wanted;
      this.log.info({ written: changed.size, removed: stale.length }, 'dialplan fallback directory updated in AstDB');
    } catch (error) {
      // Some writes may have landed: compare with everything next time.
      this.written = undefined;
      this.log.warn({ err: (error as Error).message }, 'updating the dialplan fallback directory in AstDB failed; trying again');
      throw error;
    }
  }
}
