import { isTollFree } from '../../../shared/domain/phone';
import type { NumberState } from '../../../shared/domain/tasks';
import {
  type HostingOrder,
  type HostingOrderNumber,
  type HostingOrderReport,
  hostingOrderLoaInfo,
  type ImportedNumberResponse,
  type QualifiedNumber,
} from '../../../shared/sinch';
import { jobIdByKey } from '../queue/job-views';
import type { SinchClient } from '../sinch';
import type { Db } from '../store/database';
import { type NumberFacts, observeNumber } from '../store/numbers';
import {
  type ObservedOrderNumber,
  type ObservedStep,
  type OrderKind,
  observeOrder,
  observeOrderNumbers,
  orderKindOf,
  recordOrder,
  setOrderReport,
} from '../store/orders';
import { QUALIFIED_TO_LOCAL } from '../sync/remote-state';
import { msOf, orNull, stepStateOf } from './vocab';

/**
 * The read model's ears: every response of Sinch the workspace's client receives about an order or a
 * number is folded into the local index (orders, order_numbers, numbers, number_steps) at the moment
 * it is observed — by the sync loop's pollers and reconciliation, by `orders.refresh` and
 * `orders.discover`. Wrapping the client keeps the task handlers' behaviour untouched.
 */
export type ReadModelChange = { orderIds: string[]; phones: string[] };
export type Observer = {
  /** null = not an order of this workspace (and not adopted) */
  order(
    order: HostingOrder,
    options?: { adopt?: boolean; kind?: OrderKind },
  ): { created: boolean; stateChanged: boolean } | null;
  orderNumbers(orderId: string, numbers: readonly HostingOrderNumber[]): void;
  report(orderId: string, report: HostingOrderReport): void;
  /**
   * A create call of a job answered with this order: record it for that job now (the same idempotent
   * write the job's handler makes right after) and announce it, so lists show it before the first poll.
   */
  created(
    order: {
      hostingOrderId?: string | undefined;
      state?: string | undefined;
      displayName?: string | undefined;
    },
    kind: OrderKind,
    jobKey: string | undefined,
  ): void;
  imported(n: ImportedNumberResponse, adopt?: boolean): void;
  qualified(q: QualifiedNumber, adopt?: boolean): void;
};

