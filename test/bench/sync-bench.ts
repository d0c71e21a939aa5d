import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store';
import { DEFAULT_BUDGET } from '../../electron/core/sinch';
import { systemClock } from '../../electron/core/sync/clock';
import { openEngineUnderTest } from '../engine/engine-under-test';
import { commitWorkload, tempDataDir } from '../engine/fixture';
import { startRequestMeter } from '../engine/request-meter';
import { seedQualifiedNumbers, startHarnessSimulator } from '../engine/simulator';
import { minimumCalls, workload } from '../engine/workload';
import type { BenchReport } from './report';

/**
 * The sync figures: `sync_numbers` numbers (half to import, half already qualified to text-enable)
 * synced by the engine under test in real time, with the client's budget of 10 requests/s (polls
 * and reads share it) and 50 ms latency added by the simulator to every API answer. The simulator's
 * clock runs at real speed, so orders progress as slowly as they would in the few seconds measured.
 *
 * - `sync_calls`: mutating requests (POST/PATCH/DELETE) that reached the simulator, counted by the
 *   request meter in front of it (refused ones included);
 * - `sync_min_calls`: Σ ⌈group ÷ limit⌉ over the workload's own groups (import limit 5, text-enable 500),
 *   computed here, not by the planner;
 * - `sync_wall_ms`: from the first mutating request's arrival to the answer of the last one accepted;
 * - `sync_wall_over_bound`: `sync_wall_ms` ÷ (1000 × `sync_min_calls` ÷ 10) — 1.0 would be the budget's
 *   own minimum for that many calls.
 */
export async function benchSync(report: BenchReport, numbers: number): Promise<void> {
  const work = workload(numbers, 100_000);
  const sim = await startHarnessSimulator({ clock: { fast: 1 }, seed: 51 });
  const meter = await startRequestMeter(sim.baseUrl);
  const data = tempDataDir('hd-bench-sync-');
  let engine: Awaited<ReturnType<typeof openEngineUnderTest>> | undefined;
  try {
    await seedQualifiedNumbers(sim, work.toTextEnable);
    sim.control.setFaults({ latencyMs: 50 });
    let sentAll: () => void = () => {};
    const allSent = new Promise<void>((resolve) => {
      sentAll = resolve;
    });
    const unsentJobs = () =>
      engine?.db
        .prepare(
          `SELECT count(*) FROM jobs j WHERE NOT EXISTS (SELECT 1 FROM job_attempts a WHERE a.job_id = j.id
             AND a.phase = 'response' AND a.http_status BETWEEN 200 AND 299)`,
        )
        .pluck()
        .get() as number | undefined;
    engine = await openEngineUnderTest({
      dataDir: data.dir,
      secretStore: new MemorySecretStore(),
      sinch: { baseUrl: meter.url, authUrl: sim.authUrl, ...sim.project },
      clock: systemClock,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      budget: DEFAULT_BUDGET,
      onJobsChanged: () => {
        if (unsentJobs() === 0) sentAll();
      },
    });
    const committed = commitWorkload(engine, work, 'benchsync', Date.now());
    engine.sync.start();
    const limit = setTimeout(() => sentAll(), 15 * 60_000);
    await allSent;
    clearTimeout(limit);
    const left = unsentJobs();
    if (left !== 0) throw new Error(`sync bench: ${left} jobs still unsent after 15 minutes`);

    const mutating = meter.mutating;
    const first = Math.min(...mutating.map((m) => m.startedAt));
    const accepted = mutating.filter((m) => m.status >= 200 && m.status < 300);
    const last = Math.max(...accepted.map((m) => m.answeredAt));
    const wall = Math.round(last - first);
    const min = minimumCalls(work, { importOrder: 5, textEnable: 500 });
    const reads = meter.total() - mutating.length;
    // Where the reads went (the engine's audit log, by operation), to explain the wall time.
    const byOperation = (
      engine.db
        .prepare(
          `SELECT operation, count(*) AS n FROM audit_log WHERE method = 'GET' GROUP BY operation ORDER BY n DESC LIMIT 3`,
        )
        .all() as Array<{ operation: string; n: number }>
    )
      .map((r) => `${r.operation} ${r.n}`)
      .join(', ');
    report.record('sync_numbers', numbers, 'numbers');
    report.record('sync_calls', mutating.length, 'calls', {
      target: `= ${min}`,
      note: `${accepted.length} accepted; planner: ${committed.calls} calls`,
    });
    report.record('sync_min_calls', min, 'calls');
    report.record('sync_wall_ms', wall, 'ms', {
      note: `${reads} reads/polls through the same budget (${byOperation})`,
    });
    report.record('sync_wall_over_bound', Number((wall / ((1000 * min) / 10)).toFixed(3)), 'ratio', {
      target: '<= 1.15',
    });
  } finally {
    await engine?.close();
    await meter.close();
    await sim.close();
    data.cleanup();
  }
}
