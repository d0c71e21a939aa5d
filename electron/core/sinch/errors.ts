import { flatErrorBody, oauthErrorBody, problemErrorBody, wrappedErrorBody } from '../../../shared/sinch';
import type { FieldViolation } from '../../../shared/sinch';

/**
 * Every failure of a Sinch call is a `SinchError`. `ambiguous` is the one thing the job layer must
 * look at: true means the request may have been processed (timeout after send, reset, 5xx on a
 * non-idempotent call), so the next attempt must first re-read remote state (DESIGN.md, reconciliation).
 * The client never retries an ambiguous call itself.
 */
export class SinchError extends Error {
  readonly operation: string;
  readonly ambiguous: boolean;
  constructor(message: string, operation: string, ambiguous: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SinchError';
    this.operation = operation;
    this.ambiguous = ambiguous;
  }
}

export type ErrorBodyShape = 'flat' | 'wrapped' | 'problem' | 'oauth' | 'raw';

/** The server answered with a non-2xx status. All three body shapes of §3.5 end up here. */
export class SinchApiError extends SinchError {
  readonly httpStatus: number;
  /** `status` string of the flat/wrapped shapes (`NOT_FOUND`), the problem `title`, or the OAuth `error`. */
  readonly apiStatus: string | undefined;
  /** The body's own code (`"404"` flat, `404` wrapped), when it has one. */
  readonly apiCode: string | undefined;
  readonly fieldViolations: FieldViolation[];
  /** From `Retry-After` (seconds or HTTP-date), when the response carried one. */
  readonly retryAfterMs: number | undefined;
  readonly shape: ErrorBodyShape;
  /** RFC 7807 `type`, e.g. `…/access-token-expired`. */
  readonly problemType: string | undefined;
  /** A 401 that says the access token expired (§2.2: `WWW-Authenticate` or problem type): not a refusal of the key. */
  readonly tokenExpired: boolean;
  constructor(
    init: {
      httpStatus: number;
      message: string;
      apiStatus?: string | undefined;
      apiCode?: string | undefined;
      fieldViolations?: FieldViolation[];
      retryAfterMs?: number | undefined;
      shape: ErrorBodyShape;
      problemType?: string | undefined;
      tokenExpired?: boolean;
    },
    operation: string,
    ambiguous = false,
  ) {
    super(init.message, operation, ambiguous);
    this.name = 'SinchApiError';
    this.httpStatus = init.httpStatus;
    this.apiStatus = init.apiStatus;
    this.apiCode = init.apiCode;
    this.fieldViolations = init.fieldViolations ?? [];
    this.retryAfterMs = init.retryAfterMs;
    this.shape = init.shape;
    this.problemType = init.problemType;
    this.tokenExpired = init.tokenExpired ?? false;
  }
}

/** No HTTP response: refused, reset, DNS, timeout. `reached` says whether the server may have seen it. */
export class SinchNetworkError extends SinchError {
  /** `ECONNREFUSED`, `ECONNRESET`, `UND_ERR_SOCKET`, `timeout`, … */
  readonly code: string;
  readonly reached: boolean;
  constructor(code: string, reached: boolean, operation: string, ambiguous: boolean, cause: unknown) {
    super(`network error (${code}) on ${operation}`, operation, ambiguous, { cause });
    this.name = 'SinchNetworkError';
    this.code = code;
    this.reached = reached;
  }
}

/** The server answered 2xx (so the call landed) but the body did not match our schema. */
export class SinchResponseError extends SinchError {
  readonly httpStatus: number;
  readonly issues: unknown;
  constructor(httpStatus: number, issues: unknown, operation: string) {
    super(`unexpected response body for ${operation}`, operation, false);
    this.name = 'SinchResponseError';
    this.httpStatus = httpStatus;
    this.issues = issues;
  }
}

/** The caller's input failed the operation's request schema; nothing was sent. */
export class SinchInputError extends SinchError {
  readonly issues: unknown;
  constructor(issues: unknown, operation: string) {
    super(`invalid input for ${operation}`, operation, false);
    this.name = 'SinchInputError';
    this.issues = issues;
  }
}

/**
 * What a user reads of a Sinch API error: the first field violation (field and Sinch's own words),
 * because the top-level message of a 400 is usually the generic "Request contains invalid arguments";
 * without violations, Sinch's message. The full error stays in the job's details.
 */
export function userMessage(e: SinchApiError): string {
  const [first, ...rest] = e.fieldViolations;
  if (!first) return e.message;
  const text = first.description ? `${first.field}: ${first.description}` : `${first.field} is not valid`;
  return rest.length > 0 ? `${text} (and ${rest.length} more)` : text;
}

export const isAmbiguous = (error: unknown): boolean => error instanceof SinchError && error.ambiguous;

/** `Retry-After` is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

type ParsedBody = {
  message: string;
  shape: ErrorBodyShape;
  apiStatus?: string | undefined;
  apiCode?: string | undefined;
  fieldViolations?: FieldViolation[];
  problemType?: string | undefined;
};

function violationsOf(details: unknown): FieldViolation[] {
  if (!Array.isArray(details)) return [];
  const out: FieldViolation[] = [];
  for (const d of details) {
    const list = (d as { fieldViolations?: unknown } | null)?.fieldViolations;
    if (!Array.isArray(list)) continue;
    for (const v of list) {
      const field = (v as { field?: unknown }).field;
      const description = (v as { description?: unknown }).description;
      if (typeof field === 'string')
        out.push({ field, description: typeof description === 'string' ? description : '' });
    }
  }
  return out;
}

/**
 * Reads any error body of the API family, in the order REFERENCE.md §3.5 recommends: wrapped
 * `{error:{…}}` first, then flat `code/status/message`, then RFC 7807 problem JSON, then the OAuth
 * token endpoint's `{error, error_description}`; otherwise the raw text (truncated).
 */
export function parseErrorBody(httpStatus: number, text: string): ParsedBody {
  let json: unknown;
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const wrapped = wrappedErrorBody.safeParse(json);
  if (wrapped.success) {
    const e = wrapped.data.error;
    return {
      shape: 'wrapped',
      message: e.message || e.status || `HTTP ${httpStatus}`,
      apiStatus: e.status,
      apiCode: String(e.code),
      fieldViolations: violationsOf(e.details),
    };
  }
  // Lenient flat read: the spec's `code` is a string, but an integer would mean the same thing.
  const loose = json as
    | { code?: unknown; status?: unknown; message?: unknown; details?: unknown }
    | undefined;
  const flat = flatErrorBody.safeParse(
    loose && typeof loose.code === 'number' ? { ...loose, code: String(loose.code) } : json,
  );
  if (flat.success) {
    const e = flat.data;
    return {
      shape: 'flat',
      message: e.message || e.status || `HTTP ${httpStatus}`,
      apiStatus: e.status,
      apiCode: e.code,
      fieldViolations: violationsOf(e.details),
    };
  }
  const problem = problemErrorBody.safeParse(json);
  if (problem.success) {
    const p = problem.data;
    return {
      shape: 'problem',
      message: p.detail || p.title || `HTTP ${httpStatus}`,
      apiStatus: p.title,
      problemType: p.type,
    };
  }
  const oauth = oauthErrorBody.safeParse(json);
  if (oauth.success) {
    return {
      shape: 'oauth',
      message: oauth.data.error_description || oauth.data.error,
      apiStatus: oauth.data.error,
    };
  }
  const raw = text.trim().slice(0, 300);
  return { shape: 'raw', message: raw || `HTTP ${httpStatus}` };
}
