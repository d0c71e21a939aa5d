/**
 * The sync engine's sense of time: `now()` for the queue and one-shot timers for wake-ups, polls and
 * offline probes. Tests use `manualClock()` and move time themselves (no sleeps); the app uses
 * `systemClock`.
 */
export type SyncClock = {
  now(): number;
  /** Run `fn` after `ms`; returns a cancel function. */
  setTimer(ms: number, fn: () => void): () => void;
};

export const systemClock: SyncClock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(t);
  },
};

export type ManualClock = SyncClock & {
  /** Move time forward and fire every timer that falls due, in time order. */
  advance(ms: number): void;
  /** How many timers are waiting (for assertions). */
  pending(): number;
  /** A `sleep` on this clock, e.g. for the Sinch client's budget. */
  sleep(ms: number): Promise<void>;
};

export function manualClock(start = 1_800_000_000_000): ManualClock {
  let t = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: ManualClock = {
    now: () => t,
    setTimer(ms, fn) {
      const id = ++seq;
      timers.set(id, { at: t + Math.max(0, ms), fn });
      return () => {
        timers.delete(id);
      };
    },
    advance(ms) {
      const target = t + ms;
      for (;;) {
        let next: [number, { at: number; fn: () => void }] | undefined;
        for (const entry of timers) {
          if (entry[1].at <= target && (!next || entry[1].at < next[1].at)) next = entry;
        }
        if (!next) break;
        timers.delete(next[0]);
        t = Math.max(t, next[1].at);
        next[1].fn();
      }
      t = target;
    },
    pending: () => timers.size,
    sleep: (ms) => new Promise<void>((resolve) => clock.setTimer(ms, resolve)),
  };
  return clock;
}
