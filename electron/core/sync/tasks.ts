import { z } from 'zod';
import { addBusinessDays } from '../../../shared/domain/business-days';
import { type OperationSettings, SINCH_ORDERS_EMAIL } from '../../../shared/domain/operation-settings';
import { type NumberState, plannedCallSchema, type TaskName } from '../../../shared/domain/tasks';
import type { HostingOrder, QualifiedNumber } from '../../../shared/sinch';
import type { JobQueue, Lease } from '../queue/job-queue';
import { SinchApiError, type SinchClient } from '../sinch';
import type { Db } from '../store/database';
import {
  invoiceEmailedAt,
  noteCount,
  noteNumbers,
  numberStates,
  numbersInStates,
  setNumberState,
} from '../store/numbers';
import {
  observeOrder,
  orderIdsOfJob,
  recordOrderRequest,
  recordOrder as storeOrder,
  setOrderState,
} from '../store/orders';
import {
  ALL_ORDER_STATES,
  importedNumberState,
  isLocallyReady,
  localQualifiedState,
  orderLocalState,
  orderNumberState,
  READY_FOR_TEXT_ENABLE,
  REFUSED_FOR_TEXT_ENABLE,
  TEXT_ENABLE_LANDED,
} from './remote-state';
import {
  importNumberBody,
  importOrderBody,
  linkBody,
  qualifyBody,
  textEnableBody,
  unlinkBody,
} from './wire-body';

/**
 * One handler per job task. A handler reads the lease (payload, phase, whether an earlier send may
 * have landed), talks to Sinch through `ctx`, writes per-number states, and returns what the queue
 * should do next. Sinch errors it does not understand are thrown and classified by the engine
 * (offline, credentials, 429, retry, fail). Reconciliation (DESIGN.md table) lives here.
 */

/** The job as the hooks see it. */
export type SyncJob = { id: number; key: string; operation: string };

export type SyncHooks = {
  /** After the intent is committed, before the request leaves (crash-test seam). */
  afterIntentRecorded?(job: SyncJob): Promise<void> | void;
  /** The response (or an HTTP error) is in hand, nothing of it stored yet (crash-test seam). */
  afterResponseReceived?(job: SyncJob): Promise<void> | void;
  /** Every job change the loop makes, unthrottled (harnesses; the engine's events are coalesced). */
  jobsChanged?(ids: number[]): void;
  /** Every state change of the loop, unthrottled (harnesses). */
  stateChanged?(state: { status: string }): void;
};

// The request bodies are built in wire-body.ts, the one set of builders plan.call shows too.
export type { LoaInfo, LoaResolver } from './wire-body';
import type { LoaResolver } from './wire-body';

export type PollPolicy = {
  /** interval while something moved at the last look */
  fastMs: number;
  /** an idle look costs at most one call per `slowMs` (DESIGN.md: one call per minute) */
  slowMs: number;
};
export const DEFAULT_POLL: PollPolicy = { fastMs: 5_000, slowMs: 60_000 };

export type WaitCondition = {
  phase: 'qualification' | 'follow';
  /** what a follow watches */
  target?: 'order' | 'imported' | 'unlinked' | 'linked';
  orderIds?: string[];
  /** fingerprint of what the last look saw, and the interval it chose */
  seen: string;
  intervalMs: number;
  /** when this wait began (epoch ms): remote waits end after a limit (issue 9 defect 2) */
  since?: number;
  /** a text-enable Sinch refused at ELIGIBLE: only VERIFIED numbers count as ready */
  needsVerified?: boolean;
};

export type Outcome =
  | { kind: 'done'; summary: string; status?: number; result?: unknown }
  | { kind: 'wait'; condition: WaitCondition; pollAfterMs: number; summary: string; status?: number }
  | { kind: 'fail'; message: string; status?: number; details?: unknown }
  | { kind: 'lost' }
  /** the remote condition is met: hand the job back as a fresh send (its attempts count again) */
  | { kind: 'ready'; summary: string };

export type TaskContext = {
  db: Db;
  queue: JobQueue;
  client: SinchClient;
  now(): number;
  lease: Lease;
  job: SyncJob;
  payload: JobPayload;
  /** the phase the job waits in (null on a first send) */
  wait: WaitCondition | null;
  /** an earlier attempt recorded an intent: the create may have landed, read before re-sending */
  mayHaveLanded: boolean;
  loa: LoaResolver;
  poll: PollPolicy;
  textEnableVia: 'hostingOrders' | 'qualifiedNumbers';
  /** the workspace's operation settings (review limit, voice attempts) */
  settings: OperationSettings;
  /**
   * Numbers in a pending qualification state (check pending, verification pending or failed), from
   * a listing shared by every job of the engine for a short while; `calls` = requests this look paid.
   */
  pendingQualified(): Promise<{ phones: ReadonlySet<string>; calls: number }>;
  /** Record the intent, run the hooks, send. `null` = the lease was lost: do not send. */
  send<T>(summary: string, call: () => Promise<T>): Promise<T | null>;
};

/**
 * The job payload: a planned call (shared/domain/tasks `plannedCallSchema`) or a single-number action
 * (sync/actions.ts: its numbers, plus the code for a verify). The fields the tasks read are the planned
 * call's own; only `numbers` is required, because an action carries nothing else.
 */
export const jobPayloadSchema = plannedCallSchema
  .pick({
    regionCode: true,
    servicePlanId: true,
    campaignId: true,
    loaProfileId: true,
    loaType: true,
    displayName: true,
  })
  .extend({
    numbers: plannedCallSchema.shape.numbers,
    /** verifyVoiceChallenge: the code the user heard */
    code: z.string().optional(),
    /** updateImportedNumber: the fields to change (absent = unchanged) */
    update: z.object({ displayName: z.string().optional(), callbackUrl: z.string().optional() }).optional(),
    /** followOrder: the orders to watch and what they do */
    orderIds: z.array(z.string()).optional(),
    orderKind: z.enum(['import', 'text-enable']).optional(),
  })
  .loose();
export type JobPayload = z.infer<typeof jobPayloadSchema>;

