import type { RunningSimulator } from '../../electron/sandbox';
import type { Db } from '../../electron/core/store/database';
import { type ManualClock, manualClock } from '../../electron/core/sync/clock';
import type { SyncLoop } from '../../electron/core/sync/loop';
import { nextDue, unfinishedJobs } from './run-checks';

/**
 * One simulated timeline for an engine in the test's process and the simulator: the engine's clock
 * and the simulator's manual clock always move together, and only when the engine has nothing to do
 * now (no sleeps anywhere). The client's own waits (retry backoff, a 429 pause of the budget) are
 * served by moving that timeline forward instead of waiting.
 */
export type Timeline = {
  clock: ManualClock;
  /** the simulator whose clock follows (null while it is stopped: only the engine's time moves) */
  follow(sim: Pick<RunningSimulator, 'control'> | null): void;
  /** move both clocks forward */
  advance(ms: number): void;
  /** the Sinch client's `sleep` */
  sleep(ms: number): Promise<void>;
};

export function timeline(sim: Pick<RunningSimulator, 'control'>, start?: number): Timeline {
  const clock = manualClock(start);
  let followed: Pick<RunningSimulator, 'control'> | null = sim;
  const advance = (ms: number) => {
    // The simulator first, so that whatever the engine's timers fire reads the moved world.
    followed?.control.advance(ms);
    clock.advance(ms);
  };
  return {
    clock,
    follow(next) {
      followed = next;
    },
    advance,
    async sleep(ms) {
      advance(Math.max(0, ms));
    },
  };
}

/**
 * Let the engine work, and whenever it is idle move time to the next due job (at least `minStepMs`,
 * `fallbackStepMs` when nothing is scheduled — e.g. offline probes), until no job is left or
 * `maxSteps` passes. Returns how many time steps it took.
 */
export async function driveToCompletion(options: {
  sync: SyncLoop;
  db: Db;
  time: Timeline;
  maxSteps?: number;
  minStepMs?: number;
  fallbackStepMs?: number;
  /** called at each idle moment, before time moves; return true to stop driving */
  onIdle?: (step: number) => boolean | Promise<boolean>;
}): Promise<number> {
  const { sync, db, time } = options;
  const maxSteps = options.maxSteps ?? 5_000;
  for (let step = 0; step < maxSteps; step++) {
    await sync.idle();
    if (unfinishedJobs(db) === 0) return step;
    const state = sync.state();
    // States that only a user action ends: moving time would never finish the run.
    if (
      state.status === 'credentials-rejected' ||
      state.status === 'credentials-missing' ||
      state.status === 'stopped'
    )
      throw new Error(`the engine stopped sending (${state.status}): ${state.detail}`);
    if (await options.onIdle?.(step)) return step;
    const due = nextDue(db);
    const now = time.clock.now();
    const gap = due !== null && due > now ? due - now : (options.fallbackStepMs ?? 5_000);
    time.advance(Math.max(options.minStepMs ?? 1, gap));
  }
  throw new Error(`the run did not finish within ${maxSteps} time steps`);
}
