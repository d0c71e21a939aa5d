import { ORDER_STEPS, type OrderStepName } from '../../../shared/contract/orders';
import type { Db } from './database';
import { codeFailedStep, recordStepChanges, type StepChange } from './numbers';

/**
 * Hosting orders our jobs created, one row per Sinch order (a job may create, or find, several).
 * Written when the create's response is stored or reconciliation found the order by its displayName;
 * the pollers keep `state` current. This module is the only one that runs SQL on `orders`.
 */
export type OrderKind = 'import' | 'text-enable' | 'text-enable-toll-free';
export type OrderRow = {
  id: number;
  job_id: number | null;
  remote_id: string | null;
  kind: OrderKind;
  display_name: string | null;
  state: string;
  created_at: number;
  updated_at: number;
};

/** Record an order a job created (or found); idempotent per Sinch order id. An order discovered first
 *  (adopted) and then found by its job's reconciliation becomes the job's. */
export function recordOrder(
  db: Db,
  order: {
    jobId: number;
    remoteId: string;
    kind: OrderKind;
    displayName: string | null;
    state: string;
    at: number;
  },
): void {
  db.prepare(
    `INSERT INTO orders (job_id, remote_id, kind, display_name, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (remote_id) DO UPDATE SET job_id = coalesce(orders.job_id, excluded.job_id), origin = 'app'`,
  ).run(order.jobId, order.remoteId, order.kind, order.displayName, order.state, order.at, order.at);
}

/** The Sinch ids of the orders a job recorded, oldest first. */
export const orderIdsOfJob = (db: Db, jobId: number): string[] =>
  db
    .prepare('SELECT remote_id FROM orders WHERE job_id = ? AND remote_id IS NOT NULL ORDER BY id')
    .pluck()
    .all(jobId) as string[];