export type TaskHandler = (ctx: TaskContext) => Promise<Outcome>;

/** Above this many undecided numbers the qualification gate lists pending states instead of reading each. */
export const GATE_LIST_THRESHOLD = 20;

/** Remote failure of an accepted request (provisioning failed, order rejected). Not retried. */
export const REMOTE_FAILED_STATUS = 422;

// ── helpers ────────────────────────────────────────────────────────────────────────────────────────

const isStatus = (e: unknown, status: number) => e instanceof SinchApiError && e.httpStatus === status;

async function orNotFound<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (isStatus(e, 404)) return null;
    throw e;
  }
}

function mark(ctx: TaskContext, phones: readonly string[], state: NumberState, note?: string) {
  if (phones.length === 0) return;
  setNumberState(ctx.db, phones, state, ctx.now(), {
    jobId: ctx.job.id,
    ...(note !== undefined ? { note } : {}),
  });
}

/** Adaptive interval: fast right after a change, doubling while nothing moves, capped so that an idle
 *  look of `calls` requests costs at most one request per `slowMs`. */
export function nextInterval(previous: WaitCondition | null, seen: string, calls: number, poll: PollPolicy) {
  if (!previous || previous.seen !== seen) return poll.fastMs;
  const cap = poll.slowMs * Math.max(1, calls);
  return Math.min(cap, Math.max(poll.fastMs, previous.intervalMs * 2));
}

function waitFor(
  ctx: TaskContext,
  condition: Omit<WaitCondition, 'intervalMs'>,
  calls: number,
  summary: string,
  status?: number,
): Outcome {
  const previous = ctx.wait && ctx.wait.phase === condition.phase ? ctx.wait : null;
  const intervalMs = nextInterval(previous, condition.seen, calls, ctx.poll);
  const since = previous?.since ?? ctx.now();
  return {
    kind: 'wait',
    condition: { ...condition, intervalMs, since },
    pollAfterMs: intervalMs,
    summary,
    ...(status !== undefined ? { status } : {}),
  };
}

function recordOrder(
  ctx: TaskContext,
  order: { hostingOrderId?: string | undefined; state?: string | undefined },
  kind: 'import' | 'text-enable' | 'text-enable-toll-free',
) {
  if (!order.hostingOrderId) return;
  const at = ctx.now();
  storeOrder(ctx.db, {
    jobId: ctx.job.id,
    remoteId: order.hostingOrderId,
    kind,
    displayName: ctx.payload.displayName ?? null,
    state: order.state ?? 'SUBMITTED',
    at,
  });
  recordOrderContext(ctx, order.hostingOrderId, kind, at);
}

/**
 * The read model's view of an order a job created: what the request carried (numbers, plan, campaign,
 * LOA kind and recipient, batch), which the order's own reads do not all repeat.
 */
function recordOrderContext(
  ctx: TaskContext,
  remoteId: string,
  kind: 'import' | 'text-enable' | 'text-enable-toll-free',
  at: number,
) {
  const p = ctx.payload;
  const loaType = p.loaType as 'direct' | 'reseller' | 'blanket' | undefined;
  const loa = p.loaProfileId && loaType && loaType !== 'blanket' ? ctx.loa(p.loaProfileId, loaType) : null;
  observeOrder(
    ctx.db,
    {
      remoteId,
      kind,
      regionCode: p.regionCode,
      servicePlanId: p.servicePlanId,
      campaignId: p.campaignId,
      loaKind: kind === 'import' ? undefined : loaType,
      loaRecipient: loa?.info.authorisedPerson.email,
    },
    at,
  );
  recordOrderRequest(ctx.db, remoteId, {
    batchId: ctx.queue.get(ctx.job.id)?.batch_id ?? null,
    loaProfileId: p.loaProfileId ?? null,
    numbers: inOrder(ctx),
    at,
  });
}

function recordedOrders(ctx: TaskContext): string[] {
  return orderIdsOfJob(ctx.db, ctx.job.id);
}

/** Orders whose displayName carries our job key (the planner puts it there), found by listing with the
 *  call's own four filters (§5.2 (6): all four are required). */
async function ordersByDisplayName(
  ctx: TaskContext,
  type: 'IMPORT' | 'TYPE_TEXT_ENABLE',
): Promise<HostingOrder[]> {
  const p = ctx.payload;
  if (!p.displayName || !p.servicePlanId) return [];
  const found: HostingOrder[] = [];
  for await (const o of ctx.client.iterateHostingOrders(
    {
      states: [...ALL_ORDER_STATES],
      type,
      servicePlanId: p.servicePlanId,
      campaignId: p.campaignId ?? '',
      ...(p.regionCode ? { regionCode: p.regionCode } : {}),
      pageSize: 100,
    },
    { job: ctx.job.key },
  )) {
    if (o.displayName === p.displayName) found.push(o);
  }
  return found;
}

function followOrders(ctx: TaskContext, orderIds: string[], summary: string, status?: number): Outcome {
  return waitFor(ctx, { phase: 'follow', target: 'order', orderIds, seen: '' }, 1, summary, status);
}

/** Local states of numbers an order no longer carries (already there, or left out). */
const SETTLED_IN_ORDER = ['imported', 'hosted', 'failed', 'not-eligible', 'verification-blocked'] as const;

/** The job's numbers an order carries: not those found already imported/hosted, nor those left out. */
function inOrder(ctx: TaskContext): string[] {
  const settled = numbersInStates(ctx.db, ctx.payload.numbers, SETTLED_IN_ORDER);
  return ctx.payload.numbers.filter((n) => !settled.has(n));
}

