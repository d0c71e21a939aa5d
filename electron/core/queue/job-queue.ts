import { randomUUID } from 'node:crypto';
import { DeskFailure } from '../../../shared/contract';
import { type Db, immediate } from '../store/database';
import {
  DEFAULT_BACKOFF,
  DEFAULT_RATE_LIMIT_PAUSE_MS,
  isRetryableStatus,
  retryDelayMs,
  type BackoffPolicy,
} from './backoff';
import { JOB_STATES } from '../../../shared/contract/jobs';
import type { TaskName } from '../../../shared/domain/tasks';

// The vocabulary is the contract's (shared/contract/jobs.ts): one list for engine and renderer.
export { JOB_STATES };
export type JobState = (typeof JOB_STATES)[number];

/** What a caller asks to be done. `jobKey` is the idempotency key of the user intent. */
export type JobSpec = {
  queue: string;
  task: string;
  jobKey: string;
  payload?: unknown;
  /** epoch ms; defaults to now */
  runAt?: number;
  maxAttempts?: number;
  /** ids of jobs that must be `done` first */
  dependsOn?: readonly number[];
  /** 'user' for a first intent; a deliberate repeat says what it is ('reissue', 'requalify', …) */
  intent?: string;
  /** the job this one deliberately repeats */
  repeatOf?: number;
  batchId?: string;
};

export type JobRow = {
  id: number;
  queue: string;
  task: string;
  job_key: string;
  payload: string;
  state: JobState;
  run_at: number;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_at: number | null;
  lease_token: string | null;
  lease_expires_at: number | null;
  remote_wait: string | null;
  last_error: string | null;
  result: string | null;
  intent: string;
  repeat_of: number | null;
  batch_id: string | null;
  created_at: number;
  updated_at: number;
};

export type AttemptRow = {
  id: number;
  job_id: number;
  attempt: number;
  phase: 'intent' | 'response' | 'note';
  at: number;
  worker: string | null;
  summary: string;
  outcome: string | null;
  http_status: number | null;
};

/**
 * A claim on one job. `mode` says why it was handed out: `send` (a new attempt at the request) or
 * `poll` (the job waits for a remote condition and it is time to look). `unresolvedIntent` is true
 * when an earlier attempt recorded "intent" but never "response": the request may have landed, so
 * the worker must reconcile (read the remote state) before sending again.
 */
export type Lease = {
  jobId: number;
  token: string;
  workerId: string;
  mode: 'send' | 'poll';
  attempt: number;
  task: string;
  queue: string;
  jobKey: string;
  payload: unknown;
  remoteWait: unknown;
  unresolvedIntent: boolean;
  expiresAt: number;
};

/** How a send went wrong, as the Sinch client reports it. `status` absent = network error/timeout. */
export type SendFailure = {
  message: string;
  status?: number;
  retryAfterMs?: number;
  /** the API's field violations etc., kept for the UI */
  details?: unknown;
};

export type FinishOutcome =
  | { ok: true; state: JobState; runAt: number }
  | { ok: false; reason: 'lease-lost' };

export type QueueOptions = {
  workerId?: string;
  clock?: { now(): number };
  leaseMs?: number;
  random?: () => number;
  backoff?: BackoffPolicy;
  defaultMaxAttempts?: number;
  /** called after every change with the ids it touched (the engine turns it into `jobs.changed`) */
  onChange?: (ids: number[], queue: JobQueue) => void;
};

export const DEFAULT_LEASE_MS = 2 * 60_000;

/**
 * Add a job inside the caller's transaction (DESIGN.md: "enqueue in the same transaction as the
 * domain rows"). Idempotent per (queue, job_key): the same intent enqueued twice is one job.
 */
export function enqueue(
  db: Db,
  spec: JobSpec,
  now: number,
  defaultMaxAttempts = 8,
): { id: number; created: boolean } {
  return prepareEnqueue(db, defaultMaxAttempts)(spec, now);
}

/**
 * `enqueue` with its statements prepared once, for callers that add thousands of jobs in one
 * transaction (commitPlan: preparing per call cost more than the inserts themselves). Positional
 * parameters: binding by name costs measurably at 20,000 runs.
 */
export function prepareEnqueue(
  db: Db,
  defaultMaxAttempts = 8,
): (spec: JobSpec, now: number) => { id: number; created: boolean } {
  const insert = db.prepare(
    `INSERT INTO jobs (queue, task, job_key, payload, run_at, max_attempts, intent, repeat_of, batch_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (queue, job_key) DO NOTHING`,
  );
  const existing = db.prepare('SELECT id FROM jobs WHERE queue = ? AND job_key = ?').pluck();
  const dependency = db.prepare('INSERT OR IGNORE INTO job_dependencies (job_id, depends_on) VALUES (?, ?)');
  return (spec, now) => {
    if (!db.inTransaction)
      throw new Error('enqueue() must run inside the transaction that writes the domain rows.');
    // run() + changes rather than RETURNING: RETURNING buffers its rows in a temporary table, a
    // measurable cost at 10,000 jobs a plan
    const { changes, lastInsertRowid } = insert.run(
      spec.queue,
      spec.task,
      spec.jobKey,
      JSON.stringify(spec.payload ?? {}),
      spec.runAt ?? now,
      spec.maxAttempts ?? defaultMaxAttempts,
      spec.intent ?? 'user',
      spec.repeatOf ?? null,
      spec.batchId ?? null,
      now,
      now,
    );
    if (changes === 0) return { id: existing.get(spec.queue, spec.jobKey) as number, created: false };
    const inserted = Number(lastInsertRowid);
    for (const d of spec.dependsOn ?? []) dependency.run(inserted, d);
    return { id: inserted, created: true };
  };
}

