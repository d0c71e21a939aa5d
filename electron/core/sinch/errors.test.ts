import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffMs, decide } from './client';
import { parseErrorBody, parseRetryAfter, SinchApiError, userMessage } from './errors';
import { auditPath, classifyNetworkError } from './transport';

describe('parseErrorBody reads all three shapes (§3.5)', () => {
  it('flat ErrorResponse with a string code and field violations', () => {
    const body = {
      code: '400',
      message: 'Invalid service_plan_id {servicePlanId}',
      status: 'INVALID_ARGUMENT',
      details: [
        {
          type: 'BadRequest',
          fieldViolations: [
            { field: 'smsConfiguration.servicePlanId', description: 'Invalid servicePlanId' },
          ],
        },
      ],
    };
    expect(parseErrorBody(400, JSON.stringify(body))).toEqual({
      shape: 'flat',
      message: 'Invalid service_plan_id {servicePlanId}',
      apiStatus: 'INVALID_ARGUMENT',
      apiCode: '400',
      fieldViolations: [{ field: 'smsConfiguration.servicePlanId', description: 'Invalid servicePlanId' }],
    });
  });

  it('flat with an integer code is read the same way', () => {
    const parsed = parseErrorBody(
      404,
      '{"code":404,"message":"The imported number could not be found.","status":"NOT_FOUND"}',
    );
    expect(parsed).toMatchObject({ shape: 'flat', apiCode: '404', apiStatus: 'NOT_FOUND' });
  });

  it('wrapped Google-style error with an integer code', () => {
    const body = {
      error: {
        code: 400,
        message: 'bad secret',
        status: 'INVALID_ARGUMENT',
        details: [
          { type: 'BadRequest', fieldViolations: [{ field: 'hmacSecret', description: 'too short' }] },
        ],
      },
    };
    expect(parseErrorBody(400, JSON.stringify(body))).toEqual({
      shape: 'wrapped',
      message: 'bad secret',
      apiStatus: 'INVALID_ARGUMENT',
      apiCode: '400',
      fieldViolations: [{ field: 'hmacSecret', description: 'too short' }],
    });
  });

  it('the Numbers-API 403 wrapped form with an empty message falls back to the status', () => {
    const parsed = parseErrorBody(
      403,
      '{"error":{"code":403,"message":"","status":"PERMISSION_DENIED","details":[]}}',
    );
    expect(parsed).toMatchObject({ shape: 'wrapped', message: 'PERMISSION_DENIED', apiCode: '403' });
  });

  it('RFC 7807 problem JSON from the gateway', () => {
    const body = {
      type: 'https://developers.sinch.com/docs/errors/registry/permission-denied',
      title: 'Permission denied',
      detail: 'Access key does not have access to projects/x',
    };
    expect(parseErrorBody(403, JSON.stringify(body))).toEqual({
      shape: 'problem',
      message: 'Access key does not have access to projects/x',
      apiStatus: 'Permission denied',
      problemType: 'https://developers.sinch.com/docs/errors/registry/permission-denied',
    });
  });

  it('OAuth token endpoint error, raw text and empty bodies', () => {
    expect(parseErrorBody(401, '{"error":"invalid_client","error_description":"nope"}')).toEqual({
      shape: 'oauth',
      message: 'nope',
      apiStatus: 'invalid_client',
    });
    expect(parseErrorBody(502, '<html>Bad gateway</html>')).toEqual({
      shape: 'raw',
      message: '<html>Bad gateway</html>',
    });
    expect(parseErrorBody(500, '')).toEqual({ shape: 'raw', message: 'HTTP 500' });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads delta-seconds and HTTP-dates; ignores garbage; never negative', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 2 ', now)).toBe(2000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('retry policy', () => {
  it('decides per outcome and idempotency', () => {
    const s = (status: number, retryAfter = false) => ({ kind: 'status' as const, status, retryAfter });
    const table: [Parameters<typeof decide>[0], boolean, string][] = [
      [{ kind: 'network', reached: false }, false, 'retry'],
      [{ kind: 'network', reached: true }, false, 'ambiguous'],
      [{ kind: 'network', reached: true }, true, 'retry'],
      [s(429), false, 'retry'],
      [s(503, true), false, 'retry'],
      [s(503), false, 'ambiguous'],
      [s(500), false, 'ambiguous'],
      [s(500), true, 'retry'],
      [s(408), true, 'retry'],
      [s(408), false, 'ambiguous'],
      [s(400), true, 'fail'],
      [s(404), true, 'fail'],
      [s(409), false, 'fail'],
    ];
    for (const [outcome, idempotent, expected] of table) {
      expect(decide(outcome, idempotent), JSON.stringify([outcome, idempotent])).toBe(expected);
    }
  });

  it('full jitter stays in [0, min(cap, base·2^(n-1)))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, baseMs, capMs, r) => {
          const d = backoffMs(attempt, { maxAttempts: 5, baseMs, capMs }, () => r);
          const ceiling = Math.min(capMs, baseMs * 2 ** (attempt - 1));
          return d >= 0 && d < ceiling + (ceiling === 0 ? 1 : 0);
        },
      ),
    );
  });
});

