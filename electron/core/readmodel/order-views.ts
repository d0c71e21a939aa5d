import {
  ORDER_STATES,
  ORDER_STATES_IN_FLIGHT,
  type OrderCounts,
  type OrderDetail,
  type OrderNumber,
  type OrderState,
  type OrderSummary,
  type OrderType,
  type StepStateCounts,
} from '../../../shared/contract/orders';
import { profileIdsOf } from '../loa/job-copies';
import { decodeCursor, encodeCursor, type PageInput } from '../paging';
import { orderPlaces } from '../queue/job-views';
import type { Db } from '../store/database';
import type { OrderNumberDetail, OrderReadRow, StoredStep } from '../store/orders';
import { orderStateOf, orderTypeOf, sinchOrderStates } from './vocab';
import { stepFailure } from './words';

/**
 * Orders as the contract shows them (`orders.list`, `orders.get`, `orders.changed` counts): a read
 * model over `orders` and `order_numbers` (their writer is ../store/orders.ts).
 */

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const isoNow = (ms: number) => new Date(ms).toISOString();

type CountsRow = {
  order_id: number;
  n: number;
  failed: number;
} & Record<`${'o' | 'p' | 'c'}_${'w' | 'i' | 'd' | 'f' | 'u'}`, number>;

const STEP_COLUMNS = { o: 'osr_state', p: 'platform_state', c: 'campaign_state' } as const;
const STATE_KEYS = { w: 'waiting', i: 'in-progress', d: 'done', f: 'failed', u: 'unspecified' } as const;
const COUNT_SQL = `SELECT order_id, count(*) AS n,
    sum(osr_state = 'failed' OR platform_state = 'failed' OR campaign_state = 'failed') AS failed,
    ${Object.entries(STEP_COLUMNS)
      .flatMap(([s, col]) => Object.entries(STATE_KEYS).map(([k, v]) => `sum(${col} = '${v}') AS ${s}_${k}`))
      .join(', ')}
  FROM order_numbers WHERE order_id IN (SELECT value FROM json_each(?)) GROUP BY order_id`;

const emptyCounts = (): StepStateCounts => ({
  waiting: 0,
  'in-progress': 0,
  done: 0,
  failed: 0,
  unspecified: 0,
});
function stepCountsOf(row: CountsRow | undefined, step: 'o' | 'p' | 'c'): StepStateCounts {
  const out = emptyCounts();
  if (!row) return out;
  for (const [k, v] of Object.entries(STATE_KEYS)) out[v] = row[`${step}_${k as 'w'}`] ?? 0;
  return out;
}

function summaries(db: Db, rows: readonly OrderReadRow[]): OrderSummary[] {
  if (rows.length === 0) return [];
  const counts = new Map(
    (db.prepare(COUNT_SQL).all(JSON.stringify(rows.map((r) => r.id))) as CountsRow[]).map((c) => [
      c.order_id,
      c,
    ]),
  );
  const places = orderPlaces(db, [
    ...new Set(rows.map((r) => r.batch_id).filter((id): id is string => id !== null)),
  ]);
  const profiles = profileIdsOf(
    db,
    rows.map((r) => r.loa_profile_id),
  );
  return rows.map((r) => {
    const c = counts.get(r.id);
    const report = r.report
      ? (JSON.parse(r.report) as {
          total: number;
          osrUpdated: number;
          smsProvisioned: number;
          addedToCampaign: number;
          ongoingManualAction: number;
          readAt: number;
        })
      : null;
    const type = orderTypeOf(r.kind);
    return {
      id: r.remote_id ?? `local-${r.id}`,
      type,
      tollFree: type === 'text-enable-toll-free',
      state: orderStateOf(r.state),
      displayName: r.display_name,
      regionCode: r.region_code === 'US' || r.region_code === 'CA' ? r.region_code : null,
      servicePlanId: r.service_plan_id,
      campaignId: r.campaign_id,
      // the order's job sent its own copy of the profile (loa/job-copies.ts): name the profile
      loa: r.loa_kind
        ? {
            kind: r.loa_kind,
            recipient: r.loa_recipient,
            profileId: r.loa_profile_id === null ? null : (profiles.get(r.loa_profile_id) ?? null),
          }
        : null,
      scheduledOsrUpdateTime: iso(r.scheduled_osr_at),
      scheduledZipwhipProvisioningTime: iso(r.scheduled_zipwhip_at),
      signatureWaitingSince: iso(r.signature_waiting_since),
      origin: r.origin,
      batchId: r.batch_id,
      batch: (r.job_id !== null && places.get(r.job_id)) || null,
      jobId: r.job_id,
      numberCount: c?.n ?? 0,
      stepCounts: {
        osrUpdate: stepCountsOf(c, 'o'),
        platformProvisioning: stepCountsOf(c, 'p'),
        campaignProvisioning: stepCountsOf(c, 'c'),
      },
      report: report ? { ...report, readAt: isoNow(report.readAt) } : null,
      failedNumbers: c?.failed ?? 0,
      remoteCreatedAt: iso(r.remote_created_at),
      remoteUpdatedAt: iso(r.remote_updated_at),
      checkedAt: iso(r.checked_at),
      createdAt: isoNow(r.created_at),
      updatedAt: isoNow(r.updated_at),
    };
  });
}

