import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../electron/sandbox';
import { driveToCompletion } from './drive';
import { tempDataDir } from './fixture';
import { engineInProcess } from './in-process';
import { jobStates, judgeRun } from './run-checks';
import { seedQualifiedNumbers, startHarnessSimulator } from './simulator';
import { workload } from './workload';

/**
 * Issue 4 acceptance, offline test: the simulator is stopped in the middle of a run (its state kept
 * in a file); the jobs wait — none failed, none dead, no attempt spent on it — while the engine says
 * it is offline; the simulator comes back on the same port and the run completes, nothing sent twice.
 */
describe('offline test', () => {
  const closers: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const close of closers.reverse()) await close();
    closers.length = 0;
  });

  it('jobs wait while Sinch is unreachable and complete when it returns on the same port', async () => {
    const simData = tempDataDir('hd-offline-sim-');
    closers.push(() => simData.cleanup());
    const dbFile = join(simData.dir, 'sandbox.sqlite');
    let sim: RunningSimulator | null = await startHarnessSimulator({ seed: 31, dbFile });
    closers.push(() => sim?.close());
    const port = Number(new URL(sim.baseUrl).port);
    const work = workload(60, 20_000);
    await seedQualifiedNumbers(sim, work.toTextEnable);
    const run = await engineInProcess(sim, work, { intentId: 'offline', seed: 31 });
    closers.unshift(() => run.cleanup());
    const { sync, db } = run.engine;

    // Online for a moment: the first sends go out and the engine starts following orders.
    sync.start();
    await sync.idle();
    const sentBefore = sim.control.createRequests().length;
    expect(sentBefore).toBeGreaterThan(0);

    // Sinch disappears. Time keeps moving for the engine only.
    await sim.close();
    sim = null;
    run.time.follow(null);
    const states = new Set<string>();
    for (let i = 0; i < 40; i++) {
      run.time.advance(5_000);
      await sync.idle();
      states.add(sync.state().status);
    }
    expect(states).toContain('offline');
    expect(sync.state().status).toBe('offline');
    const waiting = jobStates(db);
    expect(waiting.failed ?? 0).toBe(0);
    expect(waiting.dead ?? 0).toBe(0);
    expect((waiting.pending ?? 0) + (waiting.waiting_remote ?? 0)).toBeGreaterThan(0);
    // Waiting cost nothing: no job's attempts were used up by the outage.
    const maxAttempts = db.prepare('SELECT max(attempts) FROM jobs').pluck().get() as number;
    expect(maxAttempts).toBeLessThanOrEqual(1);

    // Sinch returns on the same port with its state; the engine notices by itself and finishes.
    sim = await startHarnessSimulator({ seed: 31, dbFile, port });
    expect(sim.control.createRequests()).toHaveLength(sentBefore);
    run.time.follow(sim);
    await driveToCompletion({ sync, db, time: run.time });
    expect(sync.state().status).toBe('online');
    expect(jobStates(db)).toEqual({ done: 7 });
    const verdict = judgeRun(db, sim, work);
    expect(verdict.unfinishedNumbers).toEqual([]);
    expect(verdict.duplicates).toEqual([]);
    expect(verdict.lost).toBe(0);
  }, 120_000);
});