describe('network error classification', () => {
  it('refused / DNS never reached the server; resets did', () => {
    const wrap = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause });
    expect(classifyNetworkError(wrap({ code: 'ECONNREFUSED' }))).toEqual({
      code: 'ECONNREFUSED',
      reached: false,
    });
    expect(classifyNetworkError(wrap({ code: 'ENOTFOUND' }))).toEqual({ code: 'ENOTFOUND', reached: false });
    const aggregate = { errors: [{ code: 'ECONNREFUSED' }, { code: 'ECONNREFUSED' }] };
    expect(classifyNetworkError(wrap(aggregate))).toEqual({ code: 'ECONNREFUSED', reached: false });
    expect(classifyNetworkError(wrap({ code: 'ECONNRESET' }))).toEqual({ code: 'ECONNRESET', reached: true });
    expect(classifyNetworkError(wrap({ code: 'UND_ERR_SOCKET' }))).toEqual({
      code: 'UND_ERR_SOCKET',
      reached: true,
    });
    expect(classifyNetworkError(new Error('mystery'))).toEqual({ code: 'UNKNOWN', reached: true });
  });
});

describe('auditPath', () => {
  it('keeps the path and harmless params, redacts secret-looking ones', () => {
    const url = new URL(
      'https://x.example/v1/projects/p1/importedNumbers?pageToken=abc&client_secret=s3cr3t&access_token=t0k&servicePlanId=plan',
    );
    const path = auditPath(url);
    expect(path).toContain('/v1/projects/p1/importedNumbers?');
    expect(path).toContain('pageToken=abc');
    expect(path).toContain('servicePlanId=plan');
    expect(path).not.toContain('s3cr3t');
    expect(path).not.toContain('t0k');
    expect(path).toContain('client_secret=%5Bredacted%5D');
  });
});

// Issue 9 defect 5: the user saw "Request contains invalid arguments" while the field was only in details.
describe('userMessage: what a user reads of a Sinch error', () => {
  const error = (message: string, fieldViolations: Array<{ field: string; description: string }>) =>
    new SinchApiError({ httpStatus: 400, message, fieldViolations, shape: 'wrapped' }, 'importNumber');

  it('leads with the field violation, not the generic sentence', () => {
    const e = error('Request contains invalid arguments', [
      { field: 'smsConfiguration.servicePlanId', description: 'Invalid servicePlanId' },
    ]);
    expect(userMessage(e)).toBe('smsConfiguration.servicePlanId: Invalid servicePlanId');
  });

  it('counts further violations and keeps a message that says more than the generic one', () => {
    const e = error('Request contains invalid arguments', [
      { field: 'numbers[0]', description: '+12025550100 is not qualified' },
      { field: 'numbers[1]', description: '+12025550101 is not qualified' },
    ]);
    expect(userMessage(e)).toBe('numbers[0]: +12025550100 is not qualified (and 1 more)');
    expect(userMessage(error('The number is already imported', []))).toBe('The number is already imported');
  });
});