/** The Sinch order ids of each of these jobs (jobs without orders are absent), oldest first. */
export function orderIdsOfJobs(db: Db, jobIds: readonly number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (jobIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT job_id, remote_id FROM orders
        WHERE job_id IN (SELECT value FROM json_each(?)) AND remote_id IS NOT NULL ORDER BY id`,
    )
    .all(JSON.stringify(jobIds)) as Array<{ job_id: number; remote_id: string }>;
  for (const r of rows) {
    const list = out.get(r.job_id);
    if (list) list.push(r.remote_id);
    else out.set(r.job_id, [r.remote_id]);
  }
  return out;
}

/** A poll saw the order in `state`; true when that is a change. */
export function setOrderState(db: Db, remoteId: string, state: string, at: number): boolean {
  return (
    db
      .prepare('UPDATE orders SET state = ?, updated_at = ? WHERE remote_id = ? AND state IS NOT ?')
      .run(state, at, remoteId, state).changes === 1
  );
}

export const ordersOfJob = (db: Db, jobId: number): OrderRow[] =>
  db.prepare('SELECT * FROM orders WHERE job_id = ? ORDER BY id').all(jobId) as OrderRow[];

/** Forget every order (a Sandbox reset). */
export function clearOrders(db: Db): void {
  db.prepare('DELETE FROM orders').run();
}

/** The order with this Sinch id, if one of our jobs recorded it. */
export const orderByRemoteId = (db: Db, remoteId: string): OrderRow | null =>
  (db.prepare('SELECT * FROM orders WHERE remote_id = ?').get(remoteId) as OrderRow | undefined) ?? null;
// ── read model (issue 9): what the pollers, the report endpoint and discovery observe ─────────────

/** A step as observed: our step-state vocabulary (shared/contract STEP_STATES), Sinch's code and message. */
export type ObservedStep = { state: string; code: string | null; message: string | null };
/** A step as stored: plus since when it has been in that state. */
export type StoredStep = ObservedStep & { since: number };

/** What an order read (GET, list, create response) told us; absent fields are left as they are. */
export type OrderFacts = {
  remoteId: string;
  kind: OrderKind;
  /** Sinch's HostingOrderState, as received */
  state?: string | undefined;
  displayName?: string | undefined;
  regionCode?: string | undefined;
  servicePlanId?: string | undefined;
  campaignId?: string | undefined;
  loaKind?: 'direct' | 'reseller' | 'blanket' | undefined;
  loaRecipient?: string | undefined;
  scheduledOsrAt?: number | undefined;
  scheduledZipwhipAt?: number | undefined;
  remoteCreatedAt?: number | undefined;
  remoteUpdatedAt?: number | undefined;
};

export type OrderReadRow = OrderRow & {
  origin: 'app' | 'adopted';
  batch_id: string | null;
  region_code: string | null;
  service_plan_id: string | null;
  campaign_id: string | null;
  loa_kind: 'direct' | 'reseller' | 'blanket' | null;
  loa_recipient: string | null;
  loa_profile_id: string | null;
  scheduled_osr_at: number | null;
  scheduled_zipwhip_at: number | null;
  signature_waiting_since: number | null;
  remote_created_at: number | null;
  remote_updated_at: number | null;
  checked_at: number | null;
  report: string | null;
};

const WAITING_FOR_SIGNATURE = 'WAITING_FOR_LOA_SIGNATURE';

/**
 * Fold a read of the order into its row (creating it as `adopted` when `adopt` and it is unknown).
 * The signature wait starts the first time the order is seen waiting for it and ends when it leaves.
 * Returns the row id and whether anything a screen shows changed; null = unknown and not adopted.
 */
export function observeOrder(
  db: Db,
  facts: OrderFacts,
  at: number,
  options: { adopt?: boolean } = {},
): { id: number; created: boolean; changed: boolean; stateChanged: boolean } | null {
  const run = () => {
    let created = false;
    let row = db.prepare('SELECT * FROM orders WHERE remote_id = ?').get(facts.remoteId) as
      | OrderReadRow
      | undefined;
    if (!row) {
      if (!options.adopt) return null;
      db.prepare(
        `INSERT INTO orders (job_id, remote_id, kind, display_name, state, created_at, updated_at, origin)
         VALUES (NULL, ?, ?, ?, ?, ?, ?, 'adopted')`,
      ).run(facts.remoteId, facts.kind, facts.displayName ?? null, facts.state ?? 'SUBMITTED', at, at);
      row = db.prepare('SELECT * FROM orders WHERE remote_id = ?').get(facts.remoteId) as OrderReadRow;
      created = true;
    }
    const state = facts.state ?? row.state;
    const waitingSince =
      state === WAITING_FOR_SIGNATURE
        ? row.state === WAITING_FOR_SIGNATURE
          ? (row.signature_waiting_since ?? at)
          : at
        : null;
    const next = {
      state,
      display_name: facts.displayName ?? row.display_name,
      region_code: facts.regionCode ?? row.region_code,
      service_plan_id: facts.servicePlanId || row.service_plan_id,
      campaign_id: facts.campaignId || row.campaign_id,
      loa_kind: facts.loaKind ?? row.loa_kind,
      loa_recipient: facts.loaRecipient ?? row.loa_recipient,
      scheduled_osr_at: facts.scheduledOsrAt ?? row.scheduled_osr_at,
      scheduled_zipwhip_at: facts.scheduledZipwhipAt ?? row.scheduled_zipwhip_at,
      signature_waiting_since: waitingSince,
      remote_created_at: facts.remoteCreatedAt ?? row.remote_created_at,
      remote_updated_at: facts.remoteUpdatedAt ?? row.remote_updated_at,
    };
    const changed = (Object.keys(next) as Array<keyof typeof next>).some((k) => next[k] !== row[k]);
    db.prepare(
      `UPDATE orders SET state = @state, display_name = @display_name, region_code = @region_code,
         service_plan_id = @service_plan_id, campaign_id = @campaign_id, loa_kind = @loa_kind,
         loa_recipient = @loa_recipient, scheduled_osr_at = @scheduled_osr_at,
         scheduled_zipwhip_at = @scheduled_zipwhip_at, signature_waiting_since = @signature_waiting_since,
         remote_created_at = @remote_created_at, remote_updated_at = @remote_updated_at,
         checked_at = @at, updated_at = CASE WHEN @changed THEN @at ELSE updated_at END
       WHERE id = @id`,
    ).run({ ...next, at, changed: changed ? 1 : 0, id: row.id });
    return { id: row.id, created, changed: changed || created, stateChanged: created || state !== row.state };
  };
  return db.inTransaction ? run() : db.transaction(run).immediate();
}

/** What a created order's request carried (the response does not repeat it). */
export function recordOrderRequest(
  db: Db,
  remoteId: string,
  request: {
    batchId: string | null;
    loaProfileId: string | null;
    numbers: readonly string[];
    at: number;
  },
): void {
  const run = () => {
    const id = db.prepare('SELECT id FROM orders WHERE remote_id = ?').pluck().get(remoteId) as
      | number
      | undefined;
    if (id === undefined) return;
    db.prepare(
      `UPDATE orders SET batch_id = coalesce(batch_id, ?), loa_profile_id = coalesce(loa_profile_id, ?) WHERE id = ?`,
    ).run(request.batchId, request.loaProfileId, id);
    addOrderNumbers(db, id, request.numbers, request.at);
  };
  if (db.inTransaction) run();
  else db.transaction(run).immediate();
}

const waitingStep = (at: number): StoredStep => ({ state: 'waiting', code: null, message: null, since: at });

/** The numbers an order carries, before any read of its steps: every step waiting. */
function addOrderNumbers(db: Db, orderRowId: number, phones: readonly string[], at: number): void {
  const detail = JSON.stringify({
    steps: {
      osrUpdate: waitingStep(at),
      platformProvisioning: waitingStep(at),
      campaignProvisioning: waitingStep(at),
    },
    carriers: {},
    outcome: null,
  });
  db.prepare(
    `INSERT INTO order_numbers (order_id, phone, osr_state, platform_state, campaign_state, detail, updated_at)
     SELECT ?, value, 'waiting', 'waiting', 'waiting', ?, ? FROM json_each(?) WHERE true
     ON CONFLICT (order_id, phone) DO NOTHING`,
  ).run(orderRowId, detail, at, JSON.stringify(phones));
}

/** One number inside an order as a read of the order's numbers showed it. */
export type ObservedOrderNumber = {
  phone: string;
  steps: { osrUpdate: ObservedStep; platformProvisioning: ObservedStep; campaignProvisioning: ObservedStep };
  carriers: Record<string, ObservedStep>;
  outcome: 'hosted' | 'failed' | null;
};
export type OrderNumberDetail = {
  steps: Record<'osrUpdate' | 'platformProvisioning' | 'campaignProvisioning', StoredStep>;
  carriers: Record<string, StoredStep>;
  outcome: 'hosted' | 'failed' | null;
};

const sameStep = (a: ObservedStep | undefined, b: ObservedStep) =>
  a !== undefined && a.state === b.state && a.code === b.code && a.message === b.message;

/**
 * Fold a read of an order's numbers into `order_numbers`, and append every step that changed to the
 * number's step history (`number_steps`, through ./numbers). Returns the phones that changed.
 */
export function observeOrderNumbers(
  db: Db,
  remoteId: string,
  numbers: readonly ObservedOrderNumber[],
  at: number,
): string[] {
  const run = () => {
    const orderRowId = db.prepare('SELECT id FROM orders WHERE remote_id = ?').pluck().get(remoteId) as
      | number
      | undefined;
    if (orderRowId === undefined) return [];
    const read = db.prepare('SELECT detail FROM order_numbers WHERE order_id = ? AND phone = ?').pluck();
    const write = db.prepare(
      `INSERT INTO order_numbers (order_id, phone, osr_state, platform_state, campaign_state, detail, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (order_id, phone) DO UPDATE SET osr_state = excluded.osr_state,
         platform_state = excluded.platform_state, campaign_state = excluded.campaign_state,
         detail = excluded.detail, updated_at = excluded.updated_at`,
    );
    const changedPhones: string[] = [];
    const history: StepChange[] = [];
    for (const n of numbers) {
      const json = read.get(orderRowId, n.phone) as string | undefined;
      const before = json ? (JSON.parse(json) as OrderNumberDetail) : null;
      let changed = before === null || before.outcome !== n.outcome;
      const fold = (
        group: Record<string, StoredStep> | undefined,
        observed: Record<string, ObservedStep>,
        keepCodes = false,
      ) => {
        const out: Record<string, StoredStep> = {};
        for (const [name, seen] of Object.entries(observed)) {
          const prev = group?.[name];
          // Sinch's order listings carry no code for these steps: one a callback gave is kept
          // (recordOrderStepCode), so the step's failure names it once the poll sees it failed.
          const step = keepCodes && seen.code === null && prev?.code ? { ...seen, code: prev.code } : seen;
          if (sameStep(prev, step) && prev) out[name] = prev;
          else {
            out[name] = { ...step, since: at };
            changed = true;
            // a fresh row of waiting steps is not an observation worth a history line
            if (prev || step.state !== 'waiting')
              history.push({ phone: n.phone, at, orderRowId, step: name, ...step });
          }
        }
        return out;
      };
      const detail: OrderNumberDetail = {
        steps: fold(before?.steps, n.steps, true) as OrderNumberDetail['steps'],
        carriers: fold(before?.carriers, n.carriers),
        outcome: n.outcome,
      };
      if (!changed) continue;
      changedPhones.push(n.phone);
      write.run(
        orderRowId,
        n.phone,
        n.steps.osrUpdate.state,
        n.steps.platformProvisioning.state,
        n.steps.campaignProvisioning.state,
        JSON.stringify(detail),
        at,
      );
    }
    recordStepChanges(db, history);
    return changedPhones;
  };
  return db.inTransaction ? run() : db.transaction(run).immediate();
}

/**
 * A failure code a callback gave for a number's step in its newest order (REFERENCE §8.2: the order's
 * per-number steps carry none). `step` null = the number's overall outcome (HOSTING_PROCESS): the code
 * goes to the step that failed, or to the one still running (the poll will see it fail). A step's code
 * is never replaced. Whether the step failed stays the poll's to say; if it already said so, its
 * history row gets the code too. Returns the order's Sinch id when a code was stored.
 */
export function recordOrderStepCode(
  db: Db,
  phone: string,
  step: OrderStepName | null,
  code: string,
  at: number,
): string | null {
  const run = () => {
    const row = db
      .prepare(
        `SELECT x.order_id, x.detail, o.remote_id FROM order_numbers x JOIN orders o ON o.id = x.order_id
          WHERE x.phone = ? ORDER BY x.order_id DESC LIMIT 1`,
      )
      .get(phone) as { order_id: number; detail: string; remote_id: string | null } | undefined;
    if (!row?.remote_id) return null;
    const detail = JSON.parse(row.detail) as OrderNumberDetail;
    const target =
      step ??
      ORDER_STEPS.find((s) => detail.steps[s]?.state === 'failed') ??
      ORDER_STEPS.find((s) => ['waiting', 'in-progress'].includes(detail.steps[s]?.state ?? ''));
    const stored = target ? detail.steps[target] : undefined;
    if (!target || !stored || stored.code) return null;
    stored.code = code;
    db.prepare('UPDATE order_numbers SET detail = ?, updated_at = ? WHERE order_id = ? AND phone = ?').run(
      JSON.stringify(detail),
      at,
      row.order_id,
      phone,
    );
    if (stored.state === 'failed') codeFailedStep(db, phone, row.order_id, target, code);
    return row.remote_id;
  };
  return db.inTransaction ? run() : db.transaction(run).immediate();
}

/** Sinch's report of an order, as read now; true when its counts changed. */
export function setOrderReport(
  db: Db,
  remoteId: string,
  report: {
    total: number;
    osrUpdated: number;
    smsProvisioned: number;
    addedToCampaign: number;
    ongoingManualAction: number;
  },
  at: number,
): boolean {
  const before = db.prepare('SELECT report FROM orders WHERE remote_id = ?').pluck().get(remoteId) as
    | string
    | null
    | undefined;
  if (before === undefined) return false;
  const old = before ? (JSON.parse(before) as typeof report & { readAt: number }) : null;
  const changed =
    !old || (Object.keys(report) as Array<keyof typeof report>).some((k) => old[k] !== report[k]);
  db.prepare(
    `UPDATE orders SET report = ?, checked_at = ?, updated_at = CASE WHEN ? THEN ? ELSE updated_at END
     WHERE remote_id = ?`,
  ).run(JSON.stringify({ ...report, readAt: at }), at, changed ? 1 : 0, at, remoteId);
  return changed;
}

/** Orders Sinch is still working on, least recently checked first (orders.refresh without ids). */
export const ordersInFlight = (db: Db, states: readonly string[], limit: number): string[] =>
  db
    .prepare(
      `SELECT remote_id FROM orders WHERE remote_id IS NOT NULL AND state IN (SELECT value FROM json_each(?))
       ORDER BY coalesce(checked_at, 0), id LIMIT ?`,
    )
    .pluck()
    .all(JSON.stringify(states), limit) as string[];

export const orderKindOf = (db: Db, remoteId: string): OrderKind | null =>
  (db.prepare('SELECT kind FROM orders WHERE remote_id = ?').pluck().get(remoteId) as
    | OrderKind
    | undefined) ?? null;

/** An adopted order's kind once its numbers show it (toll-free numbers make a toll-free text-enable). */
export function setAdoptedOrderKind(db: Db, remoteId: string, kind: OrderKind): void {
  db.prepare(`UPDATE orders SET kind = ? WHERE remote_id = ? AND origin = 'adopted'`).run(kind, remoteId);
}
/** Order states after which Sinch does nothing more (REFERENCE.md §7.3). */
export const FINISHED_ORDER_STATES: ReadonlySet<string> = new Set(['COMPLETED', 'REJECTED']);

/** The orders a job recorded that are still running at Sinch (not COMPLETED or REJECTED). */
export const openOrdersOfJob = (db: Db, jobId: number): OrderRow[] =>
  ordersOfJob(db, jobId).filter((o) => o.remote_id !== null && !FINISHED_ORDER_STATES.has(o.state));