export const jobRow = (db: Db, jobId: number): JobRow | null =>
  (db.prepare('SELECT * FROM jobs WHERE id = ?').get(jobId) as JobRow | undefined) ?? null;

/**
 * Forget every job, its history and dependencies, and every 429 pause (a Sandbox reset). Inside the
 * caller's transaction, after the rows that reference jobs are gone.
 */
export function clearJobs(db: Db): void {
  db.prepare('DELETE FROM job_attempts').run();
  db.prepare('DELETE FROM job_dependencies').run();
  db.prepare('DELETE FROM jobs').run();
  db.prepare('DELETE FROM queue_pauses').run();
}

/** The jobs of a batch, in plan order. */
export const jobIdsOfBatch = (db: Db, batchId: string): number[] =>
  db.prepare('SELECT id FROM jobs WHERE batch_id = ? ORDER BY id').pluck().all(batchId) as number[];

/** How many jobs deliberately repeat `jobId` with this intent (the next repeat's number). */
export const repeatCount = (db: Db, jobId: number, intent: string): number =>
  db
    .prepare('SELECT count(*) FROM jobs WHERE repeat_of = ? AND intent = ?')
    .pluck()
    .get(jobId, intent) as number;

/** Jobs in these states will still read their payload when they send. */
const UNFINISHED_SQL = `('pending', 'running', 'waiting_remote')`;

/** Unfinished jobs (at most `limit`) whose payload names this saved LOA profile. */
export const unfinishedJobsWithLoaProfile = (db: Db, profileId: string, limit: number): number[] =>
  db
    .prepare(
      `SELECT id FROM jobs WHERE state IN ${UNFINISHED_SQL} AND payload ->> '$.loaProfileId' = ? ORDER BY id LIMIT ?`,
    )
    .pluck()
    .all(profileId, limit) as number[];

/**
 * Jobs not yet sent whose payload names one of these LOA ids (electron/core/loa/job-copies.ts): waiting
 * or ready (`pending`, `waiting_remote`) and no send ever attempted (no intent recorded). A leased
 * (`running`) job or one whose request may have gone out keeps the LOA it has.
 */
export const unsentJobsNamingLoa = (
  db: Db,
  loaIds: readonly string[],
): Array<{ id: number; loaId: string; numbers: number }> =>
  db
    .prepare(
      `SELECT j.id, j.payload ->> '$.loaProfileId' AS loaId, json_array_length(j.payload, '$.numbers') AS numbers
       FROM jobs j
       WHERE j.state IN ('pending', 'waiting_remote')
         AND j.payload ->> '$.loaProfileId' IN (SELECT value FROM json_each(?))
         AND NOT EXISTS (SELECT 1 FROM job_attempts a WHERE a.job_id = j.id AND a.phase = 'intent')
       ORDER BY j.id`,
    )
    .all(JSON.stringify(loaIds)) as Array<{ id: number; loaId: string; numbers: number }>;

/** The numbers a job carries, in the order the plan gave them (at most `limit`). */
export const numbersOfJob = (db: Db, jobId: number, limit = -1): string[] =>
  db
    .prepare(
      `SELECT n.value FROM jobs j, json_each(j.payload, '$.numbers') n WHERE j.id = ? ORDER BY n.key LIMIT ?`,
    )
    .pluck()
    .all(jobId, limit) as string[];

/**
 * Every number carried by a job of one of `tasks` that is not dead or cancelled, as
 * `[task, state, phone]` (intake's "what does the workspace hold": electron/core/intake).
 */
export const numbersOfLiveJobs = (
  db: Db,
  tasks: readonly TaskName[],
): IterableIterator<[TaskName, JobState, string]> =>
  db
    .prepare(
      `SELECT j.task, j.state, n.value FROM jobs j, json_each(j.payload, '$.numbers') n
       WHERE j.task IN (SELECT value FROM json_each(?)) AND j.state NOT IN ('dead', 'cancelled')`,
    )
    .raw()
    .iterate(JSON.stringify(tasks)) as IterableIterator<[TaskName, JobState, string]>;

/**
 * The durable job queue of one workspace database. Every state change is a compare-and-swap inside
 * `BEGIN IMMEDIATE`; a worker can finish a job only while its lease token is still the job's.
 * Two JobQueue instances over two connections to the same file behave as two workers.
 */
