import type { Kysely } from 'kysely';
import type { Clock } from '../../../clock.js';
import type { Logger } from '../../../log.js';
import type { Database } from '../../../store/schema.js';
import { getUser } from '../../../users/settings/user-repository.js';
import type { ExecutiveCallRegistry } from '../executive-calls.js';
import type { ExecutiveNotifier } from '../executive-notifier.js';
import { lineState, type LineState } from '../policy/line-state.js';

/**
 * Keeps each executive's line lamp (`Stasis:exec-line-<org>-<ext>`, the hint `*64<ext>`)
 * in step with their calls in the registry. Updates for one executive run one after
 * another and each publishes the state as it is when it runs, so a late update never
 * puts back a state that has passed (ringing after answered). A call changing hands
 * (retrieve, push, recall) leaves the registry a moment before the new owner registers
 * it: the line is only shown idle once it stayed idle for IDLE_GRACE_MS.
 */
const IDLE_GRACE_MS = 1000;

export class LineLamps {
  private readonly queue = new Map<number, Promise<void>>();
  private readonly published = new Map<number, LineState>();
  private readonly stopListening: () => void;

  constructor(private readonly deps: { db: Kysely<Database>; log: Logger; clock: Clock }, private readonly calls: ExecutiveCallRegistry, private readonly notifier: ExecutiveNotifier) {
    this.stopListening = calls.onChange((executiveId) => this.update(executiveId));
  }

  /** The state the lamp should show now. */
  stateOf(executiveId: number): LineState {
    return lineState(this.calls.forExecutive(executiveId).map((c) => ({ answered: c.isAnswered(), onHold: c.isOnHold() })));
  }

  update(executiveId: number, force = false): Promise<void> {
    const next = (this.queue.get(executiveId) ?? Promise.resolve()).then(async () => {
      let state = this.stateOf(executiveId);
      if (!force && this.published.get(executiveId) === state) return;
      if (!force && state === 'NOT_INUSE') {
        await new Promise((resolve) => this.deps.clock.setTimeout(() => resolve(undefined), IDLE_GRACE_MS));
        state = this.stateOf(executiveId);
        if (this.published.get(executiveId) === state) return;
      }
      const executive = await getUser(this.deps.db, executiveId);
      if (!executive) return;
      this.published.set(executiveId, state);
      await this.notifier.lineChanged(executive, state);
    }).catch((error: unknown) => this.deps.log.warn({ err: error, executiveId }, 'line lamp not updated'));
    this.queue.set(executiveId, next);
    void next.finally(() => { if (this.queue.get(executiveId) === next) this.queue.delete(executiveId); });
    return next;
  }

  /** After every (re)connection to Asterisk: every executive's line, as it is now. */
  async republish(executiveIds: number[]): Promise<void> {
    await Promise.all(executiveIds.map((id) => this.update(id, true)));
  }

  stop(): void { this.stopListening(); }
}
