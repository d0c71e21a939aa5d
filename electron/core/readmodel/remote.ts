import { DeskFailure } from '../../../shared/contract';
import { ORDER_STATES_IN_FLIGHT, type OrderSummary } from '../../../shared/contract/orders';
import { isTollFree } from '../../../shared/domain/phone';
import { HOSTING_ORDER_STATES, HOSTING_ORDER_TYPES } from '../../../shared/sinch';
import { SinchApiError, type SinchClient } from '../sinch';
import type { JobSpec } from '../queue/job-queue';
import type { Db } from '../store/database';
import { observeOrder, ordersInFlight, setAdoptedOrderKind } from '../store/orders';
import { adoptedOrdersIn, orderSummary } from './order-views';
import { sinchOrderStates } from './vocab';

/**
 * The read model's own requests: `orders.refresh` (read orders now) and `orders.discover` (adopt
 * orders created outside the app). They go through the workspace's observing client, so what they
 * read lands in the index exactly as a poller's read would.
 */

/** A Sinch failure in words for a user, without enum names or document references. */
export function sinchFailureText(error: unknown): string {
  if (error instanceof SinchApiError) {
    if (error.httpStatus === 404) return 'Sinch does not know this order (it may belong to another project).';
    if (error.httpStatus === 429) return 'Sinch asked us to slow down; try again in a minute.';
    if (error.httpStatus === 401 || error.httpStatus === 403)
      return 'Sinch refused the credentials; check the key on the workspace page.';
    return `Sinch answered ${error.httpStatus}; try again later.`;
  }
  return 'Sinch could not be reached; check the connection and try again.';
}

/** Read each order, its report and all its numbers from Sinch now. */
export async function refreshOrders(
  db: Db,
  client: SinchClient,
  ids: readonly string[] | undefined,
): Promise<{ items: OrderSummary[]; failed: Array<{ id: string; message: string }> }> {
  const wanted = ids ?? ordersInFlight(db, sinchOrderStates(ORDER_STATES_IN_FLIGHT), 50);
  const items: OrderSummary[] = [];
  const failed: Array<{ id: string; message: string }> = [];
  for (const id of wanted) {
    if (!orderSummary(db, id)) {
      failed.push({ id, message: 'This order is not in this workspace; find it with "Find orders" first.' });
      continue;
    }
    try {
      await client.getHostingOrder(id);
      await client.getHostingOrderReport(id);
      for await (const _ of client.pages(
        'listHostingOrderNumbers',
        { hostingOrderId: id },
        { pageSize: 100 },
      )) {
        // the observing client folds each page into the index
      }
      const summary = orderSummary(db, id);
      if (summary) items.push(summary);
    } catch (error) {
      failed.push({ id, message: sinchFailureText(error) });
    }
  }
  return { items, failed };
}

/** Every state × type Sinch's list accepts (REFERENCE §5.2 (6): states, type, plan and campaign required). */
const LISTED_STATES = HOSTING_ORDER_STATES.filter((s) => s !== 'HOSTING_ORDER_STATE_UNSPECIFIED');
const LISTED_TYPES = HOSTING_ORDER_TYPES.filter((t) => t !== 'HOSTING_ORDER_TYPE_UNSPECIFIED');

/**
 * List Sinch's orders of a service plan and campaign, one request series per state × type, and keep
 * every order: new ones are adopted (origin `adopted`), known ones updated. The numbers of each
 * adopted order are read too, so that they show in numbers.list and their history.
 */
export async function discoverOrders(
  db: Db,
  client: SinchClient,
  input: { servicePlanId: string; campaignId: string; regionCode?: 'US' | 'CA' | undefined },
  now: () => number,
) {
  let found = 0;
  let updated = 0;
  let requests = 0;
  const adoptedIds: string[] = [];
  try {
    for (const type of LISTED_TYPES)
      for (const state of LISTED_STATES) {
        const query = {
          states: [state],
          type,
          servicePlanId: input.servicePlanId,
          campaignId: input.campaignId,
          ...(input.regionCode ? { regionCode: input.regionCode } : {}),
          pageSize: 100,
        };
        for await (const page of client.pages('listHostingOrders', undefined, query)) {
          requests++;
          for (const order of page.hostingOrders ?? []) {
            if (!order.hostingOrderId) continue;
            found++;
            const kind = type === 'IMPORT' ? 'import' : 'text-enable';
            const r = observeOrder(
              db,
              { remoteId: order.hostingOrderId, kind, state: order.state, displayName: order.displayName },
              now(),
              { adopt: true },
            );
            if (r?.created) adoptedIds.push(order.hostingOrderId);
            else updated++;
          }
        }
      }
    for (const id of adoptedIds) {
      // the observing client records each order (all fields) and its numbers
      await client.getHostingOrder(id);
      requests++;
      let tollFree: boolean | null = null;
      for await (const page of client.pages(
        'listHostingOrderNumbers',
        { hostingOrderId: id },
        { pageSize: 100 },
      )) {
        requests++;
        const first = page.numbers?.find((n) => n.phoneNumber)?.phoneNumber;
        if (tollFree === null && first) tollFree = isTollFree(first);
      }
      if (tollFree) setAdoptedOrderKind(db, id, 'text-enable-toll-free');
    }
  } catch (error) {
    throw new DeskFailure(
      'SINCH_ERROR',
      `Finding orders stopped after ${requests} request(s): ${sinchFailureText(error)}`,
    );
  }
  return { found, adopted: adoptedIds.length, updated, requests, adoptedIds: adoptedIds.slice(0, 500) };
}

/**
 * Adopted orders Sinch is still working on, as `followOrder` jobs: the sync loop then follows each like
 * one of our own — the same poller, the same request budget, until the order is final — instead of
 * only when the user asks (`orders.refresh`). One job per order, keyed by its id, so a repeated
 * discover queues nothing new. Orders whose numbers are not known yet wait for the next discover.
 */
export function adoptedFollowers(db: Db, queue: string): JobSpec[] {
  const specs: JobSpec[] = [];
  for (const o of adoptedOrdersIn(db, sinchOrderStates(ORDER_STATES_IN_FLIGHT))) {
    const numbers = o.numbers;
    if (numbers.length === 0) continue;
    specs.push({
      queue,
      task: 'followOrder',
      jobKey: `adopted-${o.remoteId}`,
      payload: {
        numbers,
        orderIds: [o.remoteId],
        orderKind: o.kind === 'import' ? 'import' : 'text-enable',
      },
      intent: 'follow',
    });
  }
  return specs;
}
