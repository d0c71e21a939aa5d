import { JOB_STATES, type JobStateName, type JobSummary } from '../../../shared/contract/jobs';
import type { TaskName } from '../../../shared/domain/tasks';
import { decodeCursor, encodeCursor, type PageInput } from '../paging';
import type { Db } from '../store/database';
import { orderIdsOfJobs } from '../store/orders';
import { batchLabels } from './commit-plan';
import { type AttemptRow, type JobQueue, type JobRow, numbersOfJob } from './job-queue';

/** Jobs as the contract shows them (`jobs.list`, `jobs.get`): ISO dates, camelCase, counts not rows. */
type ListedRow = JobRow & { number_count: number; blocked: 0 | 1 };

const iso = (ms: number) => new Date(ms).toISOString();
const parse = (json: string | null): unknown => (json === null ? null : (JSON.parse(json) as unknown));

function toSummary(row: ListedRow, orderIds: string[] = []): JobSummary {
  const error = parse(row.last_error) as {
    message?: string;
    status?: number | null;
    details?: unknown;
  } | null;
  return {
    id: row.id,
    key: row.job_key,
    // rows are written from TaskName (planner, actions); the contract's output parse guards the rest
    task: row.task as TaskName,
    state: row.state,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: iso(row.run_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    batchId: row.batch_id,
    numberCount: row.number_count,
    intent: row.intent,
    repeatOf: row.repeat_of,
    blocked: row.blocked === 1,
    lastError: error
      ? { message: error.message ?? '', status: error.status ?? null, details: error.details ?? null }
      : null,
    waitingFor: parse(row.remote_wait),
    orderIds,
  };
}

/** Rows → summaries, with each job's order ids read in one query for the page. */
function summaries(db: Db, rows: readonly ListedRow[]): JobSummary[] {
  const orders = orderIdsOfJobs(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toSummary(r, orders.get(r.id)));
}

const SELECT = `SELECT j.*,
    coalesce(json_array_length(j.payload, '$.numbers'), 0) AS number_count,
    EXISTS (SELECT 1 FROM job_dependencies d JOIN jobs dj ON dj.id = d.depends_on
            WHERE d.job_id = j.id AND dj.state <> 'done') AS blocked
  FROM jobs j`;

export type JobFilter = {
  states?: JobStateName[] | undefined;
  task?: TaskName | undefined;
  batchId?: string | undefined;
};

/** Oldest first (plan order): by id after a cursor, or an offset window into the same order. */
export function listJobs(db: Db, filter: JobFilter, page: PageInput) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.states?.length) {
    where.push(`j.state IN (${filter.states.map(() => '?').join(',')})`);
    params.push(...filter.states);
  }
  if (filter.task) where.push('j.task = ?') && params.push(filter.task);
  if (filter.batchId) where.push('j.batch_id = ?') && params.push(filter.batchId);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db
    .prepare(`SELECT count(*) FROM jobs j ${whereSql}`)
    .pluck()
    .get(...params) as number;
  if (page.offset !== undefined) {
    const rows = db
      .prepare(`${SELECT} ${whereSql} ORDER BY j.id LIMIT ? OFFSET ?`)
      .all(...params, page.limit, page.offset) as ListedRow[];
    return { items: summaries(db, rows), nextCursor: null, total };
  }
  const after = decodeCursor<[number]>('jobs', page.cursor, ['number'])?.[0] ?? null;
  const pageSql = after === null ? whereSql : `${whereSql ? `${whereSql} AND` : 'WHERE'} j.id > ?`;
  const rows = db
    .prepare(`${SELECT} ${pageSql} ORDER BY j.id LIMIT ?`)
    .all(...params, ...(after === null ? [] : [after]), page.limit + 1) as ListedRow[];
  const items = summaries(db, rows.slice(0, page.limit));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > page.limit && last ? encodeCursor('jobs', [last.id]) : null,
    total,
  };
}

/** The newest job with this key (in `queue` when given): a create call's answer names its job by key. */
export function jobIdByKey(db: Db, jobKey: string, queue?: string): number | undefined {
  return (
    queue === undefined
      ? db.prepare('SELECT id FROM jobs WHERE job_key = ? ORDER BY id DESC LIMIT 1').pluck().get(jobKey)
      : db.prepare('SELECT id FROM jobs WHERE queue = ? AND job_key = ?').pluck().get(queue, jobKey)
  ) as number | undefined;
}

export function jobSummary(db: Db, id: number): JobSummary | null {
  const row = db.prepare(`${SELECT} WHERE j.id = ?`).get(id) as ListedRow | undefined;
  return row ? (summaries(db, [row])[0] ?? null) : null;
}