/** Poll the orders a job created: order state, then (once it moves) every number's steps. */
async function pollOrders(ctx: TaskContext, kind: 'import' | 'text-enable'): Promise<Outcome> {
  const ids = ctx.wait?.orderIds ?? [];
  let calls = 0;
  const seen: string[] = [];
  let allFinished = true;
  let rejected: string[] = [];
  const failedNumbers: string[] = [];
  for (const id of ids) {
    const order = await ctx.client.getHostingOrder(id, { job: ctx.job.key });
    calls++;
    setOrderState(ctx.db, id, order.state ?? 'SUBMITTED', ctx.now());
    seen.push(`${id}:${order.state}`);
    const state = order.state ?? 'SUBMITTED';
    if (state === 'IN_PROGRESS' || state === 'COMPLETED') {
      for await (const page of ctx.client.pages(
        'listHostingOrderNumbers',
        { hostingOrderId: id },
        { pageSize: 100 },
        { job: ctx.job.key },
      )) {
        calls++;
        for (const n of page.numbers ?? []) {
          if (!n.phoneNumber) continue;
          const s = orderNumberState(n, kind);
          seen.push(`${n.phoneNumber}:${s.note}`);
          mark(ctx, [n.phoneNumber], s.state, s.note);
          if (s.failed) failedNumbers.push(n.phoneNumber);
          else if (!s.finished) allFinished = false;
        }
      }
      if (state !== 'COMPLETED') allFinished = false;
    } else if (state === 'REJECTED') {
      rejected = [...rejected, id];
      mark(ctx, inOrder(ctx), 'rejected', `order ${id} rejected`);
    } else {
      allFinished = false;
      mark(ctx, inOrder(ctx), orderLocalState(order), `order ${id} ${state}`);
    }
  }
  if (rejected.length > 0)
    return {
      kind: 'fail',
      message: `Hosting order ${rejected.join(', ')} was rejected.`,
      status: REMOTE_FAILED_STATUS,
      details: { orders: rejected },
    };
  if (allFinished) {
    if (failedNumbers.length > 0)
      return {
        kind: 'fail',
        message: `${numbersWord(failedNumbers.length)} failed provisioning: ${failedNumbers.slice(0, 10).join(', ')}`,
        status: REMOTE_FAILED_STATUS,
        details: { failedNumbers },
      };
    return { kind: 'done', summary: `Order ${ids.join(', ')} completed`, result: { orderIds: ids } };
  }
  return waitFor(
    ctx,
    { phase: 'follow', target: 'order', orderIds: ids, seen: seen.join('|') },
    calls,
    `Following order ${ids.join(', ')}`,
  );
}

/** Poll an imported number's provisioning (import, unlink, link). */
async function pollImported(ctx: TaskContext, target: 'imported' | 'unlinked' | 'linked'): Promise<Outcome> {
  const phone = ctx.payload.numbers[0] as string;
  const n = await orNotFound(ctx.client.getImportedNumber(phone, { job: ctx.job.key }));
  if (!n) return waitFor(ctx, { phase: 'follow', target, seen: 'absent' }, 1, `${phone} not listed yet`);
  const s = importedNumberState(n, target);
  mark(ctx, [phone], s.state, s.note);
  if (s.failed) return { kind: 'fail', message: `${phone}: ${s.note}`, status: REMOTE_FAILED_STATUS };
  if (s.finished) return { kind: 'done', summary: `${phone} ${s.state}`, result: { state: s.state } };
  return waitFor(ctx, { phase: 'follow', target, seen: s.note }, 1, `${phone} ${s.note}`);
}

const smsPlan = (n: {
  smsConfiguration?: { servicePlanId?: string | undefined; campaignId?: string | undefined } | undefined;
}) => ({
  servicePlanId: n.smsConfiguration?.servicePlanId ?? '',
  campaignId: n.smsConfiguration?.campaignId ?? '',
});

// ── remote waits end (issue 9 defect 2) ──────────────────────────────────────────────────────────

/**
 * Whether a wait for Sinch's qualification review has passed the workspace's limit: counted in business
 * days from when the wait began, or from the latest recorded invoice e-mail of these numbers if later
 * (evidence sent late restarts the clock). The invoice lookups run only once the wait itself is overdue.
 */
export function qualificationOverdue(ctx: TaskContext, phones: readonly string[]): boolean {
  const since = ctx.wait?.since;
  if (since === undefined) return false;
  const days = ctx.settings.qualificationReviewLimitBusinessDays;
  if (ctx.now() < addBusinessDays(since, days)) return false;
  let start = since;
  for (const phone of phones) start = Math.max(start, invoiceEmailedAt(ctx.db, phone) ?? 0);
  return ctx.now() >= addBusinessDays(start, days);
}

const listed = (phones: readonly string[]) =>
  `${phones.slice(0, 5).join(', ')}${phones.length > 5 ? ` and ${phones.length - 5} more` : ''}`;

/** The clear outcome of a qualification wait that ran out (what to do, whom to write to). */
function qualificationTimedOut(
  ctx: TaskContext,
  pending: readonly string[],
  absent: readonly string[],
  needsVerification: readonly string[] = [],
): Outcome {
  const days = ctx.settings.qualificationReviewLimitBusinessDays;
  const parts: string[] = [];
  if (pending.length > 0)
    parts.push(
      `Sinch has not decided the qualification of ${listed(pending)} within ${days} business days. Write to ${SINCH_ORDERS_EMAIL} with these numbers and the date you e-mailed the invoices, then retry this job.`,
    );
  if (absent.length > 0)
    parts.push(
      `${listed(absent)} ${absent.length === 1 ? 'is' : 'are'} not a qualified number at Sinch. Qualify ${absent.length === 1 ? 'it' : 'them'} first, then retry this job.`,
    );
  if (needsVerification.length > 0)
    parts.push(
      `${listed(needsVerification)} must be verified (voice call or invoices) before text-enablement, and ${needsVerification.length === 1 ? 'was' : 'were'} not verified within ${days} business days. Verify, then retry this job.`,
    );
  mark(ctx, [...pending, ...absent, ...needsVerification], 'failed', 'qualification wait ran out');
  return {
    kind: 'fail',
    message: parts.join(' '),
    status: REMOTE_FAILED_STATUS,
    details: {
      reason: 'qualification-timeout',
      pending,
      absent,
      needsVerification,
      limitBusinessDays: days,
    },
  };
}

// ── importNumber: POST importedNumbers (workflow A) ───────────────────────────────────────────────