export class JobQueue {
  readonly workerId: string;
  private readonly now: () => number;
  private readonly leaseMs: number;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  readonly defaultMaxAttempts: number;
  private readonly onChangeListener: (ids: number[], queue: JobQueue) => void;

  constructor(
    private readonly db: Db,
    options: QueueOptions = {},
  ) {
    this.workerId = options.workerId ?? `engine-${process.pid}-${randomUUID().slice(0, 8)}`;
    const clock = options.clock ?? { now: () => Date.now() };
    this.now = () => clock.now();
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.random = options.random ?? Math.random;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.defaultMaxAttempts = options.defaultMaxAttempts ?? 8;
    this.onChangeListener = options.onChange ?? (() => {});
  }

  /** Convenience for a job with no domain rows of its own; opens its own transaction. */
  add(spec: JobSpec): { id: number; created: boolean } {
    const result = immediate(this.db, () => enqueue(this.db, spec, this.now(), this.defaultMaxAttempts));
    if (result.created) this.onChange([result.id]);
    return result;
  }

  /** Tell the queue that rows were enqueued by someone else's transaction (e.g. commitPlan). */
  notify(ids: number[]): void {
    if (ids.length) this.onChange(ids);
  }

  private onChange(ids: number[]): void {
    // jobs a transaction stopped or revived on the side (dependents) change too
    const all = this.touched.length ? [...new Set([...ids, ...this.touched.splice(0)])] : ids;
    this.onChangeListener(all, this);
  }
  /** dependents stopped or revived inside the current transaction, reported with its change */
  private readonly touched: number[] = [];

  /**
   * Defect 1 of issue 9: a job whose dependency will not finish (failed, dead, cancelled) must not
   * wait for ever. Every job depending on it, transitively, that has not started is cancelled with
   * the reason, so the user sees why it stopped; `retry` of the dependency brings them back.
   * Runs inside the caller's transaction.
   */
  private stopDependents(job: JobRow, why: string): void {
    const rows = this.db
      .prepare(
        `WITH RECURSIVE after(id) AS (
           SELECT job_id FROM job_dependencies WHERE depends_on = ?
           UNION SELECT d.job_id FROM job_dependencies d JOIN after a ON d.depends_on = a.id)
         SELECT j.* FROM jobs j JOIN after a ON a.id = j.id WHERE j.state = 'pending'`,
      )
      .all(job.id) as JobRow[];
    const now = this.now();
    const message = `Stopped because job ${job.id} ${why}. Retry job ${job.id} and this job runs again.`;
    const error = JSON.stringify({ message, status: null, details: { stoppedBy: job.id } });
    for (const row of rows) {
      this.db
        .prepare(
          `UPDATE jobs SET state = 'cancelled', last_error = ?, updated_at = ? WHERE id = ? AND state = 'pending'`,
        )
        .run(error, now, row.id);
      this.history(row.id, row.attempts, 'note', message, 'dependency-stopped', null);
      this.touched.push(row.id);
    }
  }

  /** The jobs `stopDependents` cancelled because of this one come back when it is retried. */
  private reviveDependents(jobId: number): void {
    const rows = this.db
      .prepare(
        `WITH RECURSIVE after(id) AS (
           SELECT job_id FROM job_dependencies WHERE depends_on = ?
           UNION SELECT d.job_id FROM job_dependencies d JOIN after a ON d.depends_on = a.id)
         SELECT j.* FROM jobs j JOIN after a ON a.id = j.id
         WHERE j.state = 'cancelled'
           AND (SELECT outcome FROM job_attempts h WHERE h.job_id = j.id ORDER BY h.id DESC LIMIT 1) = 'dependency-stopped'`,
      )
      .all(jobId) as JobRow[];
    const now = this.now();
    for (const row of rows) {
      this.db
        .prepare(
          `UPDATE jobs SET state = 'pending', last_error = NULL, run_at = ?, updated_at = ? WHERE id = ?`,
        )
        .run(now, now, row.id);
      this.history(
        row.id,
        row.attempts,
        'note',
        `Job ${jobId} was retried: this job runs again after it.`,
        'revived',
        null,
      );
      this.touched.push(row.id);
    }
  }

