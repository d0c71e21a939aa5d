import { workload } from '../engine/workload';
import { startRequestMeter } from '../engine/request-meter';
import { basicAuth, seedQualifiedNumbers, startHarnessSimulator } from '../engine/simulator';
import { runNaive } from './naive';
import type { BenchReport } from './report';

/**
 * `naive_calls` / `naive_wall_ms`: the same work as the sync bench done by the naive baseline
 * (naive.ts), against its own simulator with the same 50 ms latency. The simulator runs on its fast
 * clock (×3600: an order's simulated half hour passes in about half a second) so that the 1 s polls
 * find resources finished quickly and the figure measures the request pattern, not Sinch's
 * provisioning time. `naive_calls` = mutating requests counted by the meter in front of the simulator;
 * `naive_wall_ms` = first create to the last create's answer, as `sync_wall_ms`.
 */
export async function benchNaive(report: BenchReport, numbers: number): Promise<void> {
  const work = workload(numbers, 200_000);
  const sim = await startHarnessSimulator({ clock: { fast: 3600 }, seed: 11 });
  const meter = await startRequestMeter(sim.baseUrl);
  try {
    // Qualify the text-enable half directly (manual decisions work on the fast clock too).
    await seedQualifiedNumbers(sim, work.toTextEnable);
    sim.control.setFaults({ latencyMs: 50 });
    const result = await runNaive({
      baseUrl: meter.url,
      projectId: sim.project.projectId,
      authorization: basicAuth(sim),
      work,
    });
    const counted = meter.mutating.length;
    if (result.failures > 0) throw new Error(`naive baseline: ${result.failures} creates failed`);
    report.record('naive_calls', counted, 'calls', { note: `${result.polls} polls besides` });
    report.record('naive_wall_ms', result.createWallMs, 'ms', {
      note: `all final after ${result.totalMs} ms${result.unfinished ? `, ${result.unfinished} unfinished` : ''}`,
    });
  } finally {
    await meter.close();
    await sim.close();
  }
}
