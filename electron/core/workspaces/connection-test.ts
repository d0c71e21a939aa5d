import type { ErrorCode } from '../../../shared/contract';
import type { Logger } from '../log';
import {
  createSinchClient,
  type RequestBudget,
  SinchApiError,
  SinchNetworkError,
  SinchResponseError,
} from '../sinch';
import type { Endpoint } from './workspaces';

export type ConnectionTestResult = {
  ok: boolean;
  detail: string;
  code?: ErrorCode;
  details?: unknown;
};

/**
 * `credentials.test`: fetch a token (OAuth) and make ONE cheap read, then say plainly what happened,
 * mapped to the contract's codes (401/403 → UNAUTHENTICATED, not reached → OFFLINE, any other
 * answer → SINCH_ERROR with the status and field violations). The secret never appears in the
 * answer: it is registered with the log redactor and scrubbed from every message we pass on.
 */
export async function testSinchConnection(input: {
  endpoint: Endpoint & { origins?: string[] };
  projectId: string;
  authMode: 'oauth' | 'basic';
  keyId: string;
  keySecret: string;
  fetch?: typeof fetch;
  logger?: Logger;
  budget?: RequestBudget;
  timeoutMs?: number;
}): Promise<ConnectionTestResult> {
  const { keyId, keySecret } = input;
  const client = createSinchClient({
    projectId: input.projectId,
    auth:
      input.authMode === 'oauth'
        ? {
            kind: 'oauth',
            keyId,
            keySecret,
            ...(input.endpoint.tokenUrl ? { tokenUrl: input.endpoint.tokenUrl } : {}),
          }
        : { kind: 'basic', keyId, keySecret },
    baseUrl: input.endpoint.baseUrl,
    ...(input.endpoint.origins ? { secretOrigins: input.endpoint.origins } : {}),
    // One try: the user asked "does this work now?", not "eventually".
    retry: { maxAttempts: 1 },
    timeoutMs: input.timeoutMs ?? 15_000,
    ...(input.fetch ? { fetch: input.fetch } : {}),
    ...(input.logger ? { logger: input.logger } : {}),
    ...(input.budget ? { budget: input.budget } : {}),
  });
  const scrub = (text: string) => text.split(keySecret).join('[redacted]').slice(0, 300);
  try {
    // The same cheap read the sync engine probes with (REFERENCE.md §5.3 (14)).
    await client.listQualifiedNumbers({ states: 'GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING', pageSize: 1 });
    return {
      ok: true,
      detail: `Sinch accepted key ${keyId} for project ${input.projectId} (${input.authMode === 'oauth' ? 'OAuth token' : 'Basic auth'}).`,
    };
  } catch (error) {
    if (error instanceof SinchApiError) {
      if (error.httpStatus === 401 || error.httpStatus === 403)
        return {
          ok: false,
          code: 'UNAUTHENTICATED',
          detail: `Sinch refused key ${keyId} (${error.httpStatus}): check the key ID, the key secret and that the key belongs to project ${input.projectId}.`,
          details: { status: error.httpStatus },
        };
      return {
        ok: false,
        code: 'SINCH_ERROR',
        detail: scrub(`Sinch answered ${error.httpStatus}: ${error.message}`),
        details: {
          status: error.httpStatus,
          violations: error.fieldViolations.map((v) => ({
            field: scrub(v.field),
            description: scrub(v.description),
          })),
        },
      };
    }
    if (error instanceof SinchNetworkError)
      return {
        ok: false,
        code: 'OFFLINE',
        detail: `Sinch could not be reached (${error.code}) at ${input.endpoint.baseUrl}. Check the network; nothing was sent.`,
      };
    if (error instanceof SinchResponseError)
      return {
        ok: false,
        code: 'SINCH_ERROR',
        detail: `Sinch answered ${error.httpStatus} with a body this app does not understand.`,
        details: { status: error.httpStatus },
      };
    input.logger?.log('error', 'credentials test failed unexpectedly', {
      reason: error instanceof Error ? scrub(error.message) : 'unknown',
    });
    return { ok: false, code: 'INTERNAL', detail: 'The test failed unexpectedly; see the engine log.' };
  }
}
