import type {
  NumberDetail,
  NumberHistoryEntry,
  NumberKind,
  NumberSummary,
  QualificationState,
} from '../../../shared/contract/numbers';
import type { Failure, StepStateName } from '../../../shared/contract/orders';
import { type NumberState, QUALIFICATION_NUMBER_STATES } from '../../../shared/domain/tasks';
import { profileIdsOf } from '../loa/job-copies';
import { decodeCursor, encodeCursor, type PageInput, pageOfArray } from '../paging';
import { jobTimeline } from '../queue/job-views';
import type { Db } from '../store/database';
import type { NumberRemote, NumberRow, NumberStep, ReadModelColumns } from '../store/numbers';
import { lastOrderOfNumbers, latestOrderDetails, ordersOfNumber, remoteIdsOfOrders } from './order-views';
import { qualificationStateOf } from './vocab';
import { stepFailure } from './words';

/**
 * Numbers as the contract shows them (`numbers.list`, `numbers.get`, `numbers.history`): a read model
 * over `numbers`, `number_states` and `number_steps` (their writer is ../store/numbers.ts), joined with
 * orders (./order-views) and jobs (../queue/job-views).
 */

type Row = NumberRow & ReadModelColumns & { shown_kind: NumberKind; last_job_id: number | null };

const iso = (ms: number) => new Date(ms).toISOString();

/** Local states in which work is still running here or at Sinch ("everything in flight"). */
export const NUMBER_STATES_IN_FLIGHT: readonly NumberState[] = [
  'import-sent',
  'provisioning',
  'unlinking',
  'linking',
  'qualifying',
  'verification-pending',
  'ordered',
  'waiting-loa',
  'osr-update',
  'platform-provisioning',
  'campaign-linking',
  'hosting',
];
const IMPORTED_STATES: readonly NumberState[] = [
  'import-sent',
  'provisioning',
  'imported',
  'unlinking',
  'unlinked',
  'linking',
  'linked',
  'hosted',
];
const QUALIFIED_STATES: readonly NumberState[] = QUALIFICATION_NUMBER_STATES;
const KIND_SQL = `CASE WHEN n.kind <> 'local' THEN n.kind
  WHEN n.state IN (${IMPORTED_STATES.map((s) => `'${s}'`).join(',')}) THEN 'imported'
  WHEN n.state IN (${QUALIFIED_STATES.map((s) => `'${s}'`).join(',')}) THEN 'qualified'
  ELSE 'local' END`;

const SELECT = `SELECT n.*, ${KIND_SQL} AS shown_kind,
    (SELECT s.job_id FROM number_states s WHERE s.phone = n.phone AND s.job_id IS NOT NULL
      ORDER BY s.id DESC LIMIT 1) AS last_job_id
  FROM numbers n`;

const stepView = (name: string, s: NumberStep | undefined) =>
  s
    ? {
        state: s.state as StepStateName,
        failure: stepFailure(name, s.state, s.code, s.message),
        since: iso(s.since),
      }
    : null;

function remoteOf(row: Row): NumberRemote {
  return row.remote ? (JSON.parse(row.remote) as NumberRemote) : { steps: {} };
}

/**
 * The failed step of each number's latest order (steps first, then carriers): a number that failed
 * inside an order has no failed step of its own (Sinch reports it on the order's number), and its row
 * must still say what failed.
 */
function orderFailures(db: Db, phones: readonly string[]): Map<string, Failure> {
  const out = new Map<string, Failure>();
  if (phones.length === 0) return out;
  for (const [phone, d] of latestOrderDetails(db, phones)) {
    const failure =
      [...Object.entries(d.steps ?? {}), ...Object.entries(d.carriers ?? {})]
        .map(([name, s]) => stepFailure(name, s.state, s.code, s.message))
        .find((f) => f !== null) ?? null;
    if (failure) out.set(phone, failure);
  }
  return out;
}

