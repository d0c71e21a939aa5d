/**
 * When to try again (DESIGN.md "Store and queue"): full-jitter exponential backoff — a uniformly
 * random delay in [0, min(cap, base·2^(attempt-1))) — so many jobs failing together do not retry
 * together; a server's `Retry-After` always wins over our own guess.
 */
export type BackoffPolicy = { baseMs: number; capMs: number };
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000 };

/** How long a 429 pauses the project when the response carries no usable `Retry-After`. */
export const DEFAULT_RATE_LIMIT_PAUSE_MS = 30_000;

export function backoffCeilingMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  return Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
}

export function fullJitterDelayMs(
  attempt: number,
  random: () => number = Math.random,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  return Math.floor(random() * backoffCeilingMs(attempt, policy));
}

export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  return fullJitterDelayMs(attempt, random, policy);
}

/**
 * `Retry-After` is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns milliseconds
 * from `nowMs`, or undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Network errors, 408, 429 and 5xx are worth retrying; other 4xx fail the job (DESIGN.md). */
export const isRetryableStatus = (status: number | undefined): boolean =>
  status === undefined || status === 408 || status === 429 || status >= 500;