  /**
   * Claim the next runnable job: due, every dependency done, its queue not paused by a 429.
   * Returns null when nothing is runnable now.
   */
  claim(options: { queues?: readonly string[]; tasks?: readonly string[] } = {}): Lease | null {
    const now = this.now();
    const lease = immediate(this.db, () => {
      const filters: string[] = [];
      const params: unknown[] = [now, now];
      if (options.queues?.length) {
        filters.push(`AND j.queue IN (${options.queues.map(() => '?').join(',')})`);
        params.push(...options.queues);
      }
      if (options.tasks?.length) {
        filters.push(`AND j.task IN (${options.tasks.map(() => '?').join(',')})`);
        params.push(...options.tasks);
      }
      const row = this.db
        .prepare(
          `SELECT j.* FROM jobs j
           WHERE j.state IN ('pending', 'waiting_remote') AND j.run_at <= ?
             AND NOT EXISTS (SELECT 1 FROM queue_pauses p WHERE p.queue = j.queue AND p.until > ?)
             AND NOT EXISTS (SELECT 1 FROM job_dependencies d JOIN jobs dj ON dj.id = d.depends_on
                             WHERE d.job_id = j.id AND dj.state <> 'done')
             ${filters.join(' ')}
           ORDER BY j.run_at, j.id LIMIT 1`,
        )
        .get(...params) as JobRow | undefined;
      if (!row) return null;
      const mode = row.state === 'pending' ? 'send' : 'poll';
      const token = randomUUID();
      const expiresAt = now + this.leaseMs;
      const changed = this.db
        .prepare(
          `UPDATE jobs SET state = 'running', attempts = attempts + ?, locked_by = ?, locked_at = ?,
             lease_token = ?, lease_expires_at = ?, updated_at = ?
           WHERE id = ? AND state = ? AND lease_token IS ?`,
        )
        .run(
          mode === 'send' ? 1 : 0,
          this.workerId,
          now,
          token,
          expiresAt,
          now,
          row.id,
          row.state,
          row.lease_token,
        );
      if (changed.changes !== 1) return null;
      const attempt = mode === 'send' ? row.attempts + 1 : row.attempts;
      return {
        jobId: row.id,
        token,
        workerId: this.workerId,
        mode,
        attempt,
        task: row.task,
        queue: row.queue,
        jobKey: row.job_key,
        payload: JSON.parse(row.payload) as unknown,
        remoteWait: row.remote_wait === null ? null : (JSON.parse(row.remote_wait) as unknown),
        unresolvedIntent: this.hasUnresolvedIntent(row.id),
        expiresAt,
      } satisfies Lease;
    });
    if (lease) this.onChange([lease.jobId]);
    return lease;
  }

  /** Extend a lease during a long request; false if the lease is no longer ours. */
  heartbeat(lease: Lease): boolean {
    const now = this.now();
    const changed = this.db
      .prepare(`UPDATE jobs SET lease_expires_at = ? WHERE id = ? AND lease_token = ? AND state = 'running'`)
      .run(now + this.leaseMs, lease.jobId, lease.token).changes;
    if (changed === 1) lease.expiresAt = now + this.leaseMs;
    return changed === 1;
  }

  /**
   * "Intent recorded": write (and commit) what is about to be sent BEFORE the request leaves, so that
   * after a crash reconciliation knows a send may have landed. False if the lease was lost — then
   * do not send.
   */
  recordIntent(lease: Lease, requestSummary: string): boolean {
    return immediate(this.db, () => {
      if (!this.stillOurs(lease)) return false;
      this.history(lease.jobId, lease.attempt, 'intent', requestSummary, null, null);
      return true;
    });
  }

  /** The request succeeded (or the remote condition was met): the job is done. */
  complete(lease: Lease, outcome: { summary: string; status?: number; result?: unknown }): FinishOutcome {
    return this.finish(lease, () => {
      const now = this.now();
      this.db
        .prepare(
          `UPDATE jobs SET state = 'done', result = ?, remote_wait = NULL, last_error = NULL, ${CLEAR_LEASE}, updated_at = ?
           WHERE id = ?`,
        )
        .run(outcome.result === undefined ? null : JSON.stringify(outcome.result), now, lease.jobId);
      this.history(lease.jobId, lease.attempt, 'response', outcome.summary, 'done', outcome.status ?? null);
      return { ok: true, state: 'done', runAt: now };
    });
  }

  /**
   * The send (or poll) failed. Network errors, 408, 429 and 5xx are retried with full-jitter backoff
   * (`Retry-After` wins) until `max_attempts`, then the job is DEAD; other 4xx fail it at once.
   * A 429 also pauses the whole queue (= the project) until `Retry-After`, stored in `queue_pauses`
   * so the pause survives a restart; the 429'd attempt is not counted against `max_attempts`.
   */
  fail(lease: Lease, failure: SendFailure): FinishOutcome {
    return this.finish(lease, (row) => {
      const now = this.now();
      const error = JSON.stringify({
        message: failure.message,
        status: failure.status ?? null,
        details: failure.details ?? null,
      });
      let state: JobState;
      let runAt = now;
      let attempts = row.attempts;
      let outcome: string;
      if (failure.status === 429) {
        const until = now + (failure.retryAfterMs ?? DEFAULT_RATE_LIMIT_PAUSE_MS);
        this.pauseQueue(row.queue, until, 'The API answered 429 Too Many Requests.');
        if (lease.mode === 'send') attempts = Math.max(0, attempts - 1);
        state = lease.mode === 'poll' ? 'waiting_remote' : 'pending';
        runAt = until;
        outcome = 'rate-limited';
      } else if (lease.mode === 'poll' && isRetryableStatus(failure.status)) {
        // A failed poll is only a missed look: keep waiting, try again later.
        state = 'waiting_remote';
        runAt = now + retryDelayMs(1, failure.retryAfterMs, this.random, this.backoff);
        outcome = 'poll-failed';
      } else if (isRetryableStatus(failure.status)) {
        if (row.attempts >= row.max_attempts) {
          state = 'dead';
          outcome = 'dead';
        } else {
          state = 'pending';
          runAt = now + retryDelayMs(row.attempts, failure.retryAfterMs, this.random, this.backoff);
          outcome = 'retry';
        }
      } else {
        state = 'failed';
        outcome = 'failed';
      }
      this.db
        .prepare(
          `UPDATE jobs SET state = ?, run_at = ?, attempts = ?, last_error = ?, ${CLEAR_LEASE}, updated_at = ? WHERE id = ?`,
        )
        .run(state, runAt, attempts, error, now, lease.jobId);
      this.history(lease.jobId, lease.attempt, 'response', failure.message, outcome, failure.status ?? null);
      if (state === 'failed') this.stopDependents(row, `failed: ${failure.message}`);
      if (state === 'dead')
        this.stopDependents(row, `gave up after ${row.attempts} attempts: ${failure.message}`);
      return { ok: true, state, runAt };
    });
  }

