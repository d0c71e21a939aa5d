import { faultAtRest } from '../engine/fault-at-rest-run';
import type { BenchReport } from './report';

/**
 * The fault-at-rest run at bench size (300 numbers; `npm test` runs 50): ENOSPC then EIO at the
 * store and the engine log mid-sync. `fault_rest_lost`, `fault_rest_duplicate_creates` (target 0).
 */
export async function benchFaultAtRest(report: BenchReport, numbers: number): Promise<void> {
  const result = await faultAtRest(numbers);
  if (result.exited) throw new Error('the engine process exited during the fault-at-rest run');
  report.record('fault_rest_lost', result.lost, 'jobs+numbers', {
    target: '0',
    note: `${numbers} numbers, ENOSPC then EIO at store and log, ${Math.round(result.wallMs / 1000)} s`,
  });
  report.record('fault_rest_duplicate_creates', result.duplicates, 'requests', { target: '0' });
}