export function createObserver(
  db: Db,
  now: () => number,
  onChange: (change: ReadModelChange) => void,
): Observer {
  const safely = (what: () => ReadModelChange | null) => {
    // The read model must never break a poll: a failed write is skipped, the next read repeats it.
    let change: ReadModelChange | null = null;
    try {
      change = what();
    } catch {
      change = null;
    }
    if (change && (change.orderIds.length || change.phones.length)) onChange(change);
  };
  const step = (state: string | undefined, code?: string, message?: string): ObservedStep => ({
    state: stepStateOf(state),
    code: orNull(code),
    message: orNull(message),
  });
  return {
    order(order, options = {}) {
      const id = order.hostingOrderId;
      if (!id) return null;
      let result: { created: boolean; stateChanged: boolean } | null = null;
      safely(() => {
        const loa = hostingOrderLoaInfo(order);
        const loaType = loa?.loaType?.toLowerCase();
        const known = orderKindOf(db, id);
        const kind: OrderKind = known ?? options.kind ?? (order.type === 'IMPORT' ? 'import' : 'text-enable');
        const r = observeOrder(
          db,
          {
            remoteId: id,
            kind,
            state: order.state,
            displayName: order.displayName,
            regionCode: order.regionCode,
            servicePlanId: order.servicePlanId,
            campaignId: order.campaignId,
            loaKind: loaType === 'direct' || loaType === 'reseller' ? loaType : undefined,
            loaRecipient: orNull(loa?.authorisedPerson?.email) ?? undefined,
            scheduledOsrAt: msOf(order.scheduledOsrUpdateTime),
            scheduledZipwhipAt: msOf(
              (order as { scheduledZipwhipProvisioningTime?: string }).scheduledZipwhipProvisioningTime,
            ),
            remoteCreatedAt: msOf(order.createdTime),
            remoteUpdatedAt: msOf(order.updatedTime),
          },
          now(),
          options.adopt ? { adopt: true } : {},
        );
        result = r ? { created: r.created, stateChanged: r.stateChanged } : null;
        return r?.changed ? { orderIds: [id], phones: [] } : null;
      });
      return result;
    },
    orderNumbers(orderId, numbers) {
      safely(() => {
        const observed: ObservedOrderNumber[] = [];
        for (const n of numbers) {
          if (!n.phoneNumber) continue;
          const steps = {
            osrUpdate: step(n.osrUpdate?.state),
            platformProvisioning: step(n.platformProvisioning?.state),
            campaignProvisioning: step(n.campaignProvisioning?.state),
          };
          const carriers: Record<string, ObservedStep> = {};
          for (const c of ['smsAtt', 'smsTmo', 'mmsAtt', 'mmsTmo'] as const) {
            const s = n[c];
            if (s) carriers[c] = step(s.state, s.errorCode, s.errorMessage);
          }
          const all = Object.values(steps);
          const outcome = all.some((s) => s.state === 'failed')
            ? 'failed'
            : all.every((s) => s.state === 'done' || s.state === 'unspecified') &&
                all.some((s) => s.state === 'done')
              ? 'hosted'
              : null;
          observed.push({ phone: n.phoneNumber, steps, carriers, outcome });
        }
        const at = now();
        const phones = observeOrderNumbers(db, orderId, observed, at);
        // Numbers of an adopted order become known numbers too (kind follows the order's type).
        const kind = orderKindOf(db, orderId);
        for (const n of observed)
          observeNumber(
            db,
            {
              phone: n.phone,
              tollFree: isTollFree(n.phone),
              ...(kind === 'import' ? { kind: 'imported' } : {}),
            },
            at,
            'ordered',
          );
        return phones.length ? { orderIds: [orderId], phones } : null;
      });
    },
    created(order, kind, jobKey) {
      const id = order.hostingOrderId;
      if (!id || !jobKey) return;
      safely(() => {
        const jobId = jobIdByKey(db, jobKey);
        if (jobId === undefined) return null;
        recordOrder(db, {
          jobId,
          remoteId: id,
          kind,
          displayName: order.displayName ?? null,
          state: order.state ?? 'SUBMITTED',
          at: now(),
        });
        return { orderIds: [id], phones: [] };
      });
    },
    report(orderId, report) {
      safely(() => {
        const changed = setOrderReport(
          db,
          orderId,
          {
            total: report.total ?? 0,
            osrUpdated: report.osrUpdated ?? 0,
            smsProvisioned: report.smsProvisioned ?? 0,
            addedToCampaign: report.addedToCampaign ?? 0,
            ongoingManualAction: report.ongoingManualAction ?? 0,
          },
          now(),
        );
        return changed ? { orderIds: [orderId], phones: [] } : null;
      });
    },
    imported(n, adopt = false) {
      const phone = n.phoneNumber;
      if (!phone) return;
      safely(() => {
        const steps: NonNullable<NumberFacts['steps']> = {};
        if (n.smsProvisioning)
          steps.smsProvisioning = step(
            n.smsProvisioning.state,
            n.smsProvisioning.errorCode,
            n.smsProvisioning.errorMessage,
          );
        if (n.campaignProvisioning)
          steps.campaignProvisioning = step(
            n.campaignProvisioning.state,
            n.campaignProvisioning.errorCode,
            n.campaignProvisioning.errorMessage,
          );
        for (const c of ['smsAtt', 'smsTmo', 'mmsAtt', 'mmsTmo'] as const) {
          const s = n.mnoConfiguration?.[c];
          if (s) steps[c] = step(s.state, s.errorCode, s.errorMessage);
        }
        const changed = observeNumber(
          db,
          {
            phone,
            kind: 'imported',
            tollFree: isTollFree(phone),
            ...(n.regionCode === 'US' || n.regionCode === 'CA' ? { region: n.regionCode } : {}),
            displayName: n.displayName,
            callbackUrl: n.callbackUrl,
            servicePlanId: n.smsConfiguration?.servicePlanId,
            campaignId: n.smsConfiguration?.campaignId,
            steps,
          },
          now(),
          adopt ? 'imported' : undefined,
        );
        return changed ? { orderIds: [], phones: [phone] } : null;
      });
    },
    qualified(q, adopt = false) {
      const phone = q.phoneNumber;
      if (!phone) return;
      safely(() => {
        const steps: NonNullable<NumberFacts['steps']> = {};
        if (q.osrEligibility)
          steps.osrEligibility = step(q.osrEligibility.status, undefined, q.osrEligibility.error);
        if (q.ownershipVerification)
          steps.ownershipVerification = step(
            q.ownershipVerification.status,
            undefined,
            q.ownershipVerification.error,
          );
        const state = q.globalProcessState ?? 'GLOBAL_PROCESS_STATE_UNSPECIFIED';
        const changed = observeNumber(
          db,
          {
            phone,
            kind: 'qualified',
            tollFree: isTollFree(phone),
            ...(q.regionCode === 'US' || q.regionCode === 'CA' ? { region: q.regionCode } : {}),
            qualificationState: state,
            steps,
          },
          now(),
          adopt ? (QUALIFIED_TO_LOCAL[state] as NumberState) : undefined,
        );
        return changed ? { orderIds: [], phones: [phone] } : null;
      });
    },
  };
}

