import type { z } from 'zod';
import {
  type BatchCreateQualifiedNumbersRequest,
  type BatchCreateQualifiedNumbersResponse,
  type CallbackConfiguration,
  type CallbackConfigurationUpdate,
  type CreateImportedNumberRequest,
  DEFAULT_BASE_URL,
  DEFAULT_TOKEN_URL,
  type EmptyResponse,
  type HostingOrder,
  type HostingOrderNumber,
  type HostingOrderReport,
  type ImportedNumber,
  type ImportedNumberResponse,
  type ImportHostingOrder,
  type ImportNumbersRequest,
  isSinchPhoneNumber,
  type ListHostingOrderNumbersQuery,
  type ListHostingOrderNumbersResponse,
  type ListHostingOrdersQuery,
  type ListHostingOrdersResponse,
  type ListImportedNumbersQuery,
  type ListImportedNumbersResponse,
  type ListQualifiedNumbersQuery,
  type ListQualifiedNumbersResponse,
  oauthTokenResponse,
  PROBLEM_TYPES,
  type PathParam,
  type QualifiedNumber,
  type SinchOperation,
  type SinchOperationName,
  sinchOperations,
  type TextEnableNumbersRequest,
  type TextEnableResponse,
  type TextEnableTollFreeNumbersRequest,
  type UpdateImportedNumberRequest,
  type VerifyVoiceChallengeRequest,
} from '../../../shared/sinch';
import type { Logger } from '../log';
import { type BudgetOptions, RequestBudget } from './budget';
import {
  parseErrorBody,
  parseRetryAfter,
  SinchApiError,
  SinchInputError,
  SinchNetworkError,
  SinchResponseError,
} from './errors';
import { TokenSource } from './token';
import { type AuditRecord, type Exchange, exchange } from './transport';

export type SinchAuth =
  | { kind: 'oauth'; keyId: string; keySecret: string; tokenUrl?: string }
  /** Testing only: Sinch rate-limits Basic auth heavily (REFERENCE.md §2.1). */
  | { kind: 'basic'; keyId: string; keySecret: string };

export type RetryOptions = { maxAttempts: number; baseMs: number; capMs: number };

export type SinchClientOptions = {
  projectId: string;
  auth: SinchAuth;
  /** Default: Sinch's global endpoint. The Sandbox points this at the simulator. */
  baseUrl?: string;
  /**
   * The only origins the key secret (or a token obtained with it) may be sent to: the binding of the
   * secret (workspaces/endpoint-policy.ts). Default: the origins of `baseUrl` and the token URL.
   */
  secretOrigins?: readonly string[];
  fetch?: typeof fetch;
  /** A shared `RequestBudget` (several clients of one project), or options for a new one. */
  budget?: RequestBudget | BudgetOptions;
  /** Per HTTP attempt, including reading the body. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  /** Refresh the OAuth token when less than this is left. */
  tokenRefreshBeforeMs?: number;
  onAudit?: (record: AuditRecord) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1): the jitter source. */
  random?: () => number;
  logger?: Logger;
};

export type CallOptions = {
  signal?: AbortSignal /** Tag written to every audit record of this call. */;
  job?: string;
};

export type CallInput = {
  path?: Partial<Record<PathParam, string>> | undefined;
  query?: unknown;
  body?: unknown;
};

type Ops = typeof sinchOperations;
export type OperationResult<N extends SinchOperationName> = z.output<Ops[N]['response']>;

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 4, baseMs: 500, capMs: 30_000 };
/** UNCONFIRMED limits (REFERENCE.md §3.6): the simulator's OAuth suggestion, 10 req/s per project. */
export const DEFAULT_BUDGET: BudgetOptions = { ratePerSec: 10, burst: 10 };
export const DEFAULT_TIMEOUT_MS = 30_000;

type Decision = 'retry' | 'ambiguous' | 'fail';

/**
 * What to do after a failed attempt. `idempotent` calls (GETs) retry network errors, 408, 429 and 5xx.
 * Everything else (POST, PATCH, DELETE) is resent only when the request provably was not processed:
 * refused / DNS (never reached), 429, 503 with `Retry-After`, or an expired-token 401 (handled apart).
 * Any other outcome where the server may have acted is AMBIGUOUS and goes back to the job layer.
 */