  /**
   * The request landed (or is known to have landed) and the job now waits for a remote condition,
   * e.g. a qualified number reaching ELIGIBLE. It is handed out again in `poll` mode at `run_at`.
   */
  waitRemote(
    lease: Lease,
    wait: { condition: unknown; pollAfterMs: number; summary: string; status?: number },
  ): FinishOutcome {
    return this.finish(lease, () => {
      const now = this.now();
      const runAt = now + wait.pollAfterMs;
      this.db
        .prepare(
          `UPDATE jobs SET state = 'waiting_remote', remote_wait = ?, run_at = ?, ${CLEAR_LEASE}, updated_at = ? WHERE id = ?`,
        )
        .run(JSON.stringify(wait.condition ?? null), runAt, now, lease.jobId);
      this.history(
        lease.jobId,
        lease.attempt,
        lease.mode === 'poll' ? 'note' : 'response',
        wait.summary,
        'waiting',
        wait.status ?? null,
      );
      return { ok: true, state: 'waiting_remote', runAt };
    });
  }

  /**
   * Crash recovery, once at engine start before any worker claims: every lease not held by this
   * worker belongs to a dead engine (one engine per data directory) and is reclaimed; so is any
   * expired lease. A reclaimed job whose attempts are used up becomes DEAD — unless one of its
   * requests may have landed (it recorded an intent): then the cut-short attempt is not counted and
   * the job gets one more attempt, which reconciles (reads remote state) before anything is re-sent.
   * Otherwise work Sinch did would end as a dead job with its numbers stuck in `planned`.
   */
  recover(): number[] {
    return this.reclaim(true);
  }

  /** Reclaim leases whose holder stopped heart-beating (a stuck worker). Safe to call periodically. */
  reclaimExpired(): number[] {
    return this.reclaim(false);
  }

  private reclaim(includeForeign: boolean): number[] {
    const now = this.now();
    const ids = immediate(this.db, () => {
      const rows = this.db
        .prepare(
          `SELECT * FROM jobs WHERE state = 'running' AND (lease_expires_at <= ? ${includeForeign ? 'OR locked_by IS NOT ?' : ''})`,
        )
        .all(...(includeForeign ? [now, this.workerId] : [now])) as JobRow[];
      for (const row of rows) {
        const usedUp = row.remote_wait === null && row.attempts >= row.max_attempts;
        // Only a finished attempt may make a job dead. An interrupted last attempt of a job that
        // ever sent something is handed back (attempt refunded) so that the next one reconciles.
        const mayHaveLanded = usedUp && this.hasIntent(row.id);
        const exhausted = usedUp && !mayHaveLanded;
        const attempts = mayHaveLanded ? row.max_attempts - 1 : row.attempts;
        const state: JobState = exhausted ? 'dead' : row.remote_wait !== null ? 'waiting_remote' : 'pending';
        this.db
          .prepare(
            `UPDATE jobs SET state = ?, run_at = ?, attempts = ?, ${CLEAR_LEASE}, updated_at = ? WHERE id = ? AND lease_token IS ?`,
          )
          .run(state, now, attempts, now, row.id, row.lease_token);
        const why =
          row.lease_expires_at !== null && row.lease_expires_at <= now
            ? 'its lease expired'
            : 'the engine restarted';
        const unknown = this.hasUnresolvedIntent(row.id)
          ? ' The request may have been sent: reconcile before re-sending.'
          : '';
        const lastTry = mayHaveLanded
          ? ' Its last attempt was cut short and an earlier request may have landed: it gets one more attempt, which reconciles first.'
          : '';
        this.history(
          row.id,
          row.attempts,
          'note',
          `Reclaimed from ${row.locked_by ?? 'unknown worker'}: ${why}.${unknown}${lastTry}`,
          exhausted ? 'dead' : 'reclaimed',
          null,
        );
        if (exhausted) this.stopDependents(row, `gave up after ${row.attempts} attempts (${why})`);
      }
      return rows.map((r) => r.id);
    });
    if (ids.length) this.onChange(ids);
    return ids;
  }

