import { buildExport } from '../exports/build';
import type { ConceptHandlers, EngineContext } from './context';

/** `exports.build`: a batch's or an order's results, a selection's history, the audit log → CSV/XLSX. */
export function exportsHandlers(ctx: EngineContext): ConceptHandlers<'exports'> {
  return {
    'exports.build': (input) => {
      const ws = ctx.active();
      return buildExport(input.source, input.format, {
        db: ws.db,
        audit: ws.audit,
        workspaceName: ws.profile.name,
        now: ctx.now(),
      });
    },
  };
}
