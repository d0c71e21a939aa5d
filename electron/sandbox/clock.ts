/**
 * The simulator's clock. All state machines run on simulated time so tests can step them (`advance`) and
 * the app's Sandbox workspace can run them faster than real time (`fast`, e.g. ×60).
 */
export type ClockMode = 'manual' | { fast: number };

export class SimClock {
  private anchorSim: number;
  private anchorReal: number;

  constructor(
    readonly mode: ClockMode,
    startSimMs: number,
    private readonly realNow: () => number = Date.now,
  ) {
    this.anchorSim = startSimMs;
    this.anchorReal = realNow();
  }

  /** Simulated "now" in epoch milliseconds. */
  now(): number {
    if (this.mode === 'manual') return this.anchorSim;
    return this.anchorSim + (this.realNow() - this.anchorReal) * this.mode.fast;
  }

  /** Moves simulated time forward (works in both modes: in fast mode it jumps ahead). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('advance(ms) needs a non-negative number');
    this.anchorSim += ms;
  }

  get factor(): number {
    return this.mode === 'manual' ? 0 : this.mode.fast;
  }
}

export const iso = (ms: number): string => new Date(ms).toISOString();
