/**
 * How many of something a key (a user) may do per window: `take` counts `amount` if it
 * fits and says so, in one synchronous step. Keys with nothing recent are swept once a
 * window. Time is passed in: testable without sleeping.
 */
export class SlidingWindowLimit {
  private readonly used = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(readonly limit: number, readonly windowMs: number) {}

  take(key: string, now: number, amount = 1): boolean {
    this.sweep(now);
    const recent = (this.used.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length + amount > this.limit) { this.used.set(key, recent); return false; }
    for (let i = 0; i < amount; i += 1) recent.push(now);
    this.used.set(key, recent);
    return true;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, times] of this.used) if (times.every((t) => now - t >= this.windowMs)) this.used.delete(key);
  }
}
