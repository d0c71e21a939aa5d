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
 * 100,000 numbers must plan and commit in under a second (DESIGN.md "Performance budgets"), so:
 * every statement is prepared once (preparing per call cost more than the inserts themselves);
 * the numbers and their history go in with one set-based statement per call over its numbers
 * (`json_each(?)`), the call's fields bound once instead of extracted per number; and the
 * transaction runs with `bigWrite` (below).
 */
export function commitPlan(db: Db, plan: Plan, options: CommitPlanOptions): CommittedPlan {
  const batchId = plan.intentId;
  return bigWrite(db, () =>
    db
      .transaction((): CommittedPlan => {
        const existing = db.prepare('SELECT 1 FROM batches WHERE id = ?').get(batchId);
        if (existing) {
          const jobIds = db
            .prepare('SELECT id FROM jobs WHERE batch_id = ? ORDER BY id')
            .pluck()
            .all(batchId) as number[];
          return { batchId, created: false, jobIds };
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

        // The same row `enqueue()` writes (job-queue.ts), with its idempotency: a job key that is
        // already queued keeps its job and its numbers (they belong to that job's batch).
        const insertJob = db
          .prepare(
            `INSERT INTO jobs (queue, task, job_key, payload, run_at, max_attempts, intent, batch_id, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (queue, job_key) DO NOTHING
             RETURNING id`,
          )
          .pluck();
        const existingJob = db.prepare('SELECT id FROM jobs WHERE queue = ? AND job_key = ?').pluck();
        const insertDependency = db.prepare(
          'INSERT OR IGNORE INTO job_dependencies (job_id, depends_on) VALUES (?, ?)',
        );
        // Positional parameters: binding by name costs measurably at 20,000 runs. `WHERE true` is
        // SQLite's required disambiguation between an INSERT … SELECT's upsert clause and a join's ON.
        const insertNumbers = db.prepare(
          `INSERT INTO numbers (phone, region, toll_free, state, batch_id, service_plan_id, campaign_id, loa_profile_id, loa_type, updated_at)
           SELECT value, ?, ?, 'planned', ?, ?, ?, ?, ?, ?
           FROM json_each(?) WHERE true
           ON CONFLICT (phone) DO UPDATE SET state = 'planned', batch_id = excluded.batch_id,
             service_plan_id = excluded.service_plan_id, campaign_id = excluded.campaign_id,
             loa_profile_id = excluded.loa_profile_id, loa_type = excluded.loa_type, updated_at = excluded.updated_at`,
        );
        const insertHistory = db.prepare(
          `INSERT INTO number_states (phone, at, state, job_id, note)
           SELECT value, ?, 'planned', ?, ? FROM json_each(?)`,
        );
        const maxAttempts = options.maxAttempts || 8;
        const note = `Planned in batch ${options.label}`;
        const jobIds: number[] = [];
        const idByKey = new Map<string, number>();
        for (const call of plan.calls) {
          const inserted = insertJob.get(
            options.queue,
            call.operation,
            call.key,
            JSON.stringify(call),
            options.now,
            maxAttempts,
            intent,
            batchId,
            options.now,
            options.now,
          ) as number | undefined;
          const id = inserted ?? (existingJob.get(options.queue, call.key) as number);
          idByKey.set(call.key, id);
          jobIds.push(id);
          if (inserted === undefined) continue;
          for (const key of call.dependsOn) insertDependency.run(id, idByKey.get(key) as number);
          if (!DEFINING_TASK_LIST.includes(call.operation)) continue;
          const numbers = JSON.stringify(call.numbers);
          insertNumbers.run(
            call.regionCode ?? null,
            call.tollFree ? 1 : 0,
            batchId,
            call.servicePlanId ?? null,
            call.campaignId ?? null,
            call.loaProfileId ?? null,
            call.loaType ?? null,
            options.now,
            numbers,
          );
          insertHistory.run(options.now, id, note, numbers);
        }
        return { batchId, created: true, jobIds };
      })
      .immediate(),
  );
}

/**
 * One large write transaction (tens of MB of encrypted pages), tuned for this connection only while
 * it runs:
 * - `cache_spill = OFF`: dirty pages stay in memory until COMMIT instead of being encrypted and
 *   written to the WAL mid-transaction and then again at commit (the cache grows by about the size of
 *   the write, ~30 MB for 100,000 numbers, and shrinks back after).
 * - `wal_autocheckpoint = 0`: the COMMIT (WAL append + fsync, synchronous=FULL) is what makes the batch
 *   durable; SQLite would otherwise copy the whole WAL back into the database file inside that same
 *   COMMIT (decrypt + re-encrypt every page, ~0.3 s for 100k). With the setting restored, the next
 *   commit on this connection folds the WAL in as usual (a PASSIVE checkpoint, as before).
 */
function bigWrite<T>(db: Db, write: () => T): T {
  if (db.inTransaction) return write();
  // 0 = off, else the spill threshold in pages; ON/OFF toggle the flag and leave the threshold alone
  const spill = (db.pragma('cache_spill', { simple: true }) as number) !== 0;
  const autocheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('cache_spill = OFF');
  db.pragma('wal_autocheckpoint = 0');
  try {
    return write();
  } finally {
    db.pragma(`cache_spill = ${spill ? 'ON' : 'OFF'}`);
    db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
  }
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