const importNumber: TaskHandler = async (ctx) => {
  if (ctx.wait?.phase === 'follow') return pollImported(ctx, 'imported');
  const p = ctx.payload;
  const phone = p.numbers[0] as string;
  const matches = (n: Parameters<typeof smsPlan>[0]) => {
    const s = smsPlan(n);
    return s.servicePlanId === p.servicePlanId && s.campaignId === (p.campaignId ?? '');
  };
  const landed = () =>
    waitFor(ctx, { phase: 'follow', target: 'imported', seen: '' }, 1, `${phone} imported`);
  if (ctx.mayHaveLanded) {
    // DESIGN.md: GET importedNumbers/{n} finds it with our service plan.
    const existing = await orNotFound(ctx.client.getImportedNumber(phone, { job: ctx.job.key }));
    if (existing && matches(existing)) {
      mark(ctx, [phone], 'provisioning', 'reconciled: the import had landed');
      return landed();
    }
  }
  mark(ctx, [phone], 'import-sent');
  try {
    const res = await ctx.send(`POST importedNumbers ${phone}`, () =>
      ctx.client.importNumber(importNumberBody(p, phone), { job: ctx.job.key }),
    );
    if (res === null) return { kind: 'lost' };
    mark(ctx, [phone], 'provisioning');
    return landed();
  } catch (e) {
    if (!isStatus(e, 409)) throw e;
    // 409 is success only when the existing number is ours: same service plan and campaign.
    const existing = await orNotFound(ctx.client.getImportedNumber(phone, { job: ctx.job.key }));
    if (existing && matches(existing)) {
      mark(ctx, [phone], 'provisioning', '409: already imported with our service plan');
      return landed();
    }
    mark(ctx, [phone], 'failed', 'already imported elsewhere');
    return {
      kind: 'fail',
      message: `${phone} is already imported with another service plan or campaign (409).`,
      status: 409,
      details: existing ? smsPlan(existing) : null,
    };
  }
};

// ── importNumbersOrder: POST hostingOrders:importNumbers (workflow B) ───────────────────────────

const importNumbersOrder: TaskHandler = async (ctx) => {
  if (ctx.wait?.phase === 'follow') return pollOrders(ctx, 'import');
  const p = ctx.payload;
  let toSend = p.numbers;
  const reconcile = async (): Promise<Outcome | null> => {
    const known = recordedOrders(ctx);
    if (known.length > 0) return followOrders(ctx, known, 'reconciled: order id recorded');
    const listed = await ordersByDisplayName(ctx, 'IMPORT');
    if (listed.length > 0) {
      for (const o of listed) recordOrder(ctx, o, 'import');
      return followOrders(
        ctx,
        listed.map((o) => o.hostingOrderId as string),
        'reconciled: order found by displayName',
      );
    }
    // Every number of the chunk is an imported number with our plan → landed; some → send only the rest.
    const missing: string[] = [];
    for (const phone of p.numbers) {
      const n = await orNotFound(ctx.client.getImportedNumber(phone, { job: ctx.job.key }));
      if (!n || smsPlan(n).servicePlanId !== p.servicePlanId) missing.push(phone);
    }
    const present = p.numbers.filter((n) => !missing.includes(n));
    if (present.length > 0) mark(ctx, present, 'imported', 'reconciled: already an imported number');
    if (missing.length === 0)
      return { kind: 'done', summary: 'reconciled: every number is imported', result: { orderIds: [] } };
    toSend = missing;
    return null;
  };
  if (ctx.mayHaveLanded) {
    const r = await reconcile();
    if (r) return r;
  }
  const sendOrder = async (numbers: string[]): Promise<Outcome> => {
    const body = importOrderBody(p, numbers);
    const order = await ctx.send(`POST hostingOrders:importNumbers ${numbers.length} numbers`, () =>
      ctx.client.importNumbersOrder(body, { job: ctx.job.key }),
    );
    if (order === null) return { kind: 'lost' };
    recordOrder(ctx, order, 'import');
    mark(ctx, numbers, 'ordered', `import order ${order.hostingOrderId}`);
    return followOrders(ctx, recordedOrders(ctx), `order ${order.hostingOrderId} ${order.state}`, 200);
  };
  try {
    return await sendOrder(toSend);
  } catch (e) {
    if (!isStatus(e, 409)) throw e;
    // A 409 means a number is imported or in an open order: ours only if reconciliation says so.
    const sent = toSend;
    const r = await reconcile();
    if (r) return r;
    if (toSend.length < sent.length) {
      // Some numbers are already ours: send the rest once more; a second 409 is a real conflict.
      try {
        return await sendOrder(toSend);
      } catch (again) {
        if (!isStatus(again, 409)) throw again;
      }
    }
    mark(ctx, toSend, 'failed', 'refused with 409: imported or ordered elsewhere');
    return {
      kind: 'fail',
      message: `Sinch refused the order (409) and ${numbersWord(toSend.length)} are not ours: ${toSend.slice(0, 10).join(', ')}`,
      status: 409,
      details: { numbers: toSend },
    };
  }
};

// ── qualifyNumbers: POST qualifiedNumbers:addNumbers (workflow C) ─────────────────────────────────