export type OrderFilter = {
  states?: OrderState[] | undefined;
  types?: OrderType[] | undefined;
  inFlight?: boolean | undefined;
  batchId?: string | undefined;
  origin?: 'app' | 'adopted' | undefined;
  text?: string | undefined;
};

/** Newest first: by id after a cursor, or an offset window into the same order. */
export function listOrders(db: Db, filter: OrderFilter, page: PageInput) {
  const where: string[] = ['o.remote_id IS NOT NULL'];
  const params: unknown[] = [];
  const inStates = (states: readonly OrderState[]) => {
    where.push(`o.state IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(sinchOrderStates(states)));
  };
  if (filter.states?.length) inStates(filter.states);
  if (filter.inFlight) inStates(ORDER_STATES_IN_FLIGHT);
  if (filter.types?.length) {
    where.push(`o.kind IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(filter.types));
  }
  if (filter.batchId) where.push('o.batch_id = ?') && params.push(filter.batchId);
  if (filter.origin) where.push('o.origin = ?') && params.push(filter.origin);
  if (filter.text) {
    where.push(
      `(instr(o.remote_id, ?) > 0 OR o.id IN (SELECT order_id FROM order_numbers WHERE instr(phone, ?) > 0))`,
    );
    params.push(filter.text, filter.text);
  }
  const whereSql = `WHERE ${where.join(' AND ')}`;
  const total = db
    .prepare(`SELECT count(*) FROM orders o ${whereSql}`)
    .pluck()
    .get(...params) as number;
  if (page.offset !== undefined) {
    const rows = db
      .prepare(`SELECT o.* FROM orders o ${whereSql} ORDER BY o.id DESC LIMIT ? OFFSET ?`)
      .all(...params, page.limit, page.offset) as OrderReadRow[];
    return { items: summaries(db, rows), nextCursor: null, total };
  }
  const before = decodeCursor<[number]>('orders', page.cursor, ['number'])?.[0] ?? null;
  const rows = db
    .prepare(
      `SELECT o.* FROM orders o ${whereSql} ${before === null ? '' : 'AND o.id < ?'} ORDER BY o.id DESC LIMIT ?`,
    )
    .all(...params, ...(before === null ? [] : [before]), page.limit + 1) as OrderReadRow[];
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1];
  return {
    items: summaries(db, shown),
    nextCursor: rows.length > page.limit && last ? encodeCursor('orders', [last.id]) : null,
    total,
  };
}

const stepView = (name: string, s: StoredStep | undefined) =>
  s
    ? {
        state: s.state as StoredStepState,
        failure: stepFailure(name, s.state, s.code, s.message),
        since: isoNow(s.since),
      }
    : { state: 'unspecified' as const, failure: null, since: null };
type StoredStepState = 'waiting' | 'in-progress' | 'done' | 'failed' | 'unspecified';

export function orderSummary(db: Db, remoteId: string): OrderSummary | null {
  const row = db.prepare('SELECT * FROM orders WHERE remote_id = ?').get(remoteId) as
    | OrderReadRow
    | undefined;
  return row ? (summaries(db, [row])[0] ?? null) : null;
}

export function orderDetail(db: Db, remoteId: string): OrderDetail | null {
  const row = db.prepare('SELECT * FROM orders WHERE remote_id = ?').get(remoteId) as
    | OrderReadRow
    | undefined;
  if (!row) return null;
  const summary = summaries(db, [row])[0] as OrderSummary;
  const numbers = (
    db
      .prepare(
        'SELECT phone, detail, updated_at FROM order_numbers WHERE order_id = ? ORDER BY phone LIMIT 500',
      )
      .all(row.id) as Array<{ phone: string; detail: string; updated_at: number }>
  ).map((n): OrderNumber => {
    const d = JSON.parse(n.detail) as OrderNumberDetail;
    const steps = {
      osrUpdate: stepView('osrUpdate', d.steps.osrUpdate),
      platformProvisioning: stepView('platformProvisioning', d.steps.platformProvisioning),
      campaignProvisioning: stepView('campaignProvisioning', d.steps.campaignProvisioning),
    };
    const carriers = {
      smsAtt: stepView('smsAtt', d.carriers.smsAtt),
      smsTmo: stepView('smsTmo', d.carriers.smsTmo),
      mmsAtt: stepView('mmsAtt', d.carriers.mmsAtt),
      mmsTmo: stepView('mmsTmo', d.carriers.mmsTmo),
    };
    const failure =
      [...Object.values(steps), ...Object.values(carriers)].find((s) => s.failure !== null)?.failure ?? null;
    return { phone: n.phone, steps, carriers, outcome: d.outcome, failure, updatedAt: isoNow(n.updated_at) };
  });
  return { ...summary, numbers };
}

