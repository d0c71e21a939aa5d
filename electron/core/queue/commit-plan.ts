import { orderDisplayName, type Plan } from '../../../shared/domain/planner';
import { DEFINING_TASKS, type PlannedCall, type TaskName } from '../../../shared/domain/tasks';
import { bigWrite, type Db } from '../store/database';
import { insertPlannedNumbers, type PlannedNumbersCall, setNumberState } from '../store/numbers';
import { enqueue, jobIdsOfBatch, jobRow, prepareEnqueue, repeatCount } from './job-queue';

export type CommitPlanOptions = {
  /** the queue = the project the jobs send to (a 429 pauses it as a whole) */
  queue: string;
  label: string;
  now: number;
  maxAttempts?: number;
  /** a deliberate repeat of an earlier batch (re-issue after a rejected LOA, re-qualify) */
  intent?: string;
  repeatOf?: string;
  /** more writes of the same intent, in the same transaction (an intake draft marked queued) */
  alsoWrite?: (batchId: string) => void;
};

export type CommittedPlan = { batchId: string; created: boolean; jobIds: number[] };

/**
 * Plan → jobs, in ONE transaction with the domain rows (DESIGN.md "Store and queue"): the batch,
 * one row per number (state `planned` + its first history entry), one job per planned call with its
 * dependencies (the job's payload is the planned call, numbers included). The batch id is the plan's intent id, so
 * committing the same plan twice is a no-op that returns the existing jobs.
 *
 * 100,000 numbers must plan and commit in under a second (DESIGN.md "Performance budgets"), so:
 * every statement is prepared once (preparing per call cost more than the inserts themselves);
 * the numbers and their history go in after the jobs, with a few set-based statements in phone
 * order for the whole plan (insertPlannedNumbers says why); and the transaction runs with
 * `bigWrite` (below).
 */
export function commitPlan(db: Db, plan: Plan, options: CommitPlanOptions): CommittedPlan {
  const batchId = plan.intentId;
  return bigWrite(db, () =>
    db
      .transaction((): CommittedPlan => {
        const existing = db.prepare('SELECT 1 FROM batches WHERE id = ?').get(batchId);
        if (existing) {
          return { batchId, created: false, jobIds: jobIdsOfBatch(db, batchId) };
        }
        const intent = options.intent ?? 'user';
        db.prepare(
          'INSERT INTO batches (id, label, created_at, accepted_rows, rejected_rows, intent, repeat_of) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(
          batchId,
          options.label,
          options.now,
          plan.acceptedRows,
          plan.rejected.length,
          intent,
          options.repeatOf ?? null,
        );

        // enqueue()'s own statement, with its idempotency: a job key that is already queued keeps
        // its job and its numbers (they belong to that job's batch).
        const addJob = prepareEnqueue(db);
        const maxAttempts = options.maxAttempts || 8;
        const note = `Planned in batch ${options.label}`;
        const jobIds: number[] = [];
        const idByKey = new Map<string, number>();
        const defined: Array<{ call: PlannedNumbersCall; jobId: number }> = [];
        for (const call of plan.calls) {
          const { id, created } = addJob(
            {
              queue: options.queue,
              task: call.operation,
              jobKey: call.key,
              payload: call,
              maxAttempts,
              intent,
              batchId,
              dependsOn: call.dependsOn.map((key) => idByKey.get(key) as number),
            },
            options.now,
          );
          idByKey.set(call.key, id);
          jobIds.push(id);
          if (!created || !DEFINING_TASKS.has(call.operation)) continue;
          defined.push({ call, jobId: id });
        }
        insertPlannedNumbers(db, defined, { batchId, note, at: options.now });
        options.alsoWrite?.(batchId);
        return { batchId, created: true, jobIds };
      })
      .immediate(),
  );
}

/** Each of these batches' label, by id (the Queue's and Orders' names for their work). */
export function batchLabels(db: Db, ids: readonly string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  const rows = db
    .prepare('SELECT id, label FROM batches WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as Array<{ id: string; label: string }>;
  return new Map(rows.map((r) => [r.id, r.label]));
}

/** Forget every batch (a Sandbox reset), after its numbers and jobs are gone. */
export function clearBatches(db: Db): void {
  db.prepare('DELETE FROM batches').run();
}

/**
 * A deliberate repeat of one planned call (re-issue after a rejected LOA, re-qualify): a NEW intent
 * with a new job key `<old key>~<intent><n>`, recorded as `intent` + `repeat_of`, and — for orders —
 * the new key in `displayName`, so reconciliation never mistakes the old order for the new one.
 * The numbers' state goes back to `planned` with a history entry saying why.
 */
export function repeatPlannedCall(
  db: Db,
  jobId: number,
  options: { intent: string; now: number; note?: string },
): { id: number; jobKey: string } {
  if (!/^[a-z][a-z-]{0,30}$/.test(options.intent)) throw new Error('An intent is a short lower-case word.');
  return db
    .transaction(() => {
      const original = jobRow(db, jobId);
      if (!original) throw new Error(`There is no job ${jobId}.`);
      const previous = repeatCount(db, jobId, options.intent);
      const jobKey = `${original.job_key}~${options.intent}${previous + 1}`;
      const payload = JSON.parse(original.payload) as PlannedCall;
      const repeated: PlannedCall = {
        ...payload,
        key: jobKey,
        dependsOn: [],
        ...(payload.displayName !== undefined ? { displayName: orderDisplayName(jobKey) } : {}),
      };
      const { id } = enqueue(
        db,
        {
          queue: original.queue,
          task: original.task,
          jobKey,
          payload: repeated,
          maxAttempts: original.max_attempts,
          intent: options.intent,
          repeatOf: jobId,
          ...(original.batch_id ? { batchId: original.batch_id } : {}),
        },
        options.now,
      );
      if (DEFINING_TASKS.has(original.task as TaskName))
        setNumberState(db, payload.numbers, 'planned', options.now, {
          jobId: id,
          note: options.note ?? `${options.intent} of job ${jobId}`,
        });
      return { id, jobKey };
    })
    .immediate();
}

export type BatchRow = { id: string; label: string; createdAt: number; acceptedRows: number };

/** Batches newest first, as an offset window (the Queue screen's progress list); `total` for paging. */
export function listBatches(db: Db, window: { offset: number; limit: number }) {
  const total = db.prepare('SELECT count(*) FROM batches').pluck().get() as number;
  const rows = db
    .prepare(
      `SELECT id, label, created_at AS createdAt, accepted_rows AS acceptedRows
         FROM batches ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?`,
    )
    .all(window.limit, window.offset) as BatchRow[];
  return { rows, total };
}
