/**
 * One HTTP exchange with a timeout, classified, and audited. No retries here: `client.ts` decides.
 */

export type AuditRecord = {
  operation: string;
  method: string;
  /** Path and query as sent (projectId kept, phone numbers percent-encoded), secret-looking params redacted. */
  path: string;
  /** HTTP status, or `'network-error'` when no response arrived. */
  status: number | 'network-error';
  durationMs: number;
  requestBytes: number;
  /** 1-based attempt number within one client call. */
  attempt: number;
  /** `ECONNREFUSED`, `timeout`, … on network errors. */
  errorCode?: string;
  /** Caller's tag (e.g. the job key) passed in the call options. */
  job?: string;
};

export type Exchange =
  | { kind: 'response'; status: number; headers: Headers; text: string }
  | { kind: 'network'; code: string; reached: boolean; cause: unknown };

export type ExchangeRequest = {
  operation: string;
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string | undefined;
  attempt: number;
  job?: string | undefined;
  signal?: AbortSignal | undefined;
};

export type TransportDeps = {
  fetch: typeof fetch;
  now(): number;
  timeoutMs: number;
  onAudit?: ((record: AuditRecord) => void) | undefined;
};

/** Errors that prove the request never reached a server: safe to resend even a POST. */
const NOT_REACHED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function errorCodes(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== 'object' || depth > 4) return [];
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof e.code === 'string' ? [e.code] : [];
  const nested = Array.isArray(e.errors) ? e.errors.flatMap((x) => errorCodes(x, depth + 1)) : [];
  return [...own, ...nested, ...errorCodes(e.cause, depth + 1)];
}

/** Classifies a thrown fetch error (undici wraps the socket error as `cause`, sometimes an AggregateError). */
export function classifyNetworkError(error: unknown): { code: string; reached: boolean } {
  const codes = errorCodes(error).filter((c) => c !== 'ERR_INVALID_STATE');
  if (codes.length === 0) return { code: 'UNKNOWN', reached: true };
  const reached = !codes.every((c) => NOT_REACHED.has(c));
  return { code: codes[0] ?? 'UNKNOWN', reached };
}

const SECRET_PARAM =
  /secret|passw|^token$|access_token|refresh_token|id_token|api_?key|signature|credential|^auth/i;

/** Path + query for the audit log; a query param whose name looks secret keeps its name, not its value. */
export function auditPath(url: URL): string {
  const params = new URLSearchParams(url.search);
  for (const key of new Set(params.keys())) {
    if (SECRET_PARAM.test(key)) params.set(key, '[redacted]');
  }
  const query = params.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

class TimeoutMarker extends Error {}

export async function exchange(req: ExchangeRequest, deps: TransportDeps): Promise<Exchange> {
  const started = deps.now();
  const requestBytes = req.body === undefined ? 0 : Buffer.byteLength(req.body);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new TimeoutMarker('timeout')), deps.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
  const audit = (status: number | 'network-error', errorCode?: string) => {
    const record: AuditRecord = {
      operation: req.operation,
      method: req.method,
      path: auditPath(req.url),
      status,
      durationMs: Math.max(0, deps.now() - started),
      requestBytes,
      attempt: req.attempt,
    };
    if (errorCode !== undefined) record.errorCode = errorCode;
    if (req.job !== undefined) record.job = req.job;
    deps.onAudit?.(record);
  };
  try {
    // Sinch does not redirect; following one could carry the Authorization header somewhere else.
    const init: RequestInit = { method: req.method, headers: req.headers, signal, redirect: 'error' };
    if (req.body !== undefined) init.body = req.body;
    const res = await deps.fetch(req.url, init);
    // The timeout covers reading the body too: a response that stalls mid-body is a timeout.
    const text = await res.text();
    audit(res.status);
    return { kind: 'response', status: res.status, headers: res.headers, text };
  } catch (error) {
    if (req.signal?.aborted) {
      audit('network-error', 'aborted');
      throw req.signal.reason ?? error;
    }
    const result = timeout.signal.aborted ? { code: 'timeout', reached: true } : classifyNetworkError(error);
    audit('network-error', result.code);
    return { kind: 'network', ...result, cause: error };
  } finally {
    clearTimeout(timer);
  }
}
