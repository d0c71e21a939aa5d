import { describe, expect, it } from 'vitest';
import { signCallbackBody, verifyCallbackSignature } from './callback-signature';

describe('X-Sinch-Signature (§8.3)', () => {
  it('is lower-case hex HMAC-SHA1 (RFC 2202 test case 2)', () => {
    expect(signCallbackBody('Jefe', 'what do ya want for nothing?')).toBe(
      'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79',
    );
  });

  it('verifies over the raw bytes, case-insensitively, and rejects anything else', () => {
    const secret = 'fake-hmac-secret-0000';
    const raw = Buffer.from('{"eventId":"01jgkbb8xywmz3hhahd76menqf","status":"FAILED"}');
    const sig = signCallbackBody(secret, raw);
    expect(verifyCallbackSignature(secret, raw, sig)).toBe(true);
    expect(verifyCallbackSignature(secret, raw, sig.toUpperCase())).toBe(true);
    // the same JSON re-serialised with different spacing is a different body
    expect(
      verifyCallbackSignature(secret, '{"eventId": "01jgkbb8xywmz3hhahd76menqf","status":"FAILED"}', sig),
    ).toBe(false);
    expect(verifyCallbackSignature('other-secret', raw, sig)).toBe(false);
    expect(verifyCallbackSignature(secret, raw, sig.slice(0, 39))).toBe(false);
    expect(verifyCallbackSignature(secret, raw, undefined)).toBe(false);
    expect(verifyCallbackSignature(secret, raw, 'z'.repeat(40))).toBe(false);
  });
});
