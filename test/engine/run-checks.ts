import type { RunningSimulator } from '../../electron/sandbox';
import type { Db } from '../../electron/core/store/database';
import { createRequestsByNumber, IMPORT_OPERATIONS, TEXT_ENABLE_OPERATIONS } from './simulator';
import type { Workload } from './workload';

/**
 * What "the run completed with no job lost and nothing sent twice" means, checked from two sides:
 * the engine's database (jobs, per-number states, history, audit) and the simulator's own
 * create-request report, which counts every create request per number, refused ones included.
 */

/** Jobs not finished and not blocked for good by a failed dependency (what the engine still owes). */
export function unfinishedJobs(db: Db): number {
  return db
    .prepare(
      `SELECT count(*) FROM jobs j WHERE j.state IN ('pending', 'running', 'waiting_remote')
         AND NOT EXISTS (SELECT 1 FROM job_dependencies d JOIN jobs dj ON dj.id = d.depends_on
                         WHERE d.job_id = j.id AND dj.state IN ('failed', 'dead', 'cancelled'))`,
    )
    .pluck()
    .get() as number;
}

/** The earliest moment something becomes runnable (a job's run_at or the end of a 429 pause), or null. */
export function nextDue(db: Db): number | null {
  const run = db
    .prepare(
      `SELECT min(j.run_at) FROM jobs j WHERE j.state IN ('pending', 'waiting_remote')
         AND NOT EXISTS (SELECT 1 FROM job_dependencies d JOIN jobs dj ON dj.id = d.depends_on
                         WHERE d.job_id = j.id AND dj.state <> 'done')`,
    )
    .pluck()
    .get() as number | null;
  const pause = db.prepare('SELECT max(until) FROM queue_pauses').pluck().get() as number | null;
  if (run === null) return null;
  return pause !== null && pause > run ? pause : run;
}

