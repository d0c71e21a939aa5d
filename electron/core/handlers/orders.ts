import { DeskFailure } from '../../../shared/contract';
import { listOrders, orderCounts, orderDetail } from '../readmodel/order-views';
import { adoptedFollowers, discoverOrders, refreshOrders } from '../readmodel/remote';
import type { SinchClient } from '../sinch';
import type { ConceptHandlers, EngineContext } from './context';

/** `orders.*`: the hosting orders the workspace created or adopted (electron/core/readmodel). */
export function ordersHandlers(ctx: EngineContext): ConceptHandlers<'orders'> {
  const client = (): SinchClient => {
    const c = ctx.sessions.current()?.client;
    if (!c)
      throw new DeskFailure(
        'UNAUTHENTICATED',
        'This workspace has no Sinch key yet; add the key on the workspace page, then try again.',
      );
    return c;
  };
  return {
    'orders.list': (input) => {
      const { db } = ctx.active();
      return { ...listOrders(db, input, input), counts: orderCounts(db) };
    },
    'orders.get': (input) => {
      const detail = orderDetail(ctx.active().db, input.id);
      if (!detail)
        throw new DeskFailure(
          'NOT_FOUND',
          `There is no hosting order ${input.id} in this workspace; use "Find orders" to adopt orders made elsewhere.`,
        );
      return detail;
    },
    'orders.refresh': (input) => refreshOrders(ctx.active().db, client(), input.ids),
    'orders.discover': async (input) => {
      const ws = ctx.active();
      const found = await discoverOrders(ws.db, client(), input, () => ctx.now());
      // Adopted orders still running are followed by the sync loop from now on, like our own.
      const added = adoptedFollowers(ws.db, ws.queueName)
        .map((spec) => ws.queue.add(spec))
        .filter((r) => r.created);
      if (added.length > 0) ctx.sessions.current()?.sync.wake();
      return found;
    },
  };
}