export function decide(
  outcome: { kind: 'status'; status: number; retryAfter: boolean } | { kind: 'network'; reached: boolean },
  idempotent: boolean,
): Decision {
  if (outcome.kind === 'network') return !outcome.reached || idempotent ? 'retry' : 'ambiguous';
  const { status } = outcome;
  if (status === 429) return 'retry';
  if (status === 503 && outcome.retryAfter) return 'retry';
  if (status === 408 || status >= 500) return idempotent ? 'retry' : 'ambiguous';
  return 'fail';
}

/** Full jitter (AWS architecture blog): uniform in [0, min(cap, base·2^(n-1))). */
export function backoffMs(attempt: number, retry: RetryOptions, random: () => number): number {
  return Math.floor(random() * Math.min(retry.capMs, retry.baseMs * 2 ** (attempt - 1)));
}

const basicHeader = (keyId: string, keySecret: string) =>
  `Basic ${Buffer.from(`${keyId}:${keySecret}`, 'utf8').toString('base64')}`;

function isExpiredToken(headers: Headers, problemType: string | undefined): boolean {
  const challenge = headers.get('www-authenticate') ?? '';
  return (
    /expired/i.test(challenge) ||
    problemType === PROBLEM_TYPES.accessTokenExpired ||
    (problemType?.endsWith('/access-token-expired') ?? false)
  );
}

type Send = {
  operation: string;
  method: string;
  url: URL;
  body?: string | undefined;
  contentType?: string;
  idempotent: boolean;
  useBudget: boolean;
  authorize: (() => Promise<{ header: string; token?: string }>) | undefined;
  options: CallOptions | undefined;
};

export type SinchClient = ReturnType<typeof createSinchClient>;