const qualifyNumbers: TaskHandler = async (ctx) => {
  const p = ctx.payload;
  const recordStates = (list: QualifiedNumber[]) => {
    for (const q of list) if (q.phoneNumber) mark(ctx, [q.phoneNumber], localQualifiedState(q));
  };
  // GET qualifiedNumbers/{n} finds each number (DESIGN.md); returns the ones still missing.
  const missingRemote = async (): Promise<string[]> => {
    const missing: string[] = [];
    for (const phone of p.numbers) {
      const q = await orNotFound(ctx.client.getQualifiedNumber(phone, { job: ctx.job.key }));
      if (q) recordStates([q]);
      else missing.push(phone);
    }
    return missing;
  };
  let toSend = p.numbers;
  if (ctx.mayHaveLanded) {
    toSend = await missingRemote();
    if (toSend.length === 0)
      return { kind: 'done', summary: 'reconciled: every number is qualified', result: { sent: 0 } };
  }
  try {
    const res = await ctx.send(`POST qualifiedNumbers:addNumbers ${toSend.length} numbers`, () =>
      ctx.client.addQualifiedNumbers(qualifyBody(toSend), { job: ctx.job.key }),
    );
    if (res === null) return { kind: 'lost' };
    mark(ctx, toSend, 'qualifying');
    recordStates(res.qualifiedNumbers ?? []);
    return {
      kind: 'done',
      summary: `${toSend.length} numbers added for qualification`,
      status: 200,
      result: { sent: toSend.length },
    };
  } catch (e) {
    if (!isStatus(e, 409)) throw e;
    // A qualified number carries nothing but its number: existing in our project is a match.
    const still = await missingRemote();
    if (still.length === 0)
      return { kind: 'done', summary: '409: every number already qualified', status: 409 };
    if (still.length < toSend.length) {
      const again = await ctx.send(
        `POST qualifiedNumbers:addNumbers ${still.length} numbers (rest existed)`,
        () => ctx.client.addQualifiedNumbers(qualifyBody(still), { job: ctx.job.key }),
      );
      if (again === null) return { kind: 'lost' };
      recordStates(again.qualifiedNumbers ?? []);
      return { kind: 'done', summary: `${still.length} numbers added after a 409`, status: 200 };
    }
    throw e;
  }
};

// ── text-enable (standard / toll-free, hosting-order or qualified-number family) ────────────────

function textEnableHandler(tollFree: boolean): TaskHandler {
  return async (ctx) => {
    if (ctx.wait?.phase === 'follow') return pollOrders(ctx, 'text-enable');
    const p = ctx.payload;
    const key = ctx.job.key;
    let toSend = p.numbers;

    if (ctx.mayHaveLanded) {
      const known = recordedOrders(ctx);
      if (known.length > 0) return followOrders(ctx, known, 'reconciled: order id recorded');
      const listed = await ordersByDisplayName(ctx, 'TYPE_TEXT_ENABLE');
      if (listed.length > 0) {
        for (const o of listed) recordOrder(ctx, o, tollFree ? 'text-enable-toll-free' : 'text-enable');
        return followOrders(
          ctx,
          listed.map((o) => o.hostingOrderId as string),
          'reconciled: order found by displayName',
        );
      }
      // Each number's qualified state moved to HOSTING_IN_PROGRESS or later → landed (partially).
      const notMoved: string[] = [];
      for (const phone of p.numbers) {
        const q = await orNotFound(ctx.client.getQualifiedNumber(phone, { job: key }));
        if (q && TEXT_ENABLE_LANDED.has(q.globalProcessState ?? ''))
          mark(ctx, [phone], localQualifiedState(q));
        else notMoved.push(phone);
      }
      if (notMoved.length === 0)
        return { kind: 'done', summary: 'reconciled: every number is hosting', result: { orderIds: [] } };
      toSend = notMoved;
    }

    // Qualification gate (planner `awaits: 'qualification'`): send once every number is decided.
    // A call whose numbers the user marked qualified (no qualify job before it) is sent at once:
    // reading 500 numbers first would cost 500 calls; if Sinch disagrees (400/404), the gate runs.
    const gated =
      ctx.wait !== null ||
      ctx.queue.dependencies(ctx.job.id).length > 0 ||
      // once gated (refused, then waited), it stays gated: refused numbers are left out
      ctx.queue.hasOutcome(ctx.job.id, 'ready');
    const local = numberStates(ctx.db, toSend);
    // Sinch refused an ELIGIBLE number before (it must be VERIFIED first): wait for VERIFIED.
    const needsVerified = ctx.wait?.needsVerified === true;
    const locallyReady = (state: NumberState | undefined) =>
      needsVerified ? state === 'verified' || state === 'hosting-failed' : isLocallyReady(state);
    const ready: string[] = [];
    const refused: string[] = [];
    const pending: string[] = [];
    const absent: string[] = [];
    const unverified: string[] = [];
    const seen: string[] = [];
    let calls = 0;
    const undecided = toSend.filter((phone) => gated && !locallyReady(local.get(phone)));
    // Many undecided numbers: one shared listing of the pending states tells which are still pending;
    // only the others are read one by one (each about once in its life), not every number every look.
    let stillPending: ReadonlySet<string> | null = null;
    if (undecided.length > GATE_LIST_THRESHOLD) {
      const snapshot = await ctx.pendingQualified();
      stillPending = snapshot.phones;
      calls += snapshot.calls;
    }
    for (const phone of toSend) {
      if (!gated || locallyReady(local.get(phone))) {
        ready.push(phone);
        continue;
      }
      if (stillPending?.has(phone)) {
        pending.push(phone);
        seen.push(`${phone}:pending`);
        continue;
      }
      const q = await orNotFound(ctx.client.getQualifiedNumber(phone, { job: key }));
      calls++;
      const state = q?.globalProcessState ?? 'absent';
      seen.push(`${phone}:${state}`);
      if (q) mark(ctx, [phone], localQualifiedState(q));
      if (needsVerified && state === 'GLOBAL_PROCESS_STATE_ELIGIBLE') {
        pending.push(phone);
        unverified.push(phone);
      } else if (READY_FOR_TEXT_ENABLE.has(state)) ready.push(phone);
      else if (REFUSED_FOR_TEXT_ENABLE.has(state) || TEXT_ENABLE_LANDED.has(state)) refused.push(phone);
      else {
        pending.push(phone);
        if (!q) absent.push(phone);
      }
    }
    if (pending.length > 0) {
      if (qualificationOverdue(ctx, pending))
        return qualificationTimedOut(
          ctx,
          pending.filter((n) => !absent.includes(n) && !unverified.includes(n)),
          absent,
          unverified,
        );
      return waitFor(
        ctx,
        { phase: 'qualification', seen: seen.join('|'), ...(needsVerified ? { needsVerified } : {}) },
        Math.max(1, calls),
        unverified.length > 0
          ? `waiting for ${numbersWord(unverified.length)} to be verified (voice call or invoices)`
          : `waiting for qualification of ${numbersWord(pending.length)}`,
      );
    }
    if (refused.length > 0) mark(ctx, refused, 'failed', 'not qualified for text-enable');
    if (ready.length === 0)
      return {
        kind: 'fail',
        message: 'No number of this call qualified for text-enable.',
        status: REMOTE_FAILED_STATUS,
        details: { refused },
      };
    if (ctx.lease.mode === 'poll')
      // Sends happen in `send` mode, where attempts, backoff and max_attempts apply.
      return { kind: 'ready', summary: `qualification done: ${numbersWord(ready.length)} ready` };

    const body = textEnableBody(p, ready, tollFree, ctx.loa);
    if (typeof body === 'string') return { kind: 'fail', message: body, status: 400 };
    const via = ctx.textEnableVia;
    const op = `POST ${via}:${tollFree ? 'textEnableTollFreeNumbers' : 'textEnableNumbers'} ${ready.length} numbers`;
    const o = { job: key };
    const c = ctx.client;
    const request = tollFree
      ? () =>
          via === 'qualifiedNumbers'
            ? c.textEnableTollFreeQualifiedNumbers(body, o)
            : c.textEnableTollFreeNumbersOrder(body, o)
      : () =>
          via === 'qualifiedNumbers'
            ? c.textEnableQualifiedNumbers(body, o)
            : c.textEnableNumbersOrder(body, o);
    try {
      const res = await ctx.send(op, request);
      if (res === null) return { kind: 'lost' };
      recordOrder(ctx, res, tollFree ? 'text-enable-toll-free' : 'text-enable');
      mark(ctx, ready, 'ordered', `text-enable order ${res.hostingOrderId ?? '?'}`);
      return followOrders(ctx, recordedOrders(ctx), `order ${res.hostingOrderId}`, 200);
    } catch (e) {
      const eligibleOnly = ready.filter((n) => numberStates(ctx.db, [n]).get(n) === 'eligible');
      if (gated && isStatus(e, 400) && eligibleOnly.length > 0 && !needsVerified) {
        // Sinch wants VERIFIED (REFERENCE.md §7.2: "qualified" may mean VERIFIED, and a qualification
        // can require ownership verification): wait for it instead of failing at ELIGIBLE.
        return waitFor(
          ctx,
          { phase: 'qualification', seen: 'needs-verification', needsVerified: true },
          1,
          `Sinch needs ${numbersWord(eligibleOnly.length)} verified first: waiting for the verification`,
          400,
        );
      }
      if (!gated && (isStatus(e, 400) || isStatus(e, 404))) {
        // Not (yet) qualified after all: wait for the numbers like any gated call.
        mark(ctx, ready, 'qualifying', `text-enable refused: ${(e as Error).message}`);
        return waitFor(
          ctx,
          { phase: 'qualification', seen: 'refused' },
          1,
          `Sinch refused: ${(e as Error).message}`,
          (e as SinchApiError).httpStatus,
        );
      }
      if (!isStatus(e, 409)) throw e;
      // 409: a number is already hosting. Ours only if an order with our key exists.
      const listed = await ordersByDisplayName(ctx, 'TYPE_TEXT_ENABLE');
      if (listed.length > 0) {
        for (const o of listed) recordOrder(ctx, o, tollFree ? 'text-enable-toll-free' : 'text-enable');
        return followOrders(
          ctx,
          listed.map((o) => o.hostingOrderId as string),
          '409: our order exists',
          409,
        );
      }
      mark(ctx, ready, 'failed', 'already being text-enabled by another order');
      return {
        kind: 'fail',
        message: 'Sinch refused the text-enable (409): the numbers are in another order.',
        status: 409,
      };
    }
  };
}

