import { DeskFailure } from '../../../shared/contract';
import { listNumbers, numberDetail, numberHistory } from '../readmodel/number-views';
import type { ConceptHandlers, EngineContext } from './context';

/** `numbers.*`: the numbers the workspace knows and one number's history (electron/core/readmodel). */
export function numbersHandlers(ctx: EngineContext): ConceptHandlers<'numbers'> {
  const notFound = (phone: string) =>
    new DeskFailure(
      'NOT_FOUND',
      `The number ${phone} is not in this workspace; check the digits or import it first.`,
    );
  return {
    'numbers.list': (input) => listNumbers(ctx.active().db, input, input),
    'numbers.get': (input) => {
      const detail = numberDetail(ctx.active().db, input.phone);
      if (!detail) throw notFound(input.phone);
      return detail;
    },
    'numbers.history': (input) => {
      const { db } = ctx.active();
      const history = numberHistory(db, input.phone, input);
      if (history.total === 0 && !numberDetail(db, input.phone)) throw notFound(input.phone);
      return history;
    },
  };
}