export function jobDetail(db: Db, queue: JobQueue, id: number) {
  const summary = jobSummary(db, id);
  if (!summary) return null;
  const phoneNumbers = numbersOfJob(db, id, 500);
  // the values a refused job may be changed to (jobs.amend) start from what it sends now
  const payload = JSON.parse(queue.get(id)?.payload ?? '{}') as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  return {
    ...summary,
    dependsOn: queue.dependencies(id),
    phoneNumbers,
    servicePlanId: text(payload.servicePlanId),
    campaignId: text(payload.campaignId),
    sendMayHaveLanded: queue.sendMayHaveLanded(id),
    history: queue.attempts(id).map((a: AttemptRow) => ({
      attempt: a.attempt,
      phase: a.phase,
      at: iso(a.at),
      summary: a.summary,
      outcome: a.outcome,
      httpStatus: a.http_status,
    })),
  };
}

/** Per batch: how many of its jobs are in each state. */
export function batchJobCounts(db: Db, batchIds: readonly string[]) {
  const out = new Map<string, Record<JobStateName, number>>();
  if (batchIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT j.batch_id AS batchId, j.state AS state, count(*) AS n
         FROM jobs j WHERE j.batch_id IN (${batchIds.map(() => '?').join(',')})
         GROUP BY j.batch_id, j.state`,
    )
    .all(...batchIds) as Array<{ batchId: string; state: JobStateName; n: number }>;
  for (const id of batchIds) out.set(id, emptyCounts());
  for (const r of rows) {
    const counts = out.get(r.batchId);
    if (counts) counts[r.state] = r.n;
  }
  return out;
}

const emptyCounts = () => Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobStateName, number>;

/** Every number a job's call carries (exports of an order's results). */
export const jobNumbers = (db: Db, id: number): string[] =>
  db
    .prepare(`SELECT n.value FROM jobs j, json_each(j.payload, '$.numbers') n WHERE j.id = ? ORDER BY n.key`)
    .pluck()
    .all(id) as string[];
/** What a number's history shows of its jobs: created, first sent, and how each ended. */
export function jobTimeline(
  db: Db,
  ids: readonly number[],
): Array<{
  id: number;
  task: TaskName;
  state: JobStateName;
  createdAt: number;
  sentAt: number | null;
  updatedAt: number;
  summary: string | null;
}> {
  if (ids.length === 0) return [];
  return (
    db
      .prepare(
        `SELECT j.id, j.task, j.state, j.created_at, j.updated_at,
            (SELECT min(a.at) FROM job_attempts a WHERE a.job_id = j.id AND a.phase = 'intent') AS sent_at,
            (SELECT a.summary FROM job_attempts a WHERE a.job_id = j.id AND a.phase = 'response'
              ORDER BY a.id DESC LIMIT 1) AS summary
           FROM jobs j WHERE j.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as Array<{
      id: number;
      task: string;
      state: JobStateName;
      created_at: number;
      updated_at: number;
      sent_at: number | null;
      summary: string | null;
    }>
  ).map((r) => ({
    id: r.id,
    task: r.task as TaskName,
    state: r.state,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    updatedAt: r.updated_at,
    summary: r.summary,
  }));
}

/** The tasks whose call creates a hosting order at Sinch. */
const ORDER_TASKS: readonly TaskName[] = [
  'importNumbersOrder',
  'textEnableNumbers',
  'textEnableTollFreeNumbers',
];

export type OrderPlace = { id: string; label: string; position: number; of: number };

/**
 * Where each order-creating job of these batches stands among its batch's orders ("March port —
 * order 2 of 3"): plan order of the first intents, by job id; a repeat (re-issue) takes the place of
 * the job it repeats. Keyed by job id.
 */
export function orderPlaces(db: Db, batchIds: readonly string[]): Map<number, OrderPlace> {
  const out = new Map<number, OrderPlace>();
  if (batchIds.length === 0) return out;
  const rows = db
    .prepare(
      `WITH RECURSIVE firsts AS (
         SELECT j.id, j.batch_id, row_number() OVER (PARTITION BY j.batch_id ORDER BY j.id) AS position,
                count(*) OVER (PARTITION BY j.batch_id) AS total
           FROM jobs j
          WHERE j.batch_id IN (SELECT value FROM json_each(?)) AND j.repeat_of IS NULL
            AND j.task IN (SELECT value FROM json_each(?))
       ), places (id, batch_id, position, total) AS (
         SELECT id, batch_id, position, total FROM firsts
         UNION ALL
         SELECT j.id, p.batch_id, p.position, p.total FROM jobs j JOIN places p ON j.repeat_of = p.id
          WHERE j.batch_id = p.batch_id
       )
       SELECT id, batch_id, position, total FROM places`,
    )
    .all(JSON.stringify(batchIds), JSON.stringify(ORDER_TASKS)) as Array<{
    id: number;
    batch_id: string;
    position: number;
    total: number;
  }>;
  // the labels from the batches' owner (commit-plan.ts), one read for all of them
  const labels = batchLabels(db, batchIds);
  for (const r of rows)
    out.set(r.id, {
      id: r.batch_id,
      label: labels.get(r.batch_id) ?? r.batch_id,
      position: r.position,
      of: r.total,
    });
  return out;
}
