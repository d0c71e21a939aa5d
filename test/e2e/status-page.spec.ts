import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsoleMessage, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Every console message and page error, so a CSP violation (or any error) fails the test. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (
      m.type() === 'error' ||
      m.type() === 'warning' ||
      /Content Security Policy|Refused to/i.test(m.text())
    )
      problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

test('npm run serve prints one URL with a 256-bit token', async ({ desk }) => {
  const urls = desk.stdout().match(/https?:\/\/\S+/g) ?? [];
  expect(urls).toEqual([desk.url]);
  expect(Buffer.from(desk.token, 'base64url')).toHaveLength(32);
});

test('the status page shows the Sandbox workspace and the real keychain', async ({ page, desk }) => {
  const problems = watchConsole(page);
  const cspReports: string[] = [];
  await page.exposeBinding('__reportCsp', (_source, text: string) => cspReports.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __reportCsp(t: string): void }).__reportCsp(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });

  await page.goto(desk.url);
  await expect(page.getByRole('heading', { name: 'Status' })).toBeVisible();
  await expect(page.getByTestId('workspace-badge')).toHaveText('Sandbox');
  await expect(page.getByTestId('row-workspace')).toContainText('Sandbox');
  // The simulator row shows what the engine says, whatever state it is in (asked over the page's session).
  const engineSays = await page.evaluate(async () => {
    const res = await fetch('/rpc/app.status', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    return (await res.json()).value.simulator as { state: string; detail: string };
  });
  const labels: Record<string, string> = {
    'not-available': 'Not available yet',
    starting: 'Starting',
    running: 'Running',
    stopped: 'Stopped',
    failed: 'Failed',
  };
  await expect(page.getByTestId('row-simulator')).toContainText(
    labels[engineSays.state] ?? '(unknown state)',
  );
  await expect(page.getByTestId('row-simulator')).toContainText(engineSays.detail);

  const keychain = page.getByTestId('row-keychain');
  await expect(keychain).toContainText('Available');
  await expect(page.getByTestId('keychain-backend')).toHaveText('Secret Service');
  await expect(keychain).toContainText('OS keychain available: Secret Service');
  await expect(page.getByTestId('data-dir')).toHaveText(desk.dataDir);
  await expect(page.getByTestId('row-version')).toContainText('0.1.0');

  // The token was exchanged for a cookie and dropped from the address bar.
  expect(page.url()).toBe(`${desk.origin}/#/status`);
  const cookies = await page.context().cookies(desk.origin);
  expect(cookies).toHaveLength(1);
  expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

  await page.screenshot({ path: 'test-results/status-page.png', fullPage: true });
  expect(cspReports).toEqual([]);
  expect(problems).toEqual([]);
});