// ── relink (unlink → link), delete, voice challenge: repeat-safe once the state is re-read ───────

const unlinkNumber: TaskHandler = async (ctx) => {
  if (ctx.wait?.phase === 'follow') return pollImported(ctx, 'unlinked');
  const phone = ctx.payload.numbers[0] as string;
  if (ctx.mayHaveLanded) {
    const n = await orNotFound(ctx.client.getImportedNumber(phone, { job: ctx.job.key }));
    if (n && smsPlan(n).servicePlanId === '')
      return waitFor(
        ctx,
        { phase: 'follow', target: 'unlinked', seen: '' },
        1,
        'reconciled: already unlinked',
      );
  }
  const res = await ctx.send(`PATCH importedNumbers/${phone} unlink`, () =>
    ctx.client.updateImportedNumber(phone, unlinkBody(), { job: ctx.job.key }),
  );
  if (res === null) return { kind: 'lost' };
  mark(ctx, [phone], 'unlinking');
  return waitFor(ctx, { phase: 'follow', target: 'unlinked', seen: '' }, 1, `${phone} unlinking`, 200);
};

const linkNumber: TaskHandler = async (ctx) => {
  if (ctx.wait?.phase === 'follow') return pollImported(ctx, 'linked');
  const p = ctx.payload;
  const phone = p.numbers[0] as string;
  if (ctx.mayHaveLanded) {
    const n = await orNotFound(ctx.client.getImportedNumber(phone, { job: ctx.job.key }));
    if (n && smsPlan(n).servicePlanId === p.servicePlanId && smsPlan(n).campaignId === (p.campaignId ?? ''))
      return waitFor(ctx, { phase: 'follow', target: 'linked', seen: '' }, 1, 'reconciled: already linked');
  }
  const res = await ctx.send(`PATCH importedNumbers/${phone} link`, () =>
    ctx.client.updateImportedNumber(phone, linkBody(p), { job: ctx.job.key }),
  );
  if (res === null) return { kind: 'lost' };
  mark(ctx, [phone], 'linking');
  return waitFor(ctx, { phase: 'follow', target: 'linked', seen: '' }, 1, `${phone} linking`, 200);
};