/** Orders per contract state (orders.changed, orders.list). */
export function orderCounts(db: Db): OrderCounts {
  const counts = Object.fromEntries(ORDER_STATES.map((s) => [s, 0])) as OrderCounts;
  const rows = db
    .prepare('SELECT state, count(*) AS n FROM orders WHERE remote_id IS NOT NULL GROUP BY state')
    .all() as Array<{ state: string; n: number }>;
  for (const r of rows) counts[orderStateOf(r.state)] += r.n;
  return counts;
}

/** Orders a number was carried by, newest first (numbers.get, numbers.history). */
export function ordersOfNumber(db: Db, phone: string, limit: number) {
  return (
    db
      .prepare(
        `SELECT o.remote_id, o.kind, o.state, o.created_at, o.remote_created_at FROM order_numbers x
           JOIN orders o ON o.id = x.order_id WHERE x.phone = ? AND o.remote_id IS NOT NULL
          ORDER BY o.id DESC LIMIT ?`,
      )
      .all(phone, limit) as Array<{
      remote_id: string;
      kind: string;
      state: string;
      created_at: number;
      remote_created_at: number | null;
    }>
  ).map((o) => ({
    id: o.remote_id,
    type: orderTypeOf(o.kind),
    state: orderStateOf(o.state),
    createdAt: isoNow(o.created_at),
    createdMs: o.created_at,
  }));
}

/** Each number's order steps with the order id, for a number's history and its row's failure. */
export function lastOrderOfNumbers(db: Db, phones: readonly string[]): Map<string, string> {
  const rows = db
    .prepare(
      `SELECT x.phone, (SELECT o.remote_id FROM order_numbers y JOIN orders o ON o.id = y.order_id
                         WHERE y.phone = x.phone ORDER BY y.order_id DESC LIMIT 1) AS remote_id
         FROM (SELECT value AS phone FROM json_each(?)) x`,
    )
    .all(JSON.stringify(phones)) as Array<{ phone: string; remote_id: string | null }>;
  return new Map(rows.filter((r) => r.remote_id).map((r) => [r.phone, r.remote_id as string]));
}

/** Each number's entry (steps and carriers) in its newest order, as stored. */
export function latestOrderDetails(db: Db, phones: readonly string[]): Map<string, OrderNumberDetail> {
  const rows = db
    .prepare(
      `SELECT x.phone, (SELECT y.detail FROM order_numbers y WHERE y.phone = x.phone
                         ORDER BY y.order_id DESC LIMIT 1) AS detail
         FROM (SELECT value AS phone FROM json_each(?)) x`,
    )
    .all(JSON.stringify(phones)) as Array<{ phone: string; detail: string | null }>;
  return new Map(
    rows.filter((r) => r.detail).map((r) => [r.phone, JSON.parse(r.detail as string) as OrderNumberDetail]),
  );
}

/**
 * Adopted orders (found at Sinch, no job of ours) still in one of `states`, with their numbers: the
 * ones the sync loop should follow.
 */
export function adoptedOrdersIn(
  db: Db,
  states: readonly string[],
): Array<{ remoteId: string; kind: string; numbers: string[] }> {
  const rows = db
    .prepare(
      `SELECT o.id, o.remote_id, o.kind FROM orders o
        WHERE o.origin = 'adopted' AND o.job_id IS NULL AND o.remote_id IS NOT NULL
          AND o.state IN (SELECT value FROM json_each(?)) ORDER BY o.id`,
    )
    .all(JSON.stringify(states)) as Array<{ id: number; remote_id: string; kind: string }>;
  const numbersOf = db.prepare('SELECT phone FROM order_numbers WHERE order_id = ? ORDER BY phone').pluck();
  return rows.map((o) => ({ remoteId: o.remote_id, kind: o.kind, numbers: numbersOf.all(o.id) as string[] }));
}

/** Order row ids → Sinch ids (history rows store the row id). */
export function remoteIdsOfOrders(db: Db, rowIds: readonly number[]): Map<number, string> {
  if (rowIds.length === 0) return new Map();
  const rows = db
    .prepare('SELECT id, remote_id FROM orders WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(rowIds)) as Array<{ id: number; remote_id: string | null }>;
  return new Map(rows.filter((r) => r.remote_id).map((r) => [r.id, r.remote_id as string]));
}
