import { describe, expect, it } from 'vitest';
import { developmentCsp } from './csp';
import { decideDevOrigin } from './dev-origin';

describe('decideDevOrigin', () => {
  it('allows exactly one loopback http origin in the browser shell, outside production', () => {
    expect(decideDevOrigin({ value: 'http://127.0.0.1:5173', shell: 'browser', production: false })).toEqual({
      ok: true,
      origin: 'http://127.0.0.1:5173',
    });
    expect(decideDevOrigin({ value: 'http://localhost:5173', shell: 'browser', production: false }).ok).toBe(
      true,
    );
  });

  it('is refused by the Electron shell and by a production build, whatever the value', () => {
    const electron = decideDevOrigin({
      value: 'http://127.0.0.1:5173',
      shell: 'electron',
      production: false,
    });
    expect(electron).toMatchObject({ ok: false, reason: expect.stringMatching(/desktop app refuses/) });
    const prod = decideDevOrigin({ value: 'http://127.0.0.1:5173', shell: 'browser', production: true });
    expect(prod).toMatchObject({ ok: false, reason: expect.stringMatching(/production/) });
  });

  it('refuses anything that is not a bare loopback http origin', () => {
    for (const value of [
      'https://127.0.0.1:5173',
      'http://evil.example:5173',
      'http://127.0.0.1',
      'http://127.0.0.1:5173/',
      'http://127.0.0.1:5173/path',
      'http://127.0.0.1.evil.example:80',
      'http://[::1]:5173',
      'http://127.0.0.1:0',
      'http://127.0.0.1:70000',
      '*',
      '',
    ])
      expect(decideDevOrigin({ value, shell: 'browser', production: false }).ok, value).toBe(false);
  });
});

describe('developmentCsp', () => {
  it('adds only what Vite HMR needs, for that one origin; framing, forms and <base> stay shut', () => {
    const csp = developmentCsp('http://127.0.0.1:5173');
    expect(csp).toContain("script-src 'self' 'unsafe-inline' 'unsafe-eval'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:5173");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toMatch(/\*|https?:/);
  });
});
