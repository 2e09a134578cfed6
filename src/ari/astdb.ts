import type { Ari } from './ari.js';

/** The AstDB family Switchboard writes; the dialplan context writes nowhere else. */
export const ASTDB_FAMILY = 'switchboard';
/** The dialplan that does the writing (asterisk-conf/extensions.conf). */
export const ASTDB_CONTEXT = 'switchboard-astdb';

/** What one apply changes, keys relative to the family (`ext/1002`). */
export interface AstDbChanges {
  put?: ReadonlyMap<string, string>;
  remove?: readonly string[];
}

export interface AstDbOptions {
  /** Longest one batch may take, from the originate to the dialplan saying it is done. */
  timeoutMs?: number;
  /** Most bytes of variables one batch carries: Asterisk refuses a body over 40,960. */
  maxBatchBytes?: number;
}

// Keys and values reach Set(DB(...)) through CUT(...,=,…) in the dialplan: no `=`, and
// nothing the dialplan could read as an expression, a function or an argument separator.
const SAFE_KEY = /^[A-Za-z0-9+*#._-]+(\/[A-Za-z0-9+*#._-]+)*$/;
const SAFE_VALUE = /^[A-Za-z0-9/@._+*#:&-]*$/;

let writerSeq = 0;

/**
 * Asterisk's own database (AstDB) under the family `switchboard`, which the dialplan reads
 * with DB() and DB_EXISTS() whether the controller runs or not.
 *
 * ARI cannot write it directly: since Asterisk 22.10 ARI respects `live_dangerously`
 * (GHSA-vrfp-mg3q-3959), so `DB(...)` set through `/asterisk/variable` or a channel's
 * variables answers 204 and logs "Dangerous function DB write blocked"; and GET
 * `/asterisk/variable` reads variables, never functions. The dialplan may. So a batch is
 * a Local channel originated into the `switchboard-astdb` context, the entries in its
 * channel variables (one request); its dialplan half writes them, then enters our app,
 * which is the proof they are written, and is hung up. Reading (DB_KEYS, not a dangerous
 * function) goes through that half's variables while it is in our app.
 */
export class AstDb {
  private readonly timeoutMs: number;
  private readonly maxBatchBytes: number;

  constructor(private readonly ari: Ari, options: AstDbOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.maxBatchBytes = options.maxBatchBytes ?? 30_000;
  }

  /**
   * Writes `put` and removes `remove`, in as few batches as the body limit allows, one
   * after another. With `list`, returns the keys held under each of those sub-families
   * (`ext` → `['1002', …]`) once every change is applied.
   */
  async apply(changes: AstDbChanges, list: readonly string[] = []): Promise<Map<string, string[]>> {
    const batches = this.batches(changes);
    let listed = new Map<string, string[]>();
    for (const [i, variables] of batches.entries()) {
      listed = await this.runBatch(variables, i === batches.length - 1 ? list : []);
    }
    return listed;
  }

  private batches(changes: AstDbChanges): Array<Record<string, string>> {
    const items: Array<{ kind: 'PUT' | 'DELETE'; text: string }> = [];
    for (const [key, value] of changes.put ?? []) {
      if (!SAFE_KEY.test(key)) throw new Error(`AstDB key not writable through the dialplan: ${JSON.stringify(key)}`);
      if (!SAFE_VALUE.test(value)) throw new Error(`AstDB value not writable through the dialplan: ${JSON.stringify(value)}`);
      items.push({ kind: 'PUT', text: `${key}=${value}` });
    }
    for (const key of changes.remove ?? []) {
      if (!SAFE_KEY.test(key)) throw new Error(`AstDB key not removable through the dialplan: ${JSON.stringify(key)}`);
      items.push({ kind: 'DELETE', text: key });
    }
    const batches: Array<Record<string, string>> = [];
    let current: Record<string, string> = {};
    let counts = { PUT: 0, DELETE: 0 };
    let bytes = 0;
    const close = () => {
      batches.push({ ...current, SB_PUTS: String(counts.PUT), SB_DELETES: String(counts.DELETE) });
      current = {}; counts = { PUT: 0, DELETE: 0 }; bytes = 0;
    };
    for (const item of items) {
      // A variable's JSON: `"SB_DELETE_12345":"…",`, at most this long.
      const size = item.text.length + 22;
      if (bytes + size > this.maxBatchBytes && bytes > 0) close();
      current[`SB_${item.kind}_${counts[item.kind]}`] = item.text;
      counts[item.kind] += 1;
      bytes += size;
    }
    if (bytes > 0 || batches.length === 0) close();
    return batches;
  }

  /** One Local channel through the dialplan; resolves once its half is in our app (and listed). */
  private async runBatch(variables: Record<string, string>, list: readonly string[]): Promise<Map<string, string[]>> {
    const { ari } = this;
    const id = `astdb-${Date.now().toString(36)}-${(writerSeq++).toString(36)}`;
    const writer = `${id}-dialplan`;
    let stopWaiting = () => {};
    const applied = new Promise<void>((resolve, reject) => {
      const timer = ari.clock.setTimeout(() => {
        stopWaiting();
        reject(new Error(`AstDB batch not confirmed within ${this.timeoutMs} ms: does the dialplan have the ${ASTDB_CONTEXT} context (asterisk-conf/extensions.conf)?`));
      }, this.timeoutMs);
      const off = ari.onChannel(writer, (event) => {
        if (event.type === 'StasisStart') { stopWaiting(); resolve(); }
        if (event.type === 'ChannelDestroyed') { stopWaiting(); reject(new Error('the AstDB batch channel ended before its dialplan was done')); }
      });
      stopWaiting = () => { ari.clock.clearTimeout(timer); off(); };
    });
    // Owned from the start: the deadline may pass while the originate is still in flight.
    applied.catch(() => undefined);
    try {
      await ari.rest.originateToDialplan({
        endpoint: `Local/apply@${ASTDB_CONTEXT}`,
        // The first half is never answered; if it were, it only hangs up.
        context: ASTDB_CONTEXT, extension: 'answered',
        channelId: id, otherChannelId: writer,
        // A batch left behind by a controller that died ends on its own soon after.
        timeout: Math.ceil(this.timeoutMs / 1000) + 1,
        variables: { ...variables, SB_APP: ari.app },
      });
      await applied;
      const listed = new Map<string, string[]>();
      for (const family of list) {
        const { value } = await ari.rest.getVariable(writer, `DB_KEYS(${ASTDB_FAMILY}/${family})`);
        listed.set(family, value ? value.split(',').filter(Boolean) : []);
      }
      return listed;
    } finally {
      stopWaiting();
      // Hanging up the first half ends the second too, wherever it is. Not in our app, so
      // no destroy event marks it gone: a 404 is how Asterisk says it already ended.
      await ari.hangup(id).catch(() => undefined);
    }
  }
}
