/**
 * Per-project request budget: a token bucket (`ratePerSec` refill, `burst` capacity) shared by every
 * call of one project, polls included. A 429 pauses the whole bucket until `Retry-After`
 * (DESIGN.md: "a 429 pauses all sending for that project"). Takers are served in arrival order.
 */
export type BudgetOptions = { ratePerSec: number; burst: number };
export type BudgetClock = { now(): number; sleep(ms: number): Promise<void> };

export class RequestBudget {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();
  private readonly rate: number;
  private readonly burst: number;

  constructor(
    options: BudgetOptions,
    private readonly clock: BudgetClock,
  ) {
    if (!(options.ratePerSec > 0) || !(options.burst >= 1))
      throw new Error('budget needs ratePerSec > 0 and burst >= 1');
    this.rate = options.ratePerSec;
    this.burst = options.burst;
    this.tokens = options.burst;
    this.last = clock.now();
  }

  /** Resolves when this caller may send one request. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.acquire());
    // A failed sleep must not wedge the queue for everyone behind it.
    this.queue = turn.catch(() => {});
    return turn;
  }

  /** Stop all sending until `untilMs` (epoch ms on the budget's clock). Never shortens a pause. */
  pauseUntil(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  get pausedUntilMs(): number {
    return this.pausedUntil;
  }

  private refill(now: number) {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }

  private async acquire(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      if (now < this.pausedUntil) {
        await this.clock.sleep(this.pausedUntil - now);
        continue;
      }
      this.refill(now);
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.rate) * 1000));
    }
  }
}