/** A channel's Result, asked over the page's own session (the same path the renderer uses). */
async function rpc<T>(page: Page, channel: string): Promise<{ ok: boolean; value: T }> {
  return page.evaluate(async (name) => {
    const res = await fetch(`/rpc/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    return res.json();
  }, channel);
}

type Sync = { running: boolean; status?: string; detail: string };
/** The Sync row's wording per engine status, written out here independently of the renderer. */
const syncLabels: Record<string, RegExp> = {
  online: /^Online$/,
  offline: /^Offline/,
  'rate-limited': /^Paused by rate limit/,
  'credentials-missing': /^Needs action/,
  'credentials-rejected': /^Needs action/,
  paused: /^Paused$/,
  stopped: /^Stopped$/,
};
const syncLabel = (s: Sync) => syncLabels[s.status ?? (s.running ? 'starting' : 'paused')] ?? /^Starting$/;

test('with the keychain: encrypted storage and no banner; Sync follows the engine and Start/Pause flips it', async ({
  page,
  desk,
}) => {
  const problems = watchConsole(page);
  await page.goto(desk.url);
  const storage = page.getByTestId('row-storage');
  await expect(storage).toContainText('key held in the OS keychain');
  await expect(storage.locator('.badge')).toHaveText('Encrypted');
  await expect(storage.locator('.badge')).toHaveAttribute('data-tone', 'done');
  await expect(page.getByTestId('storage-banner')).toHaveCount(0);
  const engineStorage = (await rpc<{ storage?: { encrypted: boolean } }>(page, 'app.status')).value.storage;
  expect(engineStorage).toMatchObject({ encrypted: true, available: true });

  // The row shows the engine's real state.
  const before = await rpc<Sync>(page, 'sync.status');
  expect(before.ok).toBe(true);
  const state = page.getByTestId('sync-state');
  await expect(state).toHaveText(syncLabel(before.value));
  await expect(page.getByTestId('row-sync')).toContainText(before.value.detail);

  // Start/Pause from the keyboard flips what the engine says.
  const button = page.getByTestId('sync-toggle');
  await expect(button).toHaveText(before.value.running ? 'Pause sync' : 'Start sync');
  await button.focus();
  expect(await button.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
  const flipped = page.waitForResponse((r) =>
    r.url().endsWith(before.value.running ? '/rpc/sync.pause' : '/rpc/sync.start'),
  );
  await page.keyboard.press('Enter');
  expect((await flipped).status()).toBe(200);
  await expect(button).toHaveText(before.value.running ? 'Start sync' : 'Pause sync');
  const after = await rpc<Sync>(page, 'sync.status');
  expect(after.value.running).toBe(!before.value.running);
  await expect(state).toHaveText(syncLabel(after.value));
  if (after.value.running) {
    // The Sandbox simulator answers: sending goes online by itself, announced by sync.state.
    await expect(state).toHaveText('Online');
    await expect(state.locator('.badge')).toHaveAttribute('data-tone', 'done');
    await page.screenshot({ path: 'test-results/status-page-sync-online.png', fullPage: true });
  }

  // A change made elsewhere (here: the RPC, not the button) reaches the row through the sync.state
  // event alone — the page never polls.
  const paused = await page.evaluate(async () => {
    const res = await fetch('/rpc/sync.pause', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    return (await res.json()).value.running as boolean;
  });
  expect(paused).toBe(false);
  await expect(state).toHaveText('Paused');
  await expect(state.locator('.badge')).toHaveAttribute('data-tone', 'waiting');
  await expect(button).toHaveText('Start sync');
  await page.screenshot({ path: 'test-results/status-page-sync-paused.png', fullPage: true });
  expect(problems).toEqual([]);
});

test('light and dark follow the OS preference', async ({ page, desk }) => {
  const problems = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(desk.url);
  await expect(page.getByTestId('row-keychain')).toContainText('Available');
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.screenshot({ path: 'test-results/status-page-light.png', fullPage: true });

  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.screenshot({ path: 'test-results/status-page-dark.png', fullPage: true });
  expect(light).toBe('rgb(245, 246, 248)');
  expect(dark).toBe('rgb(17, 19, 23)');
  expect(problems).toEqual([]);
});

test('"Check again" probes the keychain from the keyboard and re-queries on the event', async ({
  page,
  desk,
}) => {
  await page.goto(desk.url);
  const keychain = page.getByTestId('row-keychain');
  await expect(keychain).toContainText('Available');
  const before = await keychain.locator('time').getAttribute('datetime');

  const probes = page.waitForResponse((r) => r.url().endsWith('/rpc/keychain.probe'));
  // app.statusChanged arrives over SSE and makes the page re-query app.status (it never polls).
  const requery = page.waitForResponse((r) => r.url().endsWith('/rpc/app.status'));
  const button = page.getByRole('button', { name: 'Check again' });
  await button.focus();
  await expect(button).toBeFocused();
  const outline = await button.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid'); // a visible focus ring
  await page.keyboard.press('Enter');
  expect((await probes).status()).toBe(200);
  expect((await requery).status()).toBe(200);
  await expect(keychain.locator('time')).not.toHaveAttribute('datetime', before ?? '');
  await expect(keychain).toContainText('Available');
});

test('a reload keeps the session; a page without the link says how to connect', async ({
  page,
  browser,
  desk,
}) => {
  await page.goto(desk.url);
  await expect(page.getByTestId('row-keychain')).toContainText('Available');
  await page.reload();
  await expect(page.getByTestId('row-keychain')).toContainText('Available');

  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await other.goto(`${desk.origin}/`);
  await expect(other.getByRole('heading', { name: 'Not connected' })).toBeVisible();
  await expect(other.getByRole('alert')).toContainText('without its access link');
  await expect(other.getByRole('alert')).toContainText('open the one link it printed');
  const stale = await stranger.newPage();
  await stale.goto(`${desk.origin}/#token=fake-old-token-0000`);
  await expect(stale.getByRole('alert')).toContainText('earlier run');
  await stale.screenshot({ path: 'test-results/not-connected.png' });
  await stranger.close();
});

test('Ctrl-C stops the shell cleanly; the request log has no token or cookie', async ({ page, desk }) => {
  await page.goto(desk.url);
  await expect(page.getByTestId('row-keychain')).toContainText('Available');
  const cookie = (await page.context().cookies(desk.origin))[0]?.value ?? '';
  expect(cookie.length).toBeGreaterThan(20);
  await page.close();

  expect(await desk.stop()).toBe(0);
  const log = readFileSync(join(desk.dataDir, 'logs', 'web-requests.log'), 'utf8');
  expect(log.trim().split('\n').length).toBeGreaterThan(3);
  expect(log).toContain('"path":"/rpc/app.status"');
  expect(log).not.toContain(desk.token);
  expect(log).not.toContain(cookie);
});