export function createSinchClient(options: SinchClientOptions) {
  const projectId = options.projectId;
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const logger = options.logger;
  const budget =
    options.budget instanceof RequestBudget
      ? options.budget
      : new RequestBudget(options.budget ?? DEFAULT_BUDGET, { now, sleep });
  const auth = options.auth;
  const basic = basicHeader(auth.keyId, auth.keySecret);
  logger?.redact(auth.keySecret);
  logger?.redact(basic.slice('Basic '.length));

  const transport = { fetch: fetchImpl, now, timeoutMs, onAudit: options.onAudit };
  const tokenUrl = auth.kind === 'oauth' ? (auth.tokenUrl ?? DEFAULT_TOKEN_URL) : undefined;
  const secretOrigins = new Set(
    options.secretOrigins ?? [baseUrl, ...(tokenUrl ? [tokenUrl] : [])].map((u) => new URL(u).origin),
  );

  async function send(req: Send): Promise<{ status: number; text: string }> {
    let attempt = 0;
    let refreshedToken = false;
    for (;;) {
      attempt++;
      // Refused before anything (a token fetch included) is sent: nothing of the secret leaves for another origin.
      if (req.authorize && !secretOrigins.has(req.url.origin))
        throw new SinchInputError(
          { reason: `${req.url.origin} is not an endpoint the key secret was entered for` },
          req.operation,
        );
      if (req.useBudget) await budget.take();
      const authz = req.authorize ? await req.authorize() : undefined;
      const headers: Record<string, string> = { accept: 'application/json' };
      if (authz) headers.authorization = authz.header;
      if (req.body !== undefined) headers['content-type'] = req.contentType ?? 'application/json';
      const out: Exchange = await exchange(
        {
          operation: req.operation,
          method: req.method,
          url: req.url,
          headers,
          body: req.body,
          attempt,
          job: req.options?.job,
          signal: req.options?.signal,
        },
        transport,
      );

      if (out.kind === 'network') {
        const decision = decide({ kind: 'network', reached: out.reached }, req.idempotent);
        const error = new SinchNetworkError(
          out.code,
          out.reached,
          req.operation,
          decision === 'ambiguous',
          out.cause,
        );
        if (decision === 'retry' && attempt < retry.maxAttempts) {
          const wait = backoffMs(attempt, retry, random);
          logger?.log('warn', 'sinch retry', {
            operation: req.operation,
            attempt,
            code: out.code,
            waitMs: wait,
          });
          await sleep(wait);
          continue;
        }
        throw error;
      }

      if (out.status >= 200 && out.status < 300) return { status: out.status, text: out.text };

      const retryAfterMs = parseRetryAfter(out.headers.get('retry-after'), now());
      const body = parseErrorBody(out.status, out.text);

      // §2.2: refresh once on an expired token and resend; a second 401 is final (no loop).
      if (
        out.status === 401 &&
        authz?.token !== undefined &&
        !refreshedToken &&
        isExpiredToken(out.headers, body.problemType)
      ) {
        refreshedToken = true;
        tokens?.invalidate(authz.token);
        continue;
      }

      const tokenExpired = out.status === 401 && isExpiredToken(out.headers, body.problemType);
      // Expired again right after a refresh: final for this call, but the next call gets a new token.
      if (tokenExpired && authz?.token !== undefined) tokens?.invalidate(authz.token);

      const decision = decide(
        { kind: 'status', status: out.status, retryAfter: retryAfterMs !== undefined },
        req.idempotent,
      );
      const error = new SinchApiError(
        {
          httpStatus: out.status,
          retryAfterMs,
          ...body,
          tokenExpired,
        },
        req.operation,
        decision === 'ambiguous',
      );
      if (decision === 'retry' && attempt < retry.maxAttempts) {
        if (out.status === 429 && retryAfterMs !== undefined && req.useBudget) {
          // The whole project waits, not just this call; the next `budget.take()` does the waiting.
          budget.pauseUntil(now() + retryAfterMs);
        } else {
          await sleep(retryAfterMs ?? backoffMs(attempt, retry, random));
        }
        logger?.log('warn', 'sinch retry', { operation: req.operation, attempt, status: out.status });
        continue;
      }
      if (out.status === 429 && retryAfterMs !== undefined && req.useBudget)
        budget.pauseUntil(now() + retryAfterMs);
      throw error;
    }
  }

  const tokens =
    auth.kind === 'oauth'
      ? new TokenSource(
          async () => {
            // Token fetches are safe to repeat (they only mint a token), and do not spend the
            // project's API budget: they go to the auth host.
            const res = await send({
              operation: 'oauth.token',
              method: 'POST',
              url: new URL(auth.tokenUrl ?? DEFAULT_TOKEN_URL),
              body: 'grant_type=client_credentials',
              contentType: 'application/x-www-form-urlencoded',
              idempotent: true,
              useBudget: false,
              authorize: async () => ({ header: basic }),
              options: undefined,
            });
            const parsed = oauthTokenResponse.safeParse(safeJson(res.text));
            if (!parsed.success) throw new SinchResponseError(res.status, parsed.error.issues, 'oauth.token');
            logger?.redact(parsed.data.access_token);
            return { token: parsed.data.access_token, expiresInMs: parsed.data.expires_in * 1000 };
          },
          now,
          options.tokenRefreshBeforeMs,
        )
      : undefined;

  const authorize = tokens
    ? async () => {
        const token = await tokens.get();
        return { header: `Bearer ${token}`, token };
      }
    : async () => ({ header: basic });

  function buildUrl(op: SinchOperation, name: string, path: CallInput['path'], query: unknown): URL {
    let p = op.path.replace('{projectId}', encodeURIComponent(projectId));
    for (const param of op.pathParams) {
      const value = path?.[param];
      if (!value) throw new SinchInputError([{ path: [param], message: 'required' }], name);
      if (param === 'phoneNumber' && !isSinchPhoneNumber(value)) {
        throw new SinchInputError([{ path: [param], message: 'must be +1 followed by 10 digits' }], name);
      }
      // §3.1: `+` goes out as `%2B` in path segments.
      p = p.replace(`{${param}}`, encodeURIComponent(value));
    }
    const url = new URL(baseUrl + p);
    if (query && typeof query === 'object') {
      for (const [key, value] of Object.entries(query)) {
        if (value === undefined) continue;
        // URLSearchParams encodes `+` as `%2B` (§3.1) and repeats array params (`states=A&states=B`).
        for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
      }
    }
    return url;
  }

  /** Any of the 23 operations by its table name: what H5's contract tests drive. */
  async function call<N extends SinchOperationName>(
    name: N,
    input: CallInput = {},
    opts?: CallOptions,
  ): Promise<OperationResult<N>> {
    const op: SinchOperation = sinchOperations[name];
    let query: unknown;
    if (op.query) {
      const q = op.query.safeParse(input.query ?? {});
      if (!q.success) throw new SinchInputError(q.error.issues, name);
      query = q.data;
    }
    let body: string | undefined;
    if (op.body) {
      const b = op.body.safeParse(input.body);
      if (!b.success) throw new SinchInputError(b.error.issues, name);
      body = JSON.stringify(b.data);
    }
    const url = buildUrl(op, name, input.path, query);
    const res = await send({
      operation: name,
      method: op.method,
      url,
      body,
      idempotent: op.idempotent,
      useBudget: true,
      authorize,
      options: opts,
    });
    // DELETE answers 200 with no content or `{}` (§5.1 (5)).
    const json = res.text.trim() === '' ? {} : safeJson(res.text);
    const parsed = op.response.safeParse(json);
    if (!parsed.success) throw new SinchResponseError(res.status, parsed.error.issues, name);
    return parsed.data as OperationResult<N>;
  }

  /**
   * Walks every page (§3.4): stops on an empty OR absent `nextPageToken`, and refuses a server that
   * hands back the token it was just given (which would loop forever).
   */
  async function* pages<
    N extends
      | 'listImportedNumbers'
      | 'listHostingOrders'
      | 'listHostingOrderNumbers'
      | 'listQualifiedNumbers',
  >(
    name: N,
    path: CallInput['path'],
    query: Record<string, unknown>,
    opts?: CallOptions,
  ): AsyncGenerator<OperationResult<N>> {
    let pageToken: string | undefined;
    for (;;) {
      const q = pageToken === undefined ? query : { ...query, pageToken };
      const page = await call(name, { path, query: q }, opts);
      yield page;
      const next = (page as { nextPageToken?: string }).nextPageToken;
      if (!next) return;
      if (next === pageToken)
        throw new SinchResponseError(200, [{ message: 'nextPageToken repeated' }], name);
      pageToken = next;
    }
  }

  async function* items<T>(
    name: 'listImportedNumbers' | 'listHostingOrders' | 'listHostingOrderNumbers' | 'listQualifiedNumbers',
    key: string,
    path: CallInput['path'],
    query: Record<string, unknown>,
    opts?: CallOptions,
  ): AsyncGenerator<T> {
    for await (const page of pages(name, path, query, opts)) {
      const list = (page as Record<string, unknown>)[key];
      if (Array.isArray(list)) yield* list as T[];
    }
  }

  const phone = (phoneNumber: string) => ({ path: { phoneNumber } });

  return {
    projectId,
    budget,
    call,
    pages,

    // ── imported numbers (§5.1) ──
    listImportedNumbers: (
      query: ListImportedNumbersQuery,
      o?: CallOptions,
    ): Promise<ListImportedNumbersResponse> => call('listImportedNumbers', { query }, o),
    iterateImportedNumbers: (query: Omit<ListImportedNumbersQuery, 'pageToken'>, o?: CallOptions) =>
      items<ImportedNumberResponse>('listImportedNumbers', 'importedNumbers', undefined, query, o),
    importNumber: (body: CreateImportedNumberRequest, o?: CallOptions): Promise<ImportedNumber> =>
      call('importNumber', { body }, o),
    getImportedNumber: (phoneNumber: string, o?: CallOptions): Promise<ImportedNumberResponse> =>
      call('getImportedNumber', phone(phoneNumber), o),
    updateImportedNumber: (
      phoneNumber: string,
      body: UpdateImportedNumberRequest,
      o?: CallOptions,
    ): Promise<ImportedNumber> => call('updateImportedNumber', { ...phone(phoneNumber), body }, o),
    deleteImportedNumber: (phoneNumber: string, o?: CallOptions): Promise<EmptyResponse> =>
      call('deleteImportedNumber', phone(phoneNumber), o),

    // ── hosting orders (§5.2) ──
    listHostingOrders: (query: ListHostingOrdersQuery, o?: CallOptions): Promise<ListHostingOrdersResponse> =>
      call('listHostingOrders', { query }, o),
    iterateHostingOrders: (query: Omit<ListHostingOrdersQuery, 'pageToken'>, o?: CallOptions) =>
      items<HostingOrder>('listHostingOrders', 'hostingOrders', undefined, query, o),
    getHostingOrder: (hostingOrderId: string, o?: CallOptions): Promise<HostingOrder> =>
      call('getHostingOrder', { path: { hostingOrderId } }, o),
    getHostingOrderReport: (hostingOrderId: string, o?: CallOptions): Promise<HostingOrderReport> =>
      call('getHostingOrderReport', { path: { hostingOrderId } }, o),
    listHostingOrderNumbers: (
      hostingOrderId: string,
      query: ListHostingOrderNumbersQuery = {},
      o?: CallOptions,
    ): Promise<ListHostingOrderNumbersResponse> =>
      call('listHostingOrderNumbers', { path: { hostingOrderId }, query }, o),
    iterateHostingOrderNumbers: (
      hostingOrderId: string,
      query: Omit<ListHostingOrderNumbersQuery, 'pageToken'> = {},
      o?: CallOptions,
    ) => items<HostingOrderNumber>('listHostingOrderNumbers', 'numbers', { hostingOrderId }, query, o),
    getHostingOrderNumber: (
      hostingOrderId: string,
      phoneNumber: string,
      o?: CallOptions,
    ): Promise<HostingOrderNumber> =>
      call('getHostingOrderNumber', { path: { hostingOrderId, phoneNumber } }, o),
    importNumbersOrder: (body: ImportNumbersRequest, o?: CallOptions): Promise<ImportHostingOrder> =>
      call('importNumbersOrder', { body }, o),
    textEnableNumbersOrder: (body: TextEnableNumbersRequest, o?: CallOptions): Promise<HostingOrder> =>
      call('textEnableNumbersOrder', { body }, o),
    textEnableTollFreeNumbersOrder: (
      body: TextEnableTollFreeNumbersRequest,
      o?: CallOptions,
    ): Promise<HostingOrder> => call('textEnableTollFreeNumbersOrder', { body }, o),

    // ── qualified numbers (§5.3) ──
    listQualifiedNumbers: (
      query: ListQualifiedNumbersQuery,
      o?: CallOptions,
    ): Promise<ListQualifiedNumbersResponse> => call('listQualifiedNumbers', { query }, o),
    iterateQualifiedNumbers: (query: Omit<ListQualifiedNumbersQuery, 'pageToken'>, o?: CallOptions) =>
      items<QualifiedNumber>('listQualifiedNumbers', 'qualifiedNumbers', undefined, query, o),
    getQualifiedNumber: (phoneNumber: string, o?: CallOptions): Promise<QualifiedNumber> =>
      call('getQualifiedNumber', phone(phoneNumber), o),
    deleteQualifiedNumber: (phoneNumber: string, o?: CallOptions): Promise<EmptyResponse> =>
      call('deleteQualifiedNumber', phone(phoneNumber), o),
    addQualifiedNumbers: (
      body: BatchCreateQualifiedNumbersRequest,
      o?: CallOptions,
    ): Promise<BatchCreateQualifiedNumbersResponse> => call('addQualifiedNumbers', { body }, o),
    textEnableQualifiedNumbers: (
      body: TextEnableNumbersRequest,
      o?: CallOptions,
    ): Promise<TextEnableResponse> => call('textEnableQualifiedNumbers', { body }, o),
    textEnableTollFreeQualifiedNumbers: (
      body: TextEnableTollFreeNumbersRequest,
      o?: CallOptions,
    ): Promise<HostingOrder> => call('textEnableTollFreeQualifiedNumbers', { body }, o),
    sendVoiceChallenge: (phoneNumber: string, o?: CallOptions): Promise<QualifiedNumber> =>
      call('sendVoiceChallenge', phone(phoneNumber), o),
    verifyVoiceChallenge: (
      phoneNumber: string,
      body: VerifyVoiceChallengeRequest,
      o?: CallOptions,
    ): Promise<QualifiedNumber> => call('verifyVoiceChallenge', { ...phone(phoneNumber), body }, o),

    // ── callback configuration (§5.4) ──
    getCallbackConfiguration: (o?: CallOptions): Promise<CallbackConfiguration> =>
      call('getCallbackConfiguration', {}, o),
    updateCallbackConfiguration: (
      body: CallbackConfigurationUpdate,
      o?: CallOptions,
    ): Promise<CallbackConfiguration> => call('updateCallbackConfiguration', { body }, o),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
