import { DeskFailure } from '../../../shared/contract';
import type { ConceptHandlers, EngineContext } from './context';

/** `numbers.*`: imported and qualified numbers the workspace knows, and one number's history (read model). */
export function numbersHandlers(ctx: EngineContext): ConceptHandlers<'numbers'> {
  return {
    'numbers.list': () => {
      ctx.active();
      return { items: [], nextCursor: null, total: 0 };
    },
    'numbers.get': (input) => {
      ctx.active();
      throw new DeskFailure('NOT_FOUND', `The number ${input.phone} is not in this workspace.`);
    },
    'numbers.history': () => {
      ctx.active();
      return { items: [], nextCursor: null };
    },
  };
}
