import { commitPlan } from '../../electron/core/queue/commit-plan';
import { openDatabase } from '../../electron/core/store/database';
import { migrate } from '../../electron/core/store/migrations';
import { MIGRATIONS } from '../../electron/core/store/migrations/index';
import { planBatch } from '../../shared/domain/planner';
import { workload } from '../engine/workload';
import type { BenchReport } from './report';
import { join } from 'node:path';

/**
 * `enqueue_100k_ms`: plan + commit of 100,000 numbers (50,000 imports, 50,000 qualified
 * text-enables) into a fresh encrypted workspace database — what happens between "Commit plan" and
 * the jobs being visible. Rows are built before the clock starts (intake is another budget).
 */
export function benchEnqueue(report: BenchReport, dir: string): void {
  const rows = workload(100_000, 500_000).rows;
  const db = openDatabase({ file: join(dir, 'enqueue.db'), key: 'b'.repeat(64) });
  try {
    migrate(db, MIGRATIONS);
    const start = performance.now();
    const plan = planBatch(rows, { intentId: 'bench-enqueue' });
    const committed = commitPlan(db, plan, { queue: 'bench', label: 'bench 100k', now: Date.now() });
    const ms = performance.now() - start;
    const numbers = db.prepare('SELECT count(*) FROM numbers').pluck().get() as number;
    if (numbers !== 100_000) throw new Error(`enqueue bench: ${numbers} numbers stored, expected 100000`);
    report.record('enqueue_100k_ms', Math.round(ms), 'ms', {
      target: '< 1000',
      note: `${plan.calls.length} calls → ${committed.jobIds.length} jobs`,
    });
  } finally {
    db.close();
  }
}
