import type { ConceptHandlers, EngineContext } from './context';

/** `audit.query`: the open workspace's record of every HTTP attempt to Sinch. */
export function auditHandlers(ctx: EngineContext): ConceptHandlers<'audit'> {
  return {
    'audit.query': (input) => {
      const ws = ctx.active();
      const result = ws.audit.query(
        {
          ...(input.operation ? { operation: input.operation } : {}),
          ...(input.method ? { method: input.method } : {}),
          ...(input.status !== undefined ? { status: input.status } : {}),
          ...(input.job ? { job: input.job } : {}),
          ...(input.since ? { since: Date.parse(input.since) } : {}),
          ...(input.until ? { until: Date.parse(input.until) } : {}),
        },
        input,
      );
      return {
        ...result,
        items: result.items.map((r) => ({
          id: r.id,
          at: new Date(r.at).toISOString(),
          workspaceId: r.workspace_id,
          operation: r.operation,
          method: r.method,
          path: r.path,
          status: r.status,
          errorCode: r.error_code,
          durationMs: r.duration_ms,
          requestBytes: r.request_bytes,
          attempt: r.attempt,
          job: r.job,
        })),
      };
    },
  };
}
