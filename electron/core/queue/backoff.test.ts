import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backoffCeilingMs,
  fullJitterDelayMs,
  isRetryableStatus,
  parseRetryAfter,
  retryDelayMs,
} from './backoff';

describe('backoff', () => {
  it('full jitter stays within [0, min(cap, base·2^(n-1)))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (attempt, r) => {
          const delay = fullJitterDelayMs(attempt, () => r, { baseMs: 1000, capMs: 300_000 });
          const ceiling = Math.min(300_000, 1000 * 2 ** (attempt - 1));
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(ceiling);
        },
      ),
    );
    expect(backoffCeilingMs(1)).toBe(1000);
    expect(backoffCeilingMs(4)).toBe(8000);
    expect(backoffCeilingMs(40)).toBe(300_000);
    expect(fullJitterDelayMs(3, () => 0.5)).toBe(2000);
  });

  it('Retry-After wins over the computed delay', () => {
    expect(retryDelayMs(1, 42_000, () => 0.99)).toBe(42_000);
    expect(retryDelayMs(10, 0, () => 0.99)).toBe(0);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 30 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 30 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('retries network errors, 408, 429 and 5xx only', () => {
    expect([undefined, 408, 429, 500, 503].map(isRetryableStatus)).toEqual([true, true, true, true, true]);
    expect([400, 401, 403, 404, 409].map(isRetryableStatus)).toEqual([false, false, false, false, false]);
  });
});