  /** User action on a failed, dead or cancelled job: a fresh set of attempts, due now. */
  retry(jobId: number): JobRow {
    const row = immediate(this.db, () => {
      const job = this.require(jobId);
      if (!['failed', 'dead', 'cancelled'].includes(job.state))
        throw new DeskFailure(
          'CONFLICT',
          `Job ${jobId} is ${job.state}; only failed, dead or cancelled jobs can be retried.`,
        );
      return this.retryInTransaction(job, 'Retried by the user.');
    });
    this.onChange([jobId]);
    return row;
  }

  /**
   * User action on a refused job (failed or dead): change what it sends, then retry it, in one
   * transaction. `change` sees the job as it is inside that transaction (so the state it checks
   * cannot move under it), returns the new payload and the history note, and may throw a
   * DeskFailure; `alsoWrite` writes the domain rows that must change with it (numbers, audit).
   * The job key stays: reconciliation still finds whatever an earlier attempt may have created.
   */
  amend(
    jobId: number,
    change: (job: JobRow) => { payload: unknown; note: string },
    alsoWrite: (job: JobRow) => void = () => {},
  ): JobRow {
    const row = immediate(this.db, () => {
      const job = this.require(jobId);
      const { payload, note } = change(job);
      this.db
        .prepare('UPDATE jobs SET payload = ?, updated_at = ? WHERE id = ?')
        .run(JSON.stringify(payload), this.now(), jobId);
      alsoWrite(job);
      return this.retryInTransaction(job, note);
    });
    this.onChange([jobId]);
    return row;
  }

  /** The retry itself (inside the caller's transaction): refused while a dependency is unfinished. */
  private retryInTransaction(job: JobRow, note: string): JobRow {
    const jobId = job.id;
    const stoppedBy = this.db
      .prepare(
        `SELECT dj.id FROM job_dependencies d JOIN jobs dj ON dj.id = d.depends_on
         WHERE d.job_id = ? AND dj.state IN ('failed', 'dead', 'cancelled') ORDER BY dj.id LIMIT 1`,
      )
      .pluck()
      .get(jobId) as number | undefined;
    if (stoppedBy !== undefined)
      throw new DeskFailure(
        'CONFLICT',
        `Job ${jobId} needs job ${stoppedBy} first, which did not finish. Retry job ${stoppedBy}; this job follows it.`,
      );
    const now = this.now();
    this.db
      .prepare(
        `UPDATE jobs SET state = 'pending', attempts = 0, run_at = ?, ${CLEAR_LEASE}, updated_at = ? WHERE id = ?`,
      )
      .run(now, now, jobId);
    this.history(jobId, job.attempts, 'note', note, 'retry', null);
    this.reviveDependents(jobId);
    return this.require(jobId);
  }

  /**
   * User action: stop a job that is not being sent right now. Jobs depending on it are cancelled with
   * the reason (they could never run); retrying it later brings them back.
   */
  cancel(jobId: number, options: { successor?: (job: JobRow) => JobSpec | null } = {}): JobRow {
    const added: number[] = [];
    const row = immediate(this.db, () => {
      const job = this.require(jobId);
      if (job.state === 'running')
        throw new DeskFailure(
          'CONFLICT',
          `Job ${jobId} is being sent right now; cancel it once this attempt finishes.`,
        );
      if (job.state === 'done' || job.state === 'cancelled')
        throw new DeskFailure('CONFLICT', `Job ${jobId} is already ${job.state}.`);
      const now = this.now();
      this.db.prepare(`UPDATE jobs SET state = 'cancelled', updated_at = ? WHERE id = ?`).run(now, jobId);
      this.history(jobId, job.attempts, 'note', 'Cancelled by the user.', 'cancelled', null);
      this.stopDependents(job, 'was cancelled');
      // What must go on although our job stopped (an order running at Sinch), in the same transaction.
      const next = options.successor?.(job);
      if (next) {
        const r = enqueue(this.db, next, now, this.defaultMaxAttempts);
        added.push(r.id);
        this.history(
          jobId,
          job.attempts,
          'note',
          `Job ${r.id} keeps following what this job started at Sinch.`,
          'followed',
          null,
        );
      }
      return this.require(jobId);
    });
    this.onChange([jobId, ...added]);
    return row;
  }

  /**
   * Hand a claimed job back untouched: no attempt spent (a send that provably did not land, a
   * missed read, credentials refused). The note says why; `outcome` whether a create provably did
   * not land (`not-sent`: it closes an earlier intent, see `mayHaveLanded`).
   */
  release(lease: Lease, note: string, delayMs = 0, outcome: 'released' | 'not-sent' = 'released'): boolean {
    const now = this.now();
    const changed = immediate(this.db, () => {
      const n = this.db
        .prepare(
          `UPDATE jobs SET state = CASE WHEN remote_wait IS NULL THEN 'pending' ELSE 'waiting_remote' END,
             attempts = max(0, attempts - ?), run_at = ?, ${CLEAR_LEASE}, updated_at = ?
           WHERE id = ? AND lease_token = ? AND state = 'running'`,
        )
        .run(lease.mode === 'send' ? 1 : 0, now + delayMs, now, lease.jobId, lease.token).changes;
      if (n === 1) this.history(lease.jobId, lease.attempt, 'note', note, outcome, null);
      return n === 1;
    });
    if (changed) this.onChange([lease.jobId]);
    return changed;
  }

