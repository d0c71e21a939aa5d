import { DeskFailure } from '../../../shared/contract';
import type { ConceptHandlers, EngineContext } from './context';

/** `orders.*`: the hosting orders the workspace created or adopted (read model). */
export function ordersHandlers(ctx: EngineContext): ConceptHandlers<'orders'> {
  return {
    'orders.list': () => {
      ctx.active();
      return {
        items: [],
        nextCursor: null,
        total: 0,
        counts: {
          draft: 0,
          submitted: 0,
          'waiting-loa': 0,
          'in-progress': 0,
          completed: 0,
          rejected: 0,
          unknown: 0,
        },
      };
    },
    'orders.get': (input) => {
      ctx.active();
      throw new DeskFailure('NOT_FOUND', `There is no hosting order ${input.id} in this workspace.`);
    },
    'orders.refresh': () => {
      ctx.active();
      return { items: [], failed: [] };
    },
    'orders.discover': () => {
      ctx.active();
      return { found: 0, adopted: 0, updated: 0, requests: 0, adoptedIds: [] };
    },
  };
}