const deleteImportedNumber: TaskHandler = async (ctx) => {
  const phone = ctx.payload.numbers[0] as string;
  if (ctx.mayHaveLanded) {
    const n = await orNotFound(ctx.client.getImportedNumber(phone, { job: ctx.job.key }));
    if (!n) {
      mark(ctx, [phone], 'deleted', 'reconciled: already gone');
      return { kind: 'done', summary: 'reconciled: already deleted' };
    }
  }
  try {
    const res = await ctx.send(`DELETE importedNumbers/${phone}`, () =>
      ctx.client.deleteImportedNumber(phone, { job: ctx.job.key }),
    );
    if (res === null) return { kind: 'lost' };
  } catch (e) {
    // Gone already: the outcome the user asked for.
    if (!isStatus(e, 404)) throw e;
  }
  mark(ctx, [phone], 'deleted');
  return { kind: 'done', summary: `${phone} deleted`, status: 200 };
};

const sendVoiceChallenge: TaskHandler = async (ctx) => {
  const phone = ctx.payload.numbers[0] as string;
  if (ctx.mayHaveLanded) {
    const q = await ctx.client.getQualifiedNumber(phone, { job: ctx.job.key });
    if (q.globalProcessState === 'GLOBAL_PROCESS_STATE_VERIFICATION_PENDING') {
      mark(ctx, [phone], localQualifiedState(q), 'reconciled: the call was placed');
      return { kind: 'done', summary: 'reconciled: verification pending' };
    }
  }
  const q = await ctx.send(`POST qualifiedNumbers/${phone}:sendVoiceChallenge`, () =>
    ctx.client.sendVoiceChallenge(phone, { job: ctx.job.key }),
  );
  if (q === null) return { kind: 'lost' };
  mark(ctx, [phone], localQualifiedState(q), 'voice challenge sent');
  return {
    kind: 'done',
    summary: `voice challenge sent to ${phone}`,
    status: 200,
    result: { state: q.globalProcessState },
  };
};

/** The history note of a wrong voice code: "attempts left" is estimated by counting them. */
export const WRONG_CODE_NOTE = 'voice code wrong';

/** Sinch does not report the attempts left: the setting minus the wrong codes this workspace sent
 *  (the same estimate as `voice.attempts`, handlers/operations.ts). */
const voiceAttemptsLeft = (db: Db, phone: string, allowed: number) =>
  Math.max(0, allowed - noteCount(db, phone, WRONG_CODE_NOTE));

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A code Sinch judged (right, wrong, or wrong once too often: blocked) ends the job as done: a wrong
 * code is a normal event of a voice check — the number's state says it, the job's outcome adds the
 * attempts left — not a failed request. Failing the job put it among the Queue's failures, where
 * "Retry all failed" offered it again.
 */
const verifyVoiceChallenge: TaskHandler = async (ctx) => {
  const p = ctx.payload;
  const phone = p.numbers[0] as string;
  const settle = (q: QualifiedNumber, via: string): Outcome => {
    const state = q.globalProcessState ?? 'GLOBAL_PROCESS_STATE_UNSPECIFIED';
    const wrong = via === 'voice code checked' && state !== 'GLOBAL_PROCESS_STATE_VERIFIED';
    mark(ctx, [phone], localQualifiedState(q), via);
    // one history row per wrong code, even when the state stays (a second wrong code)
    if (wrong) noteNumbers(ctx.db, [phone], WRONG_CODE_NOTE, ctx.now(), ctx.job.id);
    const result = { state, reason: q.ownershipVerification?.error || null };
    if (state === 'GLOBAL_PROCESS_STATE_VERIFIED')
      return { kind: 'done', summary: `${phone} verified`, status: 200, result };
    if (state === 'GLOBAL_PROCESS_STATE_VERIFICATION_BLOCKED')
      return {
        kind: 'done',
        summary: `${phone}: ${wrong ? 'the code was wrong; ' : ''}Sinch now blocks its voice check — e-mail its invoices to ${SINCH_ORDERS_EMAIL} instead`,
        status: 200,
        result,
      };
    if (state === 'GLOBAL_PROCESS_STATE_VERIFICATION_FAILED' && wrong) {
      const left = voiceAttemptsLeft(ctx.db, phone, ctx.settings.voiceAttempts);
      return {
        kind: 'done',
        summary: `${phone}: the code was wrong — ${plural(left, 'attempt')} left`,
        status: 200,
        result: { ...result, attemptsLeftEstimate: left },
      };
    }
    // Sinch answered with a state a checked code cannot lead to (pending, or not in the voice check)
    return {
      kind: 'fail',
      message: `${phone} was not verified: Sinch did not confirm the code.${result.reason ? ` Sinch says: ${result.reason}.` : ''}`,
      status: REMOTE_FAILED_STATUS,
      details: result,
    };
  };
  if (ctx.mayHaveLanded) {
    // Never re-send a code whose answer was lost: each code counts as a try (too many wrong → blocked).
    // Read the number instead; if it is not verified, the user enters the code again (a new intent).
    const q = await ctx.client.getQualifiedNumber(phone, { job: ctx.job.key });
    const state = q.globalProcessState;
    if (state === 'GLOBAL_PROCESS_STATE_VERIFIED' || state === 'GLOBAL_PROCESS_STATE_VERIFICATION_BLOCKED')
      return settle(q, 'reconciled');
    mark(ctx, [phone], localQualifiedState(q), 'the answer to a code was lost');
    return {
      kind: 'fail',
      message: `The answer to the code for ${phone} was lost, and Sinch does not show the number verified. Sinch may have counted it as a wrong code. Enter the code again to try once more.`,
      status: REMOTE_FAILED_STATUS,
      details: { state: state ?? null, lostAnswer: true },
    };
  }
  if (!p.code) return { kind: 'fail', message: 'No verification code was given.', status: 400 };
  const code = p.code;
  const q = await ctx.send(`POST qualifiedNumbers/${phone}:verifyVoiceChallenge`, () =>
    ctx.client.verifyVoiceChallenge(phone, { code }, { job: ctx.job.key }),
  );
  if (q === null) return { kind: 'lost' };
  return settle(q, 'voice code checked');
};

