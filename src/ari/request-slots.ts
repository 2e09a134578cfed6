/** How a request is queued: teardown (hang-up, destroy bridge) goes before everything else. */
export type Priority = 'teardown' | 'normal';

interface Waiter { grant: () => void; timer?: NodeJS.Timeout }

/**
 * The bound on ARI requests in flight (AriRest), with two priorities. Ordinary requests
 * use up to `maxNormal` slots; teardown may use up to `maxTeardown` (more), goes first,
 * and waits as long as it takes. An ordinary request that waited `maxQueueWaitMs` is
 * useless to the call that asked (the caller has heard nothing meanwhile): it fails unsent.
 */
export class RequestSlots {
  private inFlight = 0;
  private readonly queuedTeardown: Waiter[] = [];
  private readonly queuedNormal: Waiter[] = [];

  constructor(private readonly maxNormal: number, private readonly maxTeardown: number, readonly maxQueueWaitMs: number) {}

  get queueLength(): number { return this.queuedTeardown.length + this.queuedNormal.length; }

  /** Resolves once a slot is taken; an ordinary request rejects with `unsent()` after the queue wait. */
  take(priority: Priority, unsent: () => Error): Promise<void> {
    const limit = priority === 'teardown' ? this.maxTeardown : this.maxNormal;
    // An ordinary request never overtakes a queued teardown.
    const ahead = priority === 'teardown' ? 0 : this.queuedTeardown.length;
    if (this.inFlight < limit && ahead === 0) { this.inFlight += 1; return Promise.resolve(); }
    return new Promise((resolve, reject) => {
      const queue = priority === 'teardown' ? this.queuedTeardown : this.queuedNormal;
      const waiter: Waiter = { grant: () => { clearTimeout(waiter.timer); this.inFlight += 1; resolve(); } };
      if (priority === 'normal') {
        waiter.timer = setTimeout(() => {
          const at = queue.indexOf(waiter);
          if (at >= 0) queue.splice(at, 1);
          reject(unsent());
        }, this.maxQueueWaitMs);
      }
      queue.push(waiter);
    });
  }

  /** A request finished: teardown first, into any slot; an ordinary request only into an ordinary one. */
  release(): void {
    this.inFlight -= 1;
    if (this.queuedTeardown.length && this.inFlight < this.maxTeardown) this.queuedTeardown.shift()!.grant();
    else if (this.queuedNormal.length && this.inFlight < this.maxNormal) this.queuedNormal.shift()!.grant();
  }
}
