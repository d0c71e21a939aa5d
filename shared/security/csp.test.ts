import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './csp';

const directives = new Map(
  CONTENT_SECURITY_POLICY.split(';').map((d) => {
    const [name = '', ...values] = d.trim().split(/\s+/);
    return [name, values] as const;
  }),
);

describe('CONTENT_SECURITY_POLICY', () => {
  it('denies by default and allows only our own origin for code and styles', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });

  it('never allows inline code, eval, remote hosts or blob: workers', () => {
    for (const forbidden of ["'unsafe-inline'", "'unsafe-eval'", 'blob:', 'http:', 'https:', '*']) {
      expect([...directives.values()].flat()).not.toContain(forbidden);
    }
  });

  it('is a single header value (no newline, every directive once)', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/[\r\n]/);
    expect(directives.size).toBe(CONTENT_SECURITY_POLICY.split(';').length);
  });
});
