import { orderDisplayName, type Plan, type PlannedCall } from '../../../shared/domain/planner';
import type { Db } from '../store/database';
import { setNumberState } from '../store/numbers';
import { enqueue } from './job-queue';

export type CommitPlanOptions = {
  /** the queue = the project the jobs send to (a 429 pauses it as a whole) */
  queue: string;
  label: string;
  now: number;
  maxAttempts?: number;
  /** a deliberate repeat of an earlier batch (re-issue after a rejected LOA, re-qualify) */
  intent?: string;
  repeatOf?: string;
};

export type CommittedPlan = { batchId: string; created: boolean; jobIds: number[] };

/**
 * Plan → jobs, in ONE transaction with the domain rows (DESIGN.md "Store and queue"): the batch,
 * one row per number (state `planned` + its first history entry), one job per planned call with its
 * dependencies (the job's payload is the planned call, numbers included). The batch id is the plan's intent id, so
 * committing the same plan twice is a no-op that returns the existing jobs.
 *
 * Kept to prepared statements in one pass: 100,000 numbers must plan and commit in under a second.
 */
export function commitPlan(db: Db, plan: Plan, options: CommitPlanOptions): CommittedPlan {
  const batchId = plan.intentId;
  return db
    .transaction((): CommittedPlan => {
      const existing = db.prepare('SELECT 1 FROM batches WHERE id = ?').get(batchId);
      if (existing) {
        const jobIds = db
          .prepare('SELECT id FROM jobs WHERE batch_id = ? ORDER BY id')
          .pluck()
          .all(batchId) as number[];
        return { batchId, created: false, jobIds };
      }
      db.prepare(
        'INSERT INTO batches (id, label, created_at, accepted_rows, rejected_rows, intent, repeat_of) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(
        batchId,
        options.label,
        options.now,
        plan.acceptedRows,
        plan.rejected.length,
        options.intent ?? 'user',
        options.repeatOf ?? null,
      );

      const jobIds: number[] = [];
      const idByKey = new Map<string, number>();
      for (const call of plan.calls) {
        const { id } = enqueue(
          db,
          {
            queue: options.queue,
            task: call.operation,
            jobKey: call.key,
            payload: call,
            dependsOn: call.dependsOn.map((key) => idByKey.get(key) as number),
            intent: options.intent ?? 'user',
            batchId,
            ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
          },
          options.now,
        );
        idByKey.set(call.key, id);
        jobIds.push(id);
      }
      // The per-number rows are derived from the job payloads inside SQLite (json_each): one statement
      // each instead of 100,000 round trips from JavaScript, which is what keeps 100k under a second.
      const params = { batchId, now: options.now, note: `Planned in batch ${options.label}` };
      db.prepare(
        `INSERT INTO numbers (phone, region, toll_free, state, batch_id, service_plan_id, campaign_id, loa_profile_id, loa_type, updated_at)
         SELECT n.value, j.payload ->> 'regionCode', j.payload ->> 'tollFree', 'planned', j.batch_id,
                j.payload ->> 'servicePlanId', j.payload ->> 'campaignId', j.payload ->> 'loaProfileId', j.payload ->> 'loaType', @now
         FROM jobs j, json_each(j.payload, '$.numbers') n
         WHERE j.batch_id = @batchId AND j.task IN (${DEFINING_TASKS})
         ON CONFLICT (phone) DO UPDATE SET state = 'planned', batch_id = excluded.batch_id,
           service_plan_id = excluded.service_plan_id, campaign_id = excluded.campaign_id,
           loa_profile_id = excluded.loa_profile_id, loa_type = excluded.loa_type, updated_at = excluded.updated_at`,
      ).run(params);
      db.prepare(
        `INSERT INTO number_states (phone, at, state, job_id, note)
         SELECT n.value, @now, 'planned', j.id, @note
         FROM jobs j, json_each(j.payload, '$.numbers') n
         WHERE j.batch_id = @batchId AND j.task IN (${DEFINING_TASKS})`,
      ).run(params);
      return { batchId, created: true, jobIds };
    })
    .immediate();
}

/**
 * The calls that define a number's row: its import, text-enable or link call. Qualify and unlink
 * calls carry numbers whose row comes from that defining call (qualify has no region).
 */
const DEFINING_TASK_LIST: readonly string[] = [
  'importNumber',
  'importNumbersOrder',
  'textEnableNumbers',
  'textEnableTollFreeNumbers',
  'linkNumber',
];
const DEFINING_TASKS = DEFINING_TASK_LIST.map((t) => `'${t}'`).join(', ');

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
      const original = db.prepare('SELECT * FROM jobs WHERE id = ?').get(jobId) as
        | {
            queue: string;
            task: string;
            job_key: string;
            payload: string;
            max_attempts: number;
            batch_id: string | null;
          }
        | undefined;
      if (!original) throw new Error(`There is no job ${jobId}.`);
      const previous = db
        .prepare('SELECT count(*) FROM jobs WHERE repeat_of = ? AND intent = ?')
        .pluck()
        .get(jobId, options.intent) as number;
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
      if (DEFINING_TASK_LIST.includes(original.task))
        setNumberState(db, payload.numbers, 'planned', options.now, {
          jobId: id,
          note: options.note ?? `${options.intent} of job ${jobId}`,
        });
      return { id, jobKey };
    })
    .immediate();
}
