/**
 * A `fetch` wrapper that records every exchange (request body as sent, response status, headers and RAW
 * body text) so a test can check each one against the spec after driving the client.
 */
import {
  type Conformance,
  checkRequest,
  checkResponse,
  checkTokenResponse,
  findOperation,
} from './openapi-checker';

export interface Exchange {
  method: string;
  url: URL;
  requestBody: string | undefined;
  requestHeaders: Headers;
  status: number;
  responseHeaders: Headers;
  /** raw response text, exactly as received */
  raw: string;
  /** set when the request never got a response (reset, timeout, abort) */
  error?: unknown;
}

export interface CapturingFetch {
  fetch: typeof fetch;
  exchanges: Exchange[];
}

export function capturingFetch(inner: typeof fetch = fetch): CapturingFetch {
  const exchanges: Exchange[] = [];
  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const url = new URL(request ? request.url : String(input));
    const requestHeaders = new Headers(init?.headers ?? request?.headers);
    const requestBody =
      typeof init?.body === 'string'
        ? init.body
        : init?.body instanceof URLSearchParams
          ? init.body.toString()
          : request && !init?.body
            ? await request.clone().text()
            : undefined;
    const base = { method, url, requestBody: requestBody || undefined, requestHeaders };
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (error) {
      exchanges.push({ ...base, status: 0, responseHeaders: new Headers(), raw: '', error });
      throw error;
    }
    const raw = await response.clone().text();
    exchanges.push({ ...base, status: response.status, responseHeaders: response.headers, raw });
    return response;
  };
  return { fetch: wrapped as typeof fetch, exchanges };
}

export interface ExchangeVerdict {
  exchange: Exchange;
  label: string;
  problems: string[];
}

const TOKEN_PATH = /\/oauth2\/token$/;

/**
 * Checks one exchange strictly: the response against the spec (or the token endpoint's §2.2 shape),
 * and a JSON request body against the operation's request schema.
 */
export function judgeExchange(exchange: Exchange): ExchangeVerdict {
  const label = `${exchange.method} ${exchange.url.pathname}${exchange.url.search} → ${exchange.status}`;
  if (exchange.error !== undefined) return { exchange, label, problems: [] };
  const problems: string[] = [];
  let body: unknown;
  if (exchange.raw !== '') {
    try {
      body = JSON.parse(exchange.raw);
    } catch {
      problems.push(`$: body is not JSON: ${exchange.raw.slice(0, 80)}`);
    }
  }
  let results: Conformance[];
  if (TOKEN_PATH.test(exchange.url.pathname)) {
    results = [checkTokenResponse(exchange.status, body)];
  } else {
    results = [
      checkResponse({
        method: exchange.method,
        path: exchange.url.pathname,
        status: exchange.status,
        body,
        headers: exchange.responseHeaders,
      }),
    ];
    const op = findOperation(exchange.method, exchange.url.pathname);
    if (op && exchange.requestBody !== undefined) {
      let sent: unknown;
      try {
        sent = JSON.parse(exchange.requestBody);
      } catch {
        problems.push('request: body is not JSON');
      }
      // Error-path tests send invalid bodies on purpose; only bodies that the server accepted must conform.
      if (exchange.status >= 200 && exchange.status < 300) {
        results.push(checkRequest(op.operationId, sent));
      }
    }
  }
  for (const r of results) problems.push(...r.problems);
  return { exchange, label, problems };
}

/** Every non-conforming exchange, as readable lines (empty when all conform). */
export function nonConforming(exchanges: readonly Exchange[]): string[] {
  return exchanges
    .map(judgeExchange)
    .filter((v) => v.problems.length > 0)
    .map((v) => `${v.label}\n    ${v.problems.join('\n    ')}\n    body: ${v.exchange.raw.slice(0, 400)}`);
}
