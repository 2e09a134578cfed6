/**
 * Store writes that must land in the order they were asked, per key (a call's record:
 * saved, changed, deleted), without making the call wait for them. A failed write is
 * reported and costs only that record; the writes after it still run.
 */
export class KeyedWrites {
  private readonly pending = new Map<string, Promise<void>>();

  constructor(private readonly onError: (error: unknown, key: string) => void) {}

  enqueue(key: string, write: () => Promise<void>): void {
    const next = (this.pending.get(key) ?? Promise.resolve()).then(write)
      .catch((error: unknown) => this.onError(error, key));
    this.pending.set(key, next);
    void next.finally(() => { if (this.pending.get(key) === next) this.pending.delete(key); });
  }
}