function summaries(db: Db, rows: readonly Row[]): NumberSummary[] {
  const phones = rows.map((r) => r.phone);
  const lastOrder = lastOrderOfNumbers(db, phones);
  // only numbers in a failed state look at their order (the usual block has none)
  const inOrder = orderFailures(
    db,
    rows.filter((r) => r.state === 'failed' || r.state === 'hosting-failed').map((r) => r.phone),
  );
  const profiles = profileIdsOf(
    db,
    rows.map((r) => r.loa_profile_id),
  );
  return rows.map((r) => {
    const remote = remoteOf(r);
    const failure: Failure | null =
      Object.entries(remote.steps)
        .map(([name, s]) => stepFailure(name, s.state, s.code, s.message))
        .find((f) => f !== null) ??
      inOrder.get(r.phone) ??
      null;
    return {
      phone: r.phone,
      region: r.region,
      tollFree: r.toll_free === 1,
      kind: r.shown_kind,
      state: r.state,
      qualificationState: qualificationStateOf(r.qualification_state),
      smsProvisioning: stepView('smsProvisioning', remote.steps.smsProvisioning),
      campaignProvisioning: stepView('campaignProvisioning', remote.steps.campaignProvisioning),
      servicePlanId: r.service_plan_id,
      campaignId: r.campaign_id,
      displayName: r.display_name,
      callbackUrl: r.callback_url,
      batchId: r.batch_id,
      // its job's payload named its own copy of the profile (loa/job-copies.ts): name the profile
      loaProfileId: r.loa_profile_id === null ? null : (profiles.get(r.loa_profile_id) ?? null),
      lastOrderId: lastOrder.get(r.phone) ?? null,
      lastJobId: r.last_job_id,
      origin: r.origin,
      failure,
      checkedAt: r.checked_at === null ? null : iso(r.checked_at),
      updatedAt: iso(r.updated_at),
    };
  });
}

export type NumberFilter = {
  pattern?: { pattern: string; searchPattern: 'START' | 'CONTAIN' | 'END' } | undefined;
  regionCode?: 'US' | 'CA' | undefined;
  tollFree?: boolean | undefined;
  servicePlanId?: string | undefined;
  campaignId?: string | undefined;
  states?: NumberState[] | undefined;
  kinds?: NumberKind[] | undefined;
  qualificationStates?: QualificationState[] | undefined;
  batchId?: string | undefined;
  inFlight?: boolean | undefined;
};

