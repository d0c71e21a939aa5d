import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { APP_ORIGIN } from './app-protocol';
import {
  decideDownload,
  devOriginRefusal,
  decideNavigation,
  decidePermission,
  isAllowedSender,
  mayAttachWebview,
  mayOpenExternal,
} from './security';

describe('isAllowedSender', () => {
  const ours = new Set([7]);
  it.each([
    [{ webContentsId: 7, frameUrl: 'app://desk/index.html', isTopFrame: true }, true],
    [{ webContentsId: 7, frameUrl: 'app://desk/index.html#/queue', isTopFrame: true }, true],
    [{ webContentsId: 7, frameUrl: 'app://desk/', isTopFrame: true }, true],
    // a subframe of our own window
    [{ webContentsId: 7, frameUrl: 'app://desk/index.html', isTopFrame: false }, false],
    // our window, but showing another origin
    [{ webContentsId: 7, frameUrl: 'https://evil.example/', isTopFrame: true }, false],
    [{ webContentsId: 7, frameUrl: 'file:///opt/desk/out/renderer/index.html', isTopFrame: true }, false],
    [{ webContentsId: 7, frameUrl: 'app://desk.evil/index.html', isTopFrame: true }, false],
    [{ webContentsId: 7, frameUrl: 'app://evil/index.html', isTopFrame: true }, false],
    [{ webContentsId: 7, frameUrl: 'about:blank', isTopFrame: true }, false],
    // the frame is gone
    [{ webContentsId: 7, frameUrl: null, isTopFrame: true }, false],
    // a webContents we did not create
    [{ webContentsId: 8, frameUrl: 'app://desk/index.html', isTopFrame: true }, false],
  ])('%o → %s', (sender, allowed) => {
    expect(isAllowedSender(sender, ours)).toBe(allowed);
  });
});

