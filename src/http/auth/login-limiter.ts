/**
 * Refuses sign-in attempts for a key (client address + login) after too many failures in
 * a window, so a password cannot be guessed online. Time is passed in: testable.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly maxFailures = 5, private readonly windowMs = 5 * 60_000) {}

  isBlocked(key: string, now: number): boolean {
    return this.recent(key, now).length >= this.maxFailures;
  }
  recordFailure(key: string, now: number): void {
    this.failures.set(key, [...this.recent(key, now), now]);
  }
  reset(key: string): void { this.failures.delete(key); }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.failures.delete(key); else this.failures.set(key, list);
    return list;
  }
}
