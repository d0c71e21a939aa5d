import { describe, expect, it } from 'vitest';
import { credentialNeedles, scan } from './secret-scan';

/** The checker itself must be able to fail: a planted secret in each encoding is found. */
describe('secret scan', () => {
  const needles = credentialNeedles({
    keyId: 'fake-key-id-0000',
    keySecret: 'fake-key-secret-0000',
    bearerTokens: ['fake-bearer-token-0000'],
    hmacSecret: 'fake-hmac-secret-0000',
  });

  it('finds every planted value, in UTF-8 and UTF-16LE, and names the needle', () => {
    const basic = Buffer.from('fake-key-id-0000:fake-key-secret-0000').toString('base64');
    const hits = scan(
      [
        { name: 'log', content: `{"auth":"Basic ${basic}"}` },
        { name: 'wal', content: Buffer.from('xx fake-hmac-secret-0000 yy', 'utf16le') },
        { name: 'ipc', content: '{"token":"fake-bearer-token-0000"}' },
        { name: 'db', content: 'secret=fake-key-secret-0000' },
      ],
      needles,
    );
    expect(hits.map((h) => `${h.haystack}:${h.needle}`).sort()).toEqual([
      'db:key secret',
      'ipc:bearer token #1',
      'log:base64(keyId:keySecret)',
      'wal:HMAC secret',
    ]);
  });

  it('reports nothing for clean text', () => {
    expect(scan([{ name: 'clean', content: 'key secret [redacted]' }], needles)).toEqual([]);
  });
});