  /** A waiting job whose condition is met becomes `pending` again, due now, without its wait. */
  requeueForSend(lease: Lease, note: string): boolean {
    const now = this.now();
    const changed = immediate(this.db, () => {
      const n = this.db
        .prepare(
          `UPDATE jobs SET state = 'pending', remote_wait = NULL, run_at = ?, ${CLEAR_LEASE}, updated_at = ?
           WHERE id = ? AND lease_token = ? AND state = 'running'`,
        )
        .run(now, now, lease.jobId, lease.token).changes;
      if (n === 1) this.history(lease.jobId, lease.attempt, 'note', note, 'ready', null);
      return n === 1;
    });
    if (changed) this.onChange([lease.jobId]);
    return changed;
  }

  /**
   * A callback (or a jump of the simulated clock) says something changed remotely: make the jobs of
   * `queue` that follow that resource due NOW, so the sync loop polls it on its next look. Only the
   * poll changes state, so a stale or out-of-order hint costs one read and can never move a number
   * backwards. `resourceId` is a phone number or a hosting order id (REFERENCE.md §8.2); omit it for "all".
   */
  pollNow(queue: string, resourceId?: string): number[] {
    const now = this.now();
    const like = resourceId === undefined ? null : `%"${resourceId.replace(/[\\%_]/g, (c) => `\\${c}`)}"%`;
    const rows = this.db
      .prepare(
        `UPDATE jobs SET run_at = ?
         WHERE state = 'waiting_remote' AND queue = ? AND run_at > ?
           AND (? IS NULL OR payload LIKE ? ESCAPE '\\' OR remote_wait LIKE ? ESCAPE '\\')
         RETURNING id`,
      )
      .all(now, queue, now, like, like, like) as Array<{ id: number }>;
    return rows.map((r) => r.id);
  }

  /** The latest end of a 429 pause still running on these queues (all when null), or null. */
  pausedUntilAny(queues: readonly string[] | null): number | null {
    const now = this.now();
    const until = this.db
      .prepare(
        `SELECT max(until) FROM queue_pauses WHERE until > ? ${queues ? `AND queue IN (${queues.map(() => '?').join(',')})` : ''}`,
      )
      .pluck()
      .get(now, ...(queues ?? [])) as number | null;
    return until ?? null;
  }

  /** Jobs still to finish on these queues: pending, running or waiting, not blocked by a failed dependency. */
  unfinishedCount(queues: readonly string[] | null): number {
    return this.db
      .prepare(
        `SELECT count(*) FROM jobs j WHERE j.state IN ('pending', 'running', 'waiting_remote')
           ${queues ? `AND j.queue IN (${queues.map(() => '?').join(',')})` : ''}
           AND NOT EXISTS (SELECT 1 FROM job_dependencies d JOIN jobs dj ON dj.id = d.depends_on
                           WHERE d.job_id = j.id AND dj.state IN ('failed', 'dead', 'cancelled'))`,
      )
      .pluck()
      .get(...(queues ?? [])) as number;
  }

  /** When the next job of these queues becomes runnable (due, unpaused, dependencies done), if any. */
  nextRunAt(queues: readonly string[] | null): number | undefined {
    const now = this.now();
    const qFilter = queues ? `AND j.queue IN (${queues.map(() => '?').join(',')})` : '';
    return this.db
      .prepare(
        `SELECT j.run_at FROM jobs j
         WHERE j.state IN ('pending', 'waiting_remote') ${qFilter}
           AND NOT EXISTS (SELECT 1 FROM queue_pauses p WHERE p.queue = j.queue AND p.until > ?)
           AND NOT EXISTS (SELECT 1 FROM job_dependencies d JOIN jobs dj ON dj.id = d.depends_on
                           WHERE d.job_id = j.id AND dj.state <> 'done')
         ORDER BY j.run_at, j.id LIMIT 1`,
      )
      .pluck()
      .get(...(queues ?? []), now) as number | undefined;
  }

