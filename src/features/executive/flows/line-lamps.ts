import type { Clock } from '../../../clock.js';
import type { Logger } from '../../../log.js';
import type { ExecutiveCallRegistry } from '../executive-calls.js';
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
  /** Idle-grace timers waiting, cleared (and their updates dropped) on stop. */
  private readonly waiting = new Map<unknown, () => void>();
  private stopped = false;

  /** `publish` sets the executive's lamp (the notifier's device state). */
  constructor(private readonly deps: { log: Logger; clock: Clock }, private readonly calls: ExecutiveCallRegistry,
    private readonly publish: (executiveId: number, state: LineState) => Promise<void>) {
    this.stopListening = calls.onChange((executiveId) => this.update(executiveId));
  }

  /** The state the lamp should show now. */
  stateOf(executiveId: number): LineState {
    return lineState(this.calls.forExecutive(executiveId).map((c) => ({ answered: c.isAnswered(), onHold: c.isOnHold() })));
  }

  update(executiveId: number, force = false): Promise<void> {
    const next = (this.queue.get(executiveId) ?? Promise.resolve()).then(async () => {
      if (this.stopped) return;
      let state = this.stateOf(executiveId);
      if (!force && this.published.get(executiveId) === state) return;
      if (!force && state === 'NOT_INUSE') {
        await this.graceWait();
        if (this.stopped) return;
        state = this.stateOf(executiveId);
        if (this.published.get(executiveId) === state) return;
      }
      this.published.set(executiveId, state);
      await this.publish(executiveId, state);
    }).catch((error: unknown) => this.deps.log.warn({ err: error, executiveId }, 'line lamp not updated'));
    this.queue.set(executiveId, next);
    void next.finally(() => { if (this.queue.get(executiveId) === next) this.queue.delete(executiveId); });
    return next;
  }

  /** After every (re)connection to Asterisk: every executive's line, as it is now. */
  async republish(executiveIds: number[]): Promise<void> {
    await Promise.all(executiveIds.map((id) => this.update(id, true)));
  }

  stop(): void {
    this.stopped = true;
    this.stopListening();
    for (const [timer, wake] of this.waiting) { this.deps.clock.clearTimeout(timer); wake(); }
    this.waiting.clear();
  }

  private graceWait(): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.deps.clock.setTimeout(() => { this.waiting.delete(timer); resolve(); }, IDLE_GRACE_MS);
      this.waiting.set(timer, resolve);
    });
  }
}
