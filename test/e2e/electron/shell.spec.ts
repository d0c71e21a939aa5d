import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type ElectronApplication,
  _electron as electron,
  expect,
  type Page,
  test as base,
} from '@playwright/test';
import { findElectronBinary } from '../../../scripts/start.mjs';
import { channelNames } from '../../../shared/contract';

/**
 * The Electron glue end to end: window preferences, what the page can reach, navigation, the
 * app:// protocol. Runs only where an Electron binary exists (found exactly as `npm start` finds
 * it, without triggering Electron's lazy download); each test gets its own user-data dir.
 */
const root = resolve(import.meta.dirname, '../../..');
const binary = findElectronBinary({
  electronDir: join(root, 'node_modules/electron'),
  env: process.env,
  exists: existsSync,
  readFile: (p) => readFileSync(p, 'utf8'),
});

type DeskWindow = {
  desk: {
    call(channel: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }>;
    channels: readonly string[];
    events: readonly string[];
  };
};

const test = base.extend<{ app: ElectronApplication; page: Page }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
  app: async ({}, use) => {
    if (!binary.found) throw new Error('unreachable: skipped below');
    const profile = mkdtempSync(join(tmpdir(), 'hd-electron-'));
    const app = await electron.launch({
      executablePath: binary.path,
      args: [root],
      env: {
        ...process.env,
        HOSTING_DESK_USER_DATA_DIR: profile,
        HOSTING_DESK_DATA_DIR: join(profile, 'data'),
        HOSTING_DESK_E2E: '1',
      } as Record<string, string>,
    });
    await use(app);
    await app.close();
    rmSync(profile, { recursive: true, force: true });
  },
  page: async ({ app }, use) => {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await use(page);
  },
});

test.describe('Electron shell', () => {
  test.skip(
    !binary.found,
    `No Electron binary on this machine (${binary.found ? '' : binary.reason}); these run wherever one exists (e.g. after \`npx install-electron\`).`,
  );
  test.beforeAll(() => {
    if (!existsSync(join(root, 'out/main/index.js'))) throw new Error('Run `npx electron-vite build` first.');
  });

  test('the window is isolated, sandboxed and has no Node integration', async ({ app }) => {
    await app.firstWindow();
    const prefs = await app.evaluate(() => {
      const p = (globalThis as { hostingDeskWebPreferences?: Record<string, unknown> })
        .hostingDeskWebPreferences;
      return {
        contextIsolation: p?.contextIsolation,
        sandbox: p?.sandbox,
        nodeIntegration: p?.nodeIntegration,
      };
    });
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });

  test('the page sees window.desk and nothing of Node or Electron', async ({ page }) => {
    expect(page.url()).toMatch(/^app:\/\/desk\//);
    const seen = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      deskKeys: Object.keys((window as unknown as DeskWindow).desk).sort(),
      channels: [...(window as unknown as DeskWindow).desk.channels],
    }));
    expect(seen).toEqual({
      require: 'undefined',
      process: 'undefined',
      deskKeys: ['call', 'channels', 'events', 'on', 'onConnection'],
      channels: [...channelNames],
    });
    const status = await page.evaluate(() => (window as unknown as DeskWindow).desk.call('app.status', {}));
    expect(status).toMatchObject({ ok: true, value: { shell: 'electron' } });
  });

  test('navigation and new windows are refused', async ({ app, page }) => {
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    // a round trip through the engine: the refused navigation has been decided by then
    await page.evaluate(() => (window as unknown as DeskWindow).desk.call('app.status', {}));
    expect(page.url()).toBe(before);
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  test('app:// sends the CSP header and refuses path traversal', async ({ page }) => {
    const result = await page.evaluate(async () => {
      const index = await fetch('app://desk/index.html');
      const traversal = await fetch('app://desk/%2e%2e/%2e%2e/etc/passwd').catch(() => null);
      return { csp: index.headers.get('content-security-policy'), traversal: traversal?.status ?? 'refused' };
    });
    expect(result.csp).toContain("default-src 'none'");
    expect(result.traversal).not.toBe(200);
  });
});