/** By phone number: keyset after a cursor, or an offset window into the same order. */
export function listNumbers(db: Db, filter: NumberFilter, page: PageInput) {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = filter.pattern;
  if (p) {
    if (p.searchPattern === 'START') {
      // Sinch's START includes the "+"; a prefix is a range on the primary key (no scan).
      const prefix = p.pattern.startsWith('+') ? p.pattern : `+${p.pattern}`;
      where.push('n.phone >= ? AND n.phone < ?');
      params.push(prefix, `${prefix}\u{10FFFF}`);
    } else if (p.searchPattern === 'END') {
      where.push('substr(n.phone, -?) = ?');
      params.push(p.pattern.length, p.pattern);
    } else {
      where.push('instr(n.phone, ?) > 0');
      params.push(p.pattern);
    }
  }
  const inList = (sql: string, values: readonly string[]) => {
    where.push(`${sql} IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(values));
  };
  if (filter.regionCode) where.push('n.region = ?') && params.push(filter.regionCode);
  if (filter.tollFree !== undefined) where.push('n.toll_free = ?') && params.push(filter.tollFree ? 1 : 0);
  if (filter.servicePlanId) where.push('n.service_plan_id = ?') && params.push(filter.servicePlanId);
  if (filter.campaignId) where.push('n.campaign_id = ?') && params.push(filter.campaignId);
  if (filter.batchId) where.push('n.batch_id = ?') && params.push(filter.batchId);
  if (filter.states?.length) inList('n.state', filter.states);
  if (filter.inFlight) inList('n.state', NUMBER_STATES_IN_FLIGHT);
  if (filter.kinds?.length) inList(`(${KIND_SQL})`, filter.kinds);
  if (filter.qualificationStates?.length)
    inList(
      'n.qualification_state',
      filter.qualificationStates.map((s) => `GLOBAL_PROCESS_STATE_${s.toUpperCase().replaceAll('-', '_')}`),
    );
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db
    .prepare(`SELECT count(*) FROM numbers n ${whereSql}`)
    .pluck()
    .get(...params) as number;
  if (page.offset !== undefined) {
    const rows = db
      .prepare(`${SELECT} ${whereSql} ORDER BY n.phone LIMIT ? OFFSET ?`)
      .all(...params, page.limit, page.offset) as Row[];
    return { items: summaries(db, rows), nextCursor: null, total };
  }
  const after = decodeCursor<[string]>('numbers', page.cursor, ['string'])?.[0] ?? null;
  const pageSql = after === null ? whereSql : `${whereSql ? `${whereSql} AND` : 'WHERE'} n.phone > ?`;
  const rows = db
    .prepare(`${SELECT} ${pageSql} ORDER BY n.phone LIMIT ?`)
    .all(...params, ...(after === null ? [] : [after]), page.limit + 1) as Row[];
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1];
  return {
    items: summaries(db, shown),
    nextCursor: rows.length > page.limit && last ? encodeCursor('numbers', [last.phone]) : null,
    total,
  };
}

export function numberDetail(db: Db, phone: string): NumberDetail | null {
  const row = db.prepare(`${SELECT} WHERE n.phone = ?`).get(phone) as Row | undefined;
  if (!row) return null;
  const summary = summaries(db, [row])[0] as NumberSummary;
  const steps = remoteOf(row).steps;
  const carrier = (c: string) =>
    stepView(c, steps[c]) ?? { state: 'unspecified' as const, failure: null, since: null };
  const hasCarriers = ['smsAtt', 'smsTmo', 'mmsAtt', 'mmsTmo'].some((c) => steps[c]);
  return {
    ...summary,
    carriers: hasCarriers
      ? {
          smsAtt: carrier('smsAtt'),
          smsTmo: carrier('smsTmo'),
          mmsAtt: carrier('mmsAtt'),
          mmsTmo: carrier('mmsTmo'),
        }
      : null,
    osrEligibility: stepView('osrEligibility', steps.osrEligibility),
    ownershipVerification: stepView('ownershipVerification', steps.ownershipVerification),
    orders: ordersOfNumber(db, phone, 50).map(({ createdMs: _, ...o }) => o),
  };
}

/** a job event this close to a state the same job wrote is the same moment (a request's round trip) */
const SAME_MOMENT_MS = 10_000;

/** Sources of one timestamp are shown in this order (a job is created before its state moves). */
const KIND_RANK: Record<NumberHistoryEntry['kind'], number> = { job: 0, order: 1, state: 2, step: 3 };

/**
 * One number's history: its state changes, the steps the pollers observed, the orders that carried it
 * and the jobs that changed it, oldest first. Everything is read by the phone's own indexes, so the
 * cost is the number's history, not the workspace's size.
 */
export function numberHistory(db: Db, phone: string, page: PageInput) {
  const entries: Array<NumberHistoryEntry & { ms: number; seq: number }> = [];
  const states = db
    .prepare('SELECT id, at, state, job_id, note FROM number_states WHERE phone = ? ORDER BY id')
    .all(phone) as Array<{
    id: number;
    at: number;
    state: NumberState;
    job_id: number | null;
    note: string | null;
  }>;
  for (const s of states)
    entries.push({
      kind: 'state',
      at: iso(s.at),
      state: s.state,
      jobId: s.job_id,
      note: s.note,
      ms: s.at,
      seq: s.id,
    });
  const steps = db
    .prepare(
      'SELECT id, at, order_id, step, state, code, message FROM number_steps WHERE phone = ? ORDER BY id',
    )
    .all(phone) as Array<{
    id: number;
    at: number;
    order_id: number | null;
    step: string;
    state: string;
    code: string | null;
    message: string | null;
  }>;
  const orderIds = remoteIdsOfOrders(db, [
    ...new Set(steps.map((s) => s.order_id).filter((id): id is number => id !== null)),
  ]);
  for (const s of steps)
    entries.push({
      kind: 'step',
      at: iso(s.at),
      orderId: s.order_id === null ? null : (orderIds.get(s.order_id) ?? null),
      step: s.step as Extract<NumberHistoryEntry, { kind: 'step' }>['step'],
      state: s.state as StepStateName,
      failure: stepFailure(s.step, s.state, s.code, s.message),
      ms: s.at,
      seq: s.id,
    });
  for (const o of ordersOfNumber(db, phone, 500))
    entries.push({
      kind: 'order',
      at: o.createdAt,
      orderId: o.id,
      type: o.type,
      state: o.state,
      ms: o.createdMs,
      seq: 0,
    });
  const jobIds = [...new Set(states.map((s) => s.job_id).filter((id): id is number => id !== null))];
  // A job's "queued" and "sent" are left out where the number's own state, written by the same job at
  // that moment (planned at commit; "import sent" after the request), already says it: the timeline
  // read every such moment twice. A first send long before its state (retries) still shows.
  const toldByState = (jobId: number, ms: number) =>
    states.some((s) => s.job_id === jobId && Math.abs(s.at - ms) <= SAME_MOMENT_MS);
  for (const j of jobTimeline(db, jobIds)) {
    const base = { kind: 'job' as const, jobId: j.id, task: j.task, seq: j.id };
    if (!toldByState(j.id, j.createdAt))
      entries.push({ ...base, at: iso(j.createdAt), event: 'created', summary: null, ms: j.createdAt });
    if (j.sentAt !== null && !toldByState(j.id, j.sentAt))
      entries.push({ ...base, at: iso(j.sentAt), event: 'sent', summary: null, ms: j.sentAt });
    if (j.state === 'done' || j.state === 'failed' || j.state === 'dead' || j.state === 'cancelled')
      entries.push({ ...base, at: iso(j.updatedAt), event: j.state, summary: j.summary, ms: j.updatedAt });
  }
  entries.sort((a, b) => a.ms - b.ms || KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.seq - b.seq);
  const all = entries.map(({ ms: _ms, seq: _seq, ...e }) => e as NumberHistoryEntry);
  const { items, nextCursor } = pageOfArray(`history:${phone}`, all, page);
  return { items, nextCursor, total: all.length };
}