const updateImportedNumber: TaskHandler = async (ctx) => {
  const phone = ctx.payload.numbers[0] as string;
  const update = ctx.payload.update ?? {};
  const body = {
    ...(update.displayName !== undefined ? { displayName: update.displayName } : {}),
    ...(update.callbackUrl !== undefined ? { callbackUrl: update.callbackUrl } : {}),
  };
  if (Object.keys(body).length === 0)
    return {
      kind: 'fail',
      message: 'Nothing to change: give a display name or a callback URL.',
      status: 400,
    };
  // A PATCH with the same values is harmless: no reconciliation read is needed before a repeat.
  const res = await ctx.send(`PATCH importedNumbers/${phone} ${Object.keys(body).join(', ')}`, () =>
    ctx.client.updateImportedNumber(phone, body, { job: ctx.job.key }),
  );
  if (res === null) return { kind: 'lost' };
  return { kind: 'done', summary: `${phone} updated: ${Object.keys(body).join(', ')}`, status: 200 };
};

const deleteQualifiedNumber: TaskHandler = async (ctx) => {
  const phone = ctx.payload.numbers[0] as string;
  try {
    // A repeated DELETE of a number already gone answers 404: the outcome the user asked for.
    const res = await ctx.send(`DELETE qualifiedNumbers/${phone}`, () =>
      ctx.client.deleteQualifiedNumber(phone, { job: ctx.job.key }),
    );
    if (res === null) return { kind: 'lost' };
  } catch (e) {
    if (!isStatus(e, 404)) throw e;
  }
  mark(ctx, [phone], 'deleted', 'qualified number deleted');
  return { kind: 'done', summary: `qualified number ${phone} deleted`, status: 200 };
};

/** Qualified numbers until Sinch decided each (workflow C step 3), within the review limit. */
const awaitQualification: TaskHandler = async (ctx) => {
  const phones = ctx.payload.numbers;
  const local = numberStates(ctx.db, phones);
  const decided = new Set<NumberState>([
    'eligible',
    'verified',
    'verification-pending',
    'verification-failed',
    'hosting',
    'hosted',
    'hosting-failed',
  ]);
  const undecided = phones.filter(
    (n) =>
      !decided.has(local.get(n) as NumberState) &&
      local.get(n) !== 'not-eligible' &&
      local.get(n) !== 'verification-blocked',
  );
  let stillPending: ReadonlySet<string> | null = null;
  let calls = 0;
  if (undecided.length > GATE_LIST_THRESHOLD) {
    const snapshot = await ctx.pendingQualified();
    stillPending = snapshot.phones;
    calls += snapshot.calls;
  }
  const pending: string[] = [];
  const absent: string[] = [];
  const seen: string[] = [];
  for (const phone of undecided) {
    if (stillPending?.has(phone)) {
      pending.push(phone);
      continue;
    }
    const q = await orNotFound(ctx.client.getQualifiedNumber(phone, { job: ctx.job.key }));
    calls++;
    seen.push(`${phone}:${q?.globalProcessState ?? 'absent'}`);
    if (!q) {
      pending.push(phone);
      absent.push(phone);
      continue;
    }
    const reason = q.osrEligibility?.error;
    mark(ctx, [phone], localQualifiedState(q), reason ? `Sinch says: ${reason}` : undefined);
    const s = localQualifiedState(q);
    if (!decided.has(s) && s !== 'not-eligible' && s !== 'verification-blocked') pending.push(phone);
  }
  if (pending.length > 0) {
    if (qualificationOverdue(ctx, pending))
      return qualificationTimedOut(
        ctx,
        pending.filter((n) => !absent.includes(n)),
        absent,
      );
    return waitFor(
      ctx,
      { phase: 'qualification', seen: seen.join('|') },
      Math.max(1, calls),
      `waiting for Sinch to review ${numbersWord(pending.length)}; e-mail the invoices to ${SINCH_ORDERS_EMAIL}`,
    );
  }
  const after = numberStates(ctx.db, phones);
  const refused = phones.filter(
    (n) => after.get(n) === 'not-eligible' || after.get(n) === 'verification-blocked',
  );
  if (refused.length > 0)
    return {
      kind: 'fail',
      message: `${listed(refused)} ${refused.length === 1 ? 'is' : 'are'} not eligible for text-enablement; the other numbers are. The number's history keeps the reason Sinch gave.`,
      status: REMOTE_FAILED_STATUS,
      details: { refused, reason: 'not-eligible' },
    };
  return {
    kind: 'done',
    summary: `Sinch qualified ${numbersWord(phones.length)}`,
    result: { qualified: phones.length },
  };
};

/**
 * A hosting order whose job the user cancelled (issue 9 defect 3): Cancel stops our work, the order
 * keeps running at Sinch, so this job keeps following it (states, per-number steps) until it ends.
 */
const followOrder: TaskHandler = async (ctx) => {
  const ids = ctx.wait?.orderIds ?? ctx.payload.orderIds ?? [];
  if (ids.length === 0) return { kind: 'fail', message: 'There is no order to follow.', status: 400 };
  const wait: WaitCondition = ctx.wait ?? {
    phase: 'follow',
    target: 'order',
    orderIds: ids,
    seen: '',
    intervalMs: ctx.poll.fastMs,
    since: ctx.now(),
  };
  return pollOrders({ ...ctx, wait }, ctx.payload.orderKind ?? 'text-enable');
};

/** One handler per task: a task added to shared/domain/tasks does not compile until it has one. */
export const TASK_HANDLERS: Record<TaskName, TaskHandler> = {
  importNumber,
  importNumbersOrder,
  qualifyNumbers,
  textEnableNumbers: textEnableHandler(false),
  textEnableTollFreeNumbers: textEnableHandler(true),
  unlinkNumber,
  linkNumber,
  deleteImportedNumber,
  sendVoiceChallenge,
  verifyVoiceChallenge,
  updateImportedNumber,
  deleteQualifiedNumber,
  awaitQualification,
  followOrder,
};

/** "1 number", "3 numbers": job summaries are read on the Queue screen */
function numbersWord(n: number): string {
  return `${n} number${n === 1 ? '' : 's'}`;
}
