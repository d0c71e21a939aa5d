import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitPlan } from '../../electron/core/queue/commit-plan';
import type { Db } from '../../electron/core/store/database';
import { planBatch } from '../../shared/domain/planner';
import type { Workload } from './workload';

/**
 * A fresh data directory, in memory-backed /dev/shm when the machine has it: these harnesses kill
 * processes, not machines — the page cache survives a SIGKILL, so fsync (synchronous=FULL) adds
 * only time here. Power loss is not what they test.
 */
export function tempDataDir(prefix = 'hd-engine-'): { dir: string; cleanup(): void } {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(join(base, prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Plan the workload and commit it as the user's "Commit plan" would (one transaction). */
export function commitWorkload(
  ws: { db: Db; queueName: string },
  work: Workload,
  intentId: string,
  now: number,
): { jobs: number; calls: number } {
  const plan = planBatch(work.rows, { intentId });
  if (plan.rejected.length > 0)
    throw new Error(`workload rows rejected: ${JSON.stringify(plan.rejected[0])}`);
  const committed = commitPlan(ws.db, plan, { queue: ws.queueName, label: intentId, now });
  return { jobs: committed.jobIds.length, calls: plan.calls.length };
}
