import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Callback signing (REFERENCE.md §8.3): `X-Sinch-Signature` = lower-case hex HMAC-SHA1 over the RAW
 * body bytes (before any JSON parsing), keyed with the UTF-8 bytes of the project's `hmacSecret`.
 * Hex encoding is confirmed by Sinch's Python SDK, not by the API docs.
 */
export function signCallbackBody(hmacSecret: string, rawBody: Uint8Array | string): string {
  return createHmac('sha1', Buffer.from(hmacSecret, 'utf8')).update(rawBody).digest('hex');
}

/** Constant-time check; a missing or malformed header is simply invalid. */
export function verifyCallbackSignature(
  hmacSecret: string,
  rawBody: Uint8Array | string,
  header: string | null | undefined,
): boolean {
  if (!header || !hmacSecret) return false;
  const given = header.trim().toLowerCase();
  if (!/^[0-9a-f]{40}$/.test(given)) return false;
  const expected = Buffer.from(signCallbackBody(hmacSecret, rawBody), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}