  /** Whether the job's history holds an entry with this outcome (e.g. it was once `ready`). */
  hasOutcome(jobId: number, outcome: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM job_attempts WHERE job_id = ? AND outcome = ? LIMIT 1')
        .get(jobId, outcome) !== undefined
    );
  }

  /**
   * Whether an earlier send of the leased job may have landed, so the handler must read remote state
   * before sending again: the last request has no answer (`unresolvedIntent`), or some intent was
   * never followed by a definite "not processed" answer — a 4xx other than 408/409 (429 included:
   * refused, not processed) or a connection that never reached Sinch. The one place this is decided.
   */
  mayHaveLanded(lease: Lease): boolean {
    return lease.unresolvedIntent || this.sendMayHaveLanded(lease.jobId);
  }

  /**
   * The history half of `mayHaveLanded`, for a job not leased: whether any request it sent may have
   * reached Sinch without a definite "not processed" answer. `jobs.amend` refuses such a job, as
   * reconciliation looks for what landed with the values the job sends now.
   */
  sendMayHaveLanded(jobId: number): boolean {
    const rows = this.db
      .prepare(
        `SELECT phase, outcome, http_status FROM job_attempts
         WHERE job_id = ? AND (phase IN ('intent', 'response') OR outcome = 'not-sent') ORDER BY id`,
      )
      .all(jobId) as Array<{ phase: string; outcome: string | null; http_status: number | null }>;
    let open = false;
    let landedMaybe = false;
    for (const r of rows) {
      if (r.phase === 'intent') {
        if (open) landedMaybe = true;
        open = true;
        continue;
      }
      if (!open) continue;
      open = false;
      const definite =
        r.outcome === 'not-sent' ||
        (r.http_status !== null &&
          r.http_status >= 400 &&
          r.http_status < 500 &&
          r.http_status !== 408 &&
          r.http_status !== 409);
      if (!definite) landedMaybe = true;
    }
    return landedMaybe || open;
  }

  /** Pause a queue (a project) until `until`; an existing longer pause is kept. */
  pauseQueue(queue: string, until: number, reason: string): void {
    const now = this.now();
    this.db
      .prepare(
        `INSERT INTO queue_pauses (queue, until, reason, set_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (queue) DO UPDATE SET until = max(until, excluded.until), reason = excluded.reason, set_at = excluded.set_at`,
      )
      .run(queue, until, reason, now);
  }

  /** epoch ms until which the queue is paused, or null when it is not. */
  pausedUntil(queue: string): number | null {
    const until = this.db.prepare('SELECT until FROM queue_pauses WHERE queue = ?').pluck().get(queue) as
      | number
      | undefined;
    return until !== undefined && until > this.now() ? until : null;
  }

  get(jobId: number): JobRow | null {
    return jobRow(this.db, jobId);
  }

  attempts(jobId: number): AttemptRow[] {
    return this.db
      .prepare('SELECT * FROM job_attempts WHERE job_id = ? ORDER BY id')
      .all(jobId) as AttemptRow[];
  }

  dependencies(jobId: number): number[] {
    return this.db
      .prepare('SELECT depends_on FROM job_dependencies WHERE job_id = ? ORDER BY depends_on')
      .pluck()
      .all(jobId) as number[];
  }

  counts(): Record<JobState, number> {
    const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
    for (const r of this.db.prepare('SELECT state, count(*) AS n FROM jobs GROUP BY state').all() as Array<{
      state: JobState;
      n: number;
    }>)
      counts[r.state] = r.n;
    return counts;
  }

  /** Whether any request of the job was ever about to be sent (so something may exist at Sinch). */
  private hasIntent(jobId: number): boolean {
    return (
      this.db
        .prepare(`SELECT 1 FROM job_attempts WHERE job_id = ? AND phase = 'intent' LIMIT 1`)
        .pluck()
        .get(jobId) !== undefined
    );
  }

  private hasUnresolvedIntent(jobId: number): boolean {
    const last = this.db
      .prepare(
        `SELECT phase FROM job_attempts WHERE job_id = ? AND phase IN ('intent', 'response') ORDER BY id DESC LIMIT 1`,
      )
      .pluck()
      .get(jobId) as string | undefined;
    return last === 'intent';
  }

  private stillOurs(lease: Lease): JobRow | null {
    return (
      (this.db
        .prepare(`SELECT * FROM jobs WHERE id = ? AND lease_token = ? AND state = 'running'`)
        .get(lease.jobId, lease.token) as JobRow | undefined) ?? null
    );
  }

  private finish(lease: Lease, apply: (row: JobRow) => FinishOutcome): FinishOutcome {
    const outcome = immediate(this.db, (): FinishOutcome => {
      const row = this.stillOurs(lease);
      if (!row) {
        this.history(
          lease.jobId,
          lease.attempt,
          'note',
          `Worker ${lease.workerId} lost its lease; its result was not applied.`,
          'lease-lost',
          null,
        );
        return { ok: false, reason: 'lease-lost' };
      }
      return apply(row);
    });
    this.onChange([lease.jobId]);
    return outcome;
  }

  private require(jobId: number): JobRow {
    const job = this.get(jobId);
    if (!job) throw new DeskFailure('NOT_FOUND', `There is no job ${jobId}.`);
    return job;
  }

  private history(
    jobId: number,
    attempt: number,
    phase: AttemptRow['phase'],
    summary: string,
    outcome: string | null,
    status: number | null,
  ) {
    this.db
      .prepare(
        'INSERT INTO job_attempts (job_id, attempt, phase, at, worker, summary, outcome, http_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(jobId, attempt, phase, this.now(), this.workerId, summary.slice(0, 2000), outcome, status);
  }
}

const CLEAR_LEASE = 'locked_by = NULL, locked_at = NULL, lease_token = NULL, lease_expires_at = NULL';