describe('mayOpenExternal', () => {
  it.each([
    ['https://developers.sinch.com/docs/numbers/', true],
    ['https://dashboard.sinch.com/numbers/your-numbers', true],
    ['mailto:orders@sinch.com', true],
    ['mailto:orders@sinch.com?subject=Invoice%20for%20order%20123', true],
    ['mailto:ORDERS@sinch.com', true],
    // look-alikes and tricks
    ['http://developers.sinch.com/', false],
    ['https://developers.sinch.com.evil.com/', false],
    ['https://evil.com/?developers.sinch.com', false],
    ['https://user@developers.sinch.com/', false],
    ['https://developers.sinch.com:8443/', false],
    ['https://sinch.com.evil/', false],
    ['mailto:orders@sinch.com,attacker@evil.com', false],
    ['mailto:orders@sinch.com?bcc=attacker@evil.com', false],
    ['mailto:someone@sinch.com', false],
    // never a local or scriptable scheme
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['app://desk/index.html', false],
    ['smb://host/share', false],
    ['ms-msdt:/id', false],
    ['data:text/html,hi', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, allowed) => {
    expect(mayOpenExternal(url)).toBe(allowed);
  });
});

describe('decideNavigation', () => {
  it.each([
    ['https://developers.sinch.com/docs', true],
    ['https://evil.example/', false],
    ['http://127.0.0.1:8080/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['app://desk/index.html', false],
    ['app://desk/../../etc/passwd', false],
  ])('%s is never shown in the app; opened externally: %s', (url, external) => {
    expect(decideNavigation(url)).toEqual({ allowInApp: false, openExternally: external });
  });
});

describe('permissions and webviews', () => {
  it.each([
    'media',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'geolocation',
    'openExternal',
    'fullscreen',
    'pointerLock',
    'hid',
    'serial',
    'usb',
    'fileSystem',
    'unknown-future-permission',
  ])('%s is denied', (permission) => {
    expect(decidePermission(permission, 'app://desk/index.html')).toBe(false);
  });
  it('never attaches a webview', () => {
    expect(mayAttachWebview()).toBe(false);
  });
});

describe('devOriginRefusal', () => {
  it('the desktop app refuses --dev-origin in either spelling, and ignores argv without it', () => {
    expect(devOriginRefusal(['electron', '.', '--dev-origin', 'http://127.0.0.1:5173'])).toMatch(
      /desktop app refuses/,
    );
    expect(devOriginRefusal(['electron', '.', '--dev-origin=http://127.0.0.1:5173'])).toMatch(
      /desktop app refuses/,
    );
    expect(devOriginRefusal(['electron', '.', '--dev-origin'])).toMatch(/desktop app refuses/);
    expect(devOriginRefusal(['electron', '.', '--inspect'])).toBeNull();
  });
});

describe('every security decision is total (issue 10, finding 8)', () => {
  it('a malformed percent-escape in a mailto: is a "no", not a URIError', () => {
    expect(mayOpenExternal('mailto:%E0%A4%A')).toBe(false);
    expect(mayOpenExternal('mailto:orders@sinch.com%')).toBe(false);
    expect(decideNavigation('mailto:%E0%A4%A')).toEqual({ allowInApp: false, openExternally: false });
  });

  const urlish = fc.oneof(
    fc.string(),
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc
      .tuple(
        fc.constantFrom('mailto:', 'https://', 'http://', 'app://desk/', 'file://', ''),
        fc.stringMatching(/^[%0-9A-Fa-f@.,?=&:/#a-z]*$/),
      )
      .map(([scheme, rest]) => scheme + rest),
  );

  it('mayOpenExternal, decideNavigation and isAllowedSender answer a boolean for any input', () => {
    fc.assert(
      fc.property(urlish, fc.boolean(), (url, top) => {
        expect(typeof mayOpenExternal(url)).toBe('boolean');
        expect(decideNavigation(url).allowInApp).toBe(false);
        expect(
          typeof isAllowedSender({ webContentsId: 1, frameUrl: url, isTopFrame: top }, new Set([1])),
        ).toBe('boolean');
      }),
      { numRuns: 2_000 },
    );
  });

  it('only the allow-listed addresses and hosts are ever a "yes"', () => {
    fc.assert(
      fc.property(urlish, (url) => {
        if (!mayOpenExternal(url)) return;
        const parsed = new URL(url);
        expect(['https:', 'mailto:']).toContain(parsed.protocol);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('decideDownload', () => {
  const blob = `blob:${APP_ORIGIN}/4f1c6a0e-1111-4222-8333-944455556666`;
  it('lets our page save a CSV or XLSX export through the save dialog', () => {
    expect(decideDownload(blob, 'sandbox-batch-march-20260105-0900.csv')).toEqual({
      allow: true,
      dialog: {
        title: 'Save export',
        defaultPath: 'sandbox-batch-march-20260105-0900.csv',
        filters: [{ name: 'CSV (comma-separated)', extensions: ['csv'] }],
      },
    });
    expect(decideDownload(blob, 'audit-log.xlsx')).toMatchObject({ allow: true });
  });
  it('cancels anything else: other origins, other kinds, paths and dot-files', () => {
    for (const url of [
      'https://example.com/a.csv',
      'blob:https://evil.example/x',
      'blob:null/x',
      'data:text/csv,a',
    ])
      expect(decideDownload(url, 'a.csv')).toEqual({ allow: false });
    for (const name of ['run.exe', 'a.csv.exe', '.bashrc', 'noext', 'a.CSV '])
      expect(decideDownload(blob, name)).toEqual({ allow: false });
    // a path is reduced to its last part, never followed
    expect(decideDownload(blob, '../../etc/x.csv')).toMatchObject({
      allow: true,
      dialog: { defaultPath: 'x.csv' },
    });
  });
});

describe('the Verification screen’s invoice e-mail', () => {
  it('its mailto: link passes the allow-list, however many numbers it lists', async () => {
    const { invoiceEmail } = await import('../../renderer/src/features/verify/verify-view');
    const numbers = Array.from({ length: 50 }, (_, i) => `+1202555${String(1000 + i)}`);
    expect(mayOpenExternal(invoiceEmail(numbers).mailto)).toBe(true);
    expect(mayOpenExternal(invoiceEmail(numbers.slice(0, 1)).mailto)).toBe(true);
  });
});