/**
 * The client the workspace uses, with every read (and create response) about orders and numbers
 * shown to the observer before the caller sees it. Same interface, same requests.
 */
const REPORT_STATES: ReadonlySet<string> = new Set(['IN_PROGRESS', 'COMPLETED', 'REJECTED']);

export function observingClient(client: SinchClient, observer: Observer): SinchClient {
  const tap =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>, see: (result: R, args: A) => void) =>
    async (...args: A): Promise<R> => {
      const result = await fn(...args);
      see(result, args);
      return result;
    };
  const pages: SinchClient['pages'] = async function* (name, path, query, opts) {
    for await (const page of client.pages(name, path, query, opts)) {
      seePage(name, path, page);
      yield page;
    }
  };
  const seePage = (name: string, path: unknown, page: unknown) => {
    const p = page as Record<string, unknown>;
    if (name === 'listHostingOrderNumbers') {
      const id = (path as { hostingOrderId?: string } | undefined)?.hostingOrderId;
      if (id) observer.orderNumbers(id, (p.numbers as HostingOrderNumber[] | undefined) ?? []);
    } else if (name === 'listHostingOrders')
      for (const o of (p.hostingOrders as HostingOrder[] | undefined) ?? []) observer.order(o);
    else if (name === 'listImportedNumbers')
      for (const n of (p.importedNumbers as ImportedNumberResponse[] | undefined) ?? []) observer.imported(n);
    else if (name === 'listQualifiedNumbers')
      for (const q of (p.qualifiedNumbers as QualifiedNumber[] | undefined) ?? []) observer.qualified(q);
  };
  return {
    ...client,
    pages,
    // The report is read when an order of ours moves into IN_PROGRESS or ends: what the pollers see
    // of the numbers says the rest, and an idle order costs no extra request.
    getHostingOrder: async (id, o) => {
      const order = await client.getHostingOrder(id, o);
      const seen = observer.order(order);
      if (seen?.stateChanged && REPORT_STATES.has(order.state ?? ''))
        await client.getHostingOrderReport(id, o).then(
          (r) => observer.report(id, r),
          () => {}, // a missed report is read again at the next change or orders.refresh
        );
      return order;
    },
    // Orders our jobs create: recorded and announced as the answer arrives (CallOptions.job names the job).
    importNumbersOrder: tap(client.importNumbersOrder, (o, [, opts]) =>
      observer.created(o, 'import', opts?.job),
    ),
    textEnableNumbersOrder: tap(client.textEnableNumbersOrder, (o, [, opts]) =>
      observer.created(o, 'text-enable', opts?.job),
    ),
    textEnableQualifiedNumbers: tap(client.textEnableQualifiedNumbers, (o, [, opts]) =>
      observer.created(o, 'text-enable', opts?.job),
    ),
    textEnableTollFreeNumbersOrder: tap(client.textEnableTollFreeNumbersOrder, (o, [, opts]) =>
      observer.created(o, 'text-enable-toll-free', opts?.job),
    ),
    textEnableTollFreeQualifiedNumbers: tap(client.textEnableTollFreeQualifiedNumbers, (o, [, opts]) =>
      observer.created(o, 'text-enable-toll-free', opts?.job),
    ),
    getHostingOrderReport: tap(client.getHostingOrderReport, (r, [id]) => observer.report(id, r)),
    listHostingOrderNumbers: tap(client.listHostingOrderNumbers, (r, [id]) =>
      observer.orderNumbers(id, r.numbers ?? []),
    ),
    listHostingOrders: tap(client.listHostingOrders, (r) => {
      for (const o of r.hostingOrders ?? []) observer.order(o);
    }),
    getImportedNumber: tap(client.getImportedNumber, (n) => observer.imported(n)),
    // the PATCH answers with the number as changed (display name, callback URL, plan): workflow F's
    // end state must be visible through numbers.get without waiting for another read
    updateImportedNumber: tap(client.updateImportedNumber, (n) => observer.imported(n)),
    listImportedNumbers: tap(client.listImportedNumbers, (r) => {
      for (const n of r.importedNumbers ?? []) observer.imported(n);
    }),
    getQualifiedNumber: tap(client.getQualifiedNumber, (q) => observer.qualified(q)),
    listQualifiedNumbers: tap(client.listQualifiedNumbers, (r) => {
      for (const q of r.qualifiedNumbers ?? []) observer.qualified(q);
    }),
    addQualifiedNumbers: tap(client.addQualifiedNumbers, (r) => {
      for (const q of r.qualifiedNumbers ?? []) observer.qualified(q);
    }),
    sendVoiceChallenge: tap(client.sendVoiceChallenge, (q) => observer.qualified(q)),
    verifyVoiceChallenge: tap(client.verifyVoiceChallenge, (q) => observer.qualified(q)),
  };
}
