import type { Leg } from './leg.js';

/**
 * Legs that ring for the same call: the first to answer wins and every other leg stops
 * ringing at once (told `answered_elsewhere`). Legs may be added while it rings, for
 * sequential alerting. Answers are judged in event order, so two phones answering
 * "at the same time" still leave exactly one winner.
 */
export class RingGroup {
  winner: Leg | undefined;
  private readonly legs = new Set<Leg>();
  private readonly waiters = new Set<() => void>();
  private closed = false;

  get active(): Leg[] { return [...this.legs].filter((leg) => !leg.isEnded && leg !== this.winner); }
  get isClosed(): boolean { return this.closed; }

  add(leg: Leg): void {
    if (this.closed || this.winner) { void leg.hangup('answered_elsewhere').catch(() => undefined); return; }
    this.legs.add(leg);
    void leg.outcome.then((outcome) => {
      if (outcome === 'answered') {
        if (this.winner || this.closed) { void leg.hangup('answered_elsewhere').catch(() => undefined); }
        else { this.winner = leg; void this.stopOthers(leg); }
      }
      this.wake();
    });
    void leg.ended.then(() => this.wake());
  }

  /** Resolves with the winner, or undefined once no leg is left ringing. */
  async untilAnsweredOrSilent(): Promise<Leg | undefined> {
    for (;;) {
      if (this.winner) return this.winner;
      if (this.closed || this.ringingLegs().length === 0) return undefined;
      await new Promise<void>((resolve) => this.waiters.add(resolve));
    }
  }

  /** Resolves with the winner, or undefined when `legToWatch` stops ringing first. */
  async untilAnsweredOrLegDone(legToWatch: Leg): Promise<Leg | undefined> {
    await Promise.race([legToWatch.outcome, this.untilAnsweredOrSilent()]);
    return this.winner;
  }

  /** Stops every leg still ringing; the winner, if any, is left alone. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stopOthers(this.winner);
    this.wake();
  }

  /** Nobody answered in time: the legs still ringing end as no answer. */
  async timeOut(): Promise<void> {
    this.closed = true;
    await Promise.all(this.ringingLegs().map((leg) => leg.timeOut().catch(() => undefined)));
    this.wake();
  }

  ringingLegs(): Leg[] { return [...this.legs].filter((leg) => leg.isRinging); }

  private async stopOthers(keep: Leg | undefined): Promise<void> {
    await Promise.all([...this.legs].filter((leg) => leg !== keep && !leg.isEnded)
      .map((leg) => leg.hangup('answered_elsewhere').catch(() => undefined)));
  }

  private wake(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }
}