export function jobStates(db: Db): Record<string, number> {
  const rows = db.prepare('SELECT state, count(*) AS n FROM jobs GROUP BY state').all() as Array<{
    state: string;
    n: number;
  }>;
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

export type RunVerdict = {
  /** planned numbers that did not reach their final state, plus jobs that are not done */
  lost: number;
  notDoneJobs: Array<{ key: string; state: string }>;
  unfinishedNumbers: Array<{ phone: string; state: string }>;
  /** numbers with exactly one create request */
  sentOnce: number;
  /** second (or later) sends that a reconciliation read justifies: the earlier request never landed */
  resentAfterReconciliation: number;
  /** every other extra create request: the failure the issue forbids */
  duplicateCreates: number;
  duplicates: Array<{ phone: string; requests: string[] }>;
  /** numbers the simulator never received */
  neverSent: string[];
};

/**
 * Judge a finished run. Final states: an imported number is `imported`, a text-enabled one `hosted`
 * (electron/core/sync/remote-state.ts), and every job `done`.
 *
 * Per number (simulator side): one create request is the rule. More are allowed only when every
 * request before the single ACCEPTED one was refused (so it never landed) AND the job carrying the
 * number made a reconciliation read (a GET tagged with its key in the audit log, between its first
 * and last recorded intent) — i.e. a second send happened only because a read found the number
 * missing — or those refusals were the simulator's before-processing faults (429, 503, expired
 * token) that the client retries by design. Two ACCEPTED requests, or anything sent after the
 * ACCEPTED one, is a duplicate.
 */
export function judgeRun(db: Db, sim: RunningSimulator, work: Workload): RunVerdict {
  const notDoneJobs = db
    .prepare(`SELECT job_key AS key, state FROM jobs WHERE state <> 'done'`)
    .all() as Array<{
    key: string;
    state: string;
  }>;
  const localState = new Map(
    (db.prepare('SELECT phone, state FROM numbers').all() as Array<{ phone: string; state: string }>).map(
      (r) => [r.phone, r.state],
    ),
  );
  const unfinishedNumbers: Array<{ phone: string; state: string }> = [];
  for (const phone of work.toImport)
    if (localState.get(phone) !== 'imported')
      unfinishedNumbers.push({ phone, state: localState.get(phone) ?? '-' });
  for (const phone of work.toTextEnable)
    if (localState.get(phone) !== 'hosted')
      unfinishedNumbers.push({ phone, state: localState.get(phone) ?? '-' });

  // A reconciliation read of a job: a GET tagged with its key, made after its first intent was recorded
  // and no later than its last one (audit and history share the engine's clock).
  const readBetweenIntents = db.prepare(
    `SELECT 1 FROM jobs j
       JOIN job_attempts first ON first.job_id = j.id AND first.phase = 'intent'
       JOIN job_attempts last ON last.job_id = j.id AND last.phase = 'intent' AND last.id > first.id
       JOIN audit_log a ON a.job = j.job_key AND a.method = 'GET' AND a.at >= first.at AND a.at <= last.at
     WHERE j.job_key = ? LIMIT 1`,
  );
  const reconciledBeforeResend = (key: string) => readBetweenIntents.get(key) !== undefined;
  /** refused before the request was processed, and retried by the client as the API allows (§3.6, §2.2) */
  const refusedUnprocessed = (r: { outcome: string; reason?: string | undefined; httpStatus: number }) =>
    r.outcome === 'REFUSED' &&
    (r.reason?.startsWith('fault:') ?? false) &&
    [401, 429, 503].includes(r.httpStatus);
  // Which jobs carry a number: read from the job payloads (the planner's calls), as the store does.
  const jobsByNumber = new Map<string, string[]>();
  for (const row of db.prepare(`SELECT job_key AS key, payload FROM jobs`).all() as Array<{
    key: string;
    payload: string;
  }>) {
    const numbers = (JSON.parse(row.payload) as { numbers?: unknown }).numbers;
    if (!Array.isArray(numbers)) continue;
    for (const n of numbers)
      if (typeof n === 'string') jobsByNumber.set(n, [...(jobsByNumber.get(n) ?? []), row.key]);
  }

  const requests = createRequestsByNumber(sim);
  let sentOnce = 0;
  let resentAfterReconciliation = 0;
  let duplicateCreates = 0;
  const duplicates: RunVerdict['duplicates'] = [];
  const neverSent: string[] = [];
  const check = (phone: string, ops: ReadonlySet<string>) => {
    const mine = (requests.get(phone) ?? []).filter((r) => ops.has(r.operation));
    if (mine.length === 0) {
      neverSent.push(phone);
      return;
    }
    if (mine.length === 1) {
      sentOnce++;
      return;
    }
    const acceptedAt = mine.findIndex((r) => r.outcome === 'ACCEPTED');
    const accepted = mine.filter((r) => r.outcome === 'ACCEPTED').length;
    const keys = jobsByNumber.get(phone) ?? [];
    const readFirst = keys.some(reconciledBeforeResend);
    // Justified: one ACCEPTED request, last; every earlier one refused (it never landed), and either
    // the job read the remote state between its sends (reconciliation found it missing) or the
    // refusal came before processing (429 / 503 / expired token) and the client simply retried.
    const earlier = mine.slice(0, -1);
    const justified =
      accepted === 1 &&
      acceptedAt === mine.length - 1 &&
      earlier.every((r) => r.outcome === 'REFUSED') &&
      (readFirst || earlier.every(refusedUnprocessed));
    if (justified) resentAfterReconciliation += mine.length - 1;
    else {
      duplicateCreates += Math.max(1, mine.length - 1);
      duplicates.push({
        phone,
        requests: mine.map(
          (r) => `${r.operation} ${r.outcome} ${r.httpStatus}${r.reason ? ` ${r.reason}` : ''}`,
        ),
      });
    }
  };
  for (const phone of work.toImport) check(phone, IMPORT_OPERATIONS);
  for (const phone of work.toTextEnable) check(phone, TEXT_ENABLE_OPERATIONS);

  return {
    lost: unfinishedNumbers.length + notDoneJobs.length,
    notDoneJobs,
    unfinishedNumbers,
    sentOnce,
    resentAfterReconciliation,
    duplicateCreates,
    duplicates,
    neverSent,
  };
}
