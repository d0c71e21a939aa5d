import { DeskFailure } from '../../../shared/contract';
import { summarizePlan } from '../../../shared/domain/planner';
import { planWithLoaProfiles } from '../loa/plan-check';
import { profileKind } from '../loa/profiles';
import { commitPlan, listBatches } from '../queue/commit-plan';
import { batchJobCounts, jobDetail, jobSummary, listJobs } from '../queue/job-views';
import type { ConceptHandlers, EngineContext } from './context';

const requireJob = <T>(value: T | null, id: number): T => {
  if (value === null) throw new DeskFailure('NOT_FOUND', `There is no job ${id}.`);
  return value;
};

/** `jobs.*` and `plan.*`: the queue as the user sees it, and turning rows into queued jobs. */
export function jobsHandlers(ctx: EngineContext): ConceptHandlers<'jobs' | 'plan'> {
  const wake = () => ctx.sessions.current()?.sync.wake();
  /** The open workspace's LOA profile kinds for plan checks; null (no check) when no database is open. */
  const loaKindOrSkip = () => {
    try {
      const { db } = ctx.active();
      return (id: string) => profileKind(db, id);
    } catch {
      return null;
    }
  };
  return {
    'jobs.list': (input) => {
      const ws = ctx.active();
      return {
        ...listJobs(ws.db, { states: input.states, task: input.task, batchId: input.batchId }, input),
        counts: ws.queue.counts(),
      };
    },
    'jobs.get': (input) => {
      const ws = ctx.active();
      return requireJob(jobDetail(ws.db, ws.queue, input.id), input.id);
    },
    'jobs.batches': (input) => {
      const ws = ctx.active();
      const { rows, total } = listBatches(ws.db, input);
      const counts = batchJobCounts(
        ws.db,
        rows.map((b) => b.id),
      );
      return {
        total,
        items: rows.map((b) => ({
          id: b.id,
          label: b.label,
          createdAt: new Date(b.createdAt).toISOString(),
          numberCount: b.acceptedRows,
          counts: counts.get(b.id) as NonNullable<ReturnType<typeof counts.get>>,
        })),
      };
    },
    'jobs.retry': (input) => {
      const ws = ctx.active();
      ws.queue.retry(input.id);
      wake();
      return requireJob(jobSummary(ws.db, input.id), input.id);
    },
    'jobs.cancel': (input) => {
      const ws = ctx.active();
      ws.queue.cancel(input.id);
      return requireJob(jobSummary(ws.db, input.id), input.id);
    },
    'plan.preview': (input) => {
      const limit = input.importOrderLimit ?? ctx.workspaces.activeProfile().importOrderLimit;
      return summarizePlan(
        planWithLoaProfiles(input.rows, { intentId: 'preview', importOrderLimit: limit }, loaKindOrSkip()),
      );
    },
    'plan.commit': (input) => {
      const ws = ctx.active();
      const limit = input.importOrderLimit ?? ws.profile.importOrderLimit;
      // Rows naming a missing LOA profile (or one of the other kind) are rejected here, not at send time.
      const plan = planWithLoaProfiles(
        input.rows,
        { intentId: input.intentId, importOrderLimit: limit },
        (id) => profileKind(ws.db, id),
      );
      const summary = summarizePlan(plan);
      if (plan.calls.length === 0)
        throw new DeskFailure(
          'VALIDATION',
          'No row of this batch can be sent; nothing was queued.',
          summary.rejected,
        );
      const committed = commitPlan(ws.db, plan, { queue: ws.queueName, label: input.label, now: ctx.now() });
      if (committed.created) {
        ws.queue.notify(committed.jobIds);
        wake();
      }
      return {
        batchId: committed.batchId,
        created: committed.created,
        jobCount: committed.jobIds.length,
        summary,
      };
    },
  };
}
