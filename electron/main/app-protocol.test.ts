import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveAppFile } from './app-protocol';

const root = '/opt/desk/out/renderer';

describe('resolveAppFile', () => {
  it.each([
    ['app://desk/', `${root}/index.html`],
    ['app://desk', `${root}/index.html`],
    ['app://desk/index.html', `${root}/index.html`],
    ['app://desk/assets/index-AbC123.js', `${root}/assets/index-AbC123.js`],
    ['app://desk/assets/index.css?v=3#x', `${root}/assets/index.css`],
    ['app://DESK/assets/logo%20dark.svg', `${root}/assets/logo dark.svg`],
    ['app://desk//assets//a.js', `${root}/assets/a.js`],
  ])('%s → %s', (url, file) => {
    expect(resolveAppFile(url, root)).toEqual({ ok: true, file });
  });

  it.each([
    ['app://desk/../../etc/passwd', 403],
    ['app://desk/assets/../../../etc/passwd', 403],
    ['app://desk/%2e%2e/%2e%2e/etc/passwd', 403],
    ['app://desk/%2E%2E/secret', 403],
    ['app://desk/..%2f..%2fetc%2fpasswd', 400],
    ['app://desk/..%5c..%5cwindows', 400],
    ['app://desk/a\\..\\..\\etc', 400],
    ['app://desk/./index.html', 403],
    ['app://desk/index.html%00.png', 400],
    ['app://desk/%E0%A4%A', 400],
    ['app://evil/index.html', 403],
    ['app://desk.evil.com/index.html', 403],
    ['app:///etc/passwd', 403],
    ['file:///etc/passwd', 400],
    ['https://desk/index.html', 400],
    ['/etc/passwd', 400],
  ])('refuses %s (%i)', (url, status) => {
    const decision = resolveAppFile(url, root);
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.status).toBe(status);
  });

  it('never answers a file outside the root, whatever the path', () => {
    for (const url of ['app://desk/%2e./x', 'app://desk/.%2e/x', 'app://desk/a/%2e%2e/%2e%2e/x']) {
      const decision = resolveAppFile(url, root);
      if (decision.ok) expect(decision.file.startsWith(`${root}/`)).toBe(true);
    }
  });

  it('refuses methods other than GET and HEAD', () => {
    expect(resolveAppFile('app://desk/index.html', root, 'POST')).toMatchObject({ ok: false, status: 405 });
    expect(resolveAppFile('app://desk/index.html', root, 'HEAD')).toMatchObject({ ok: true });
  });

  it('property: whatever the path, an accepted request maps to a file strictly inside the root', () => {
    const piece = fc.constantFrom(
      '..',
      '.',
      '%2e',
      '%2E%2e',
      '%2f',
      '%5c',
      '/',
      '//',
      '\\',
      '%00',
      'a',
      'etc',
      'passwd',
      '%',
      '?',
      '#',
      ' ',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string()), { maxLength: 12 }), (parts) => {
        const decision = resolveAppFile(`app://desk/${parts.join('')}`, root);
        if (decision.ok) expect(decision.file.startsWith(`${root}/`)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
