import { expect, test } from '@playwright/test';
import { serveDesk } from './fixtures';

/**
 * Without a Secret Service the shell still starts and the page says so plainly, with how to fix it —
 * never a silent fallback (DESIGN.md, "Secrets"). The D-Bus session is hidden from the server only.
 */
test('without a keychain the status page says what is wrong and how to fix it', async ({ page }) => {
  const { DBUS_SESSION_BUS_ADDRESS: _hidden, ...env } = process.env;
  const desk = await serveDesk(env, { tourSeen: true });
  try {
    await page.goto(desk.url);
    const keychain = page.getByTestId('row-keychain');
    await expect(keychain).toContainText('Unavailable');
    await expect(page.getByTestId('keychain-backend')).toHaveText('No keychain answered');
    await expect(keychain).toContainText('No D-Bus session');
    await expect(keychain).toContainText('the Sandbox still works');
    await expect(page.getByTestId('workspace-badge')).toHaveText('Sandbox');

    // The Sandbox opened on an unencrypted database: a permanent banner says so, and how to fix it.
    const banner = page.getByTestId('storage-banner');
    await expect(banner).toHaveCount(1);
    await expect(banner).toContainText('Storage is not encrypted');
    await expect(banner).toContainText('Live workspaces stay unavailable until a keychain answers');
    await expect(banner).toContainText('install or unlock a Secret Service');
    // Not dismissible: its only control is "Check again".
    await expect(banner.getByRole('button')).toHaveText(['Check again']);
    const storage = page.getByTestId('row-storage');
    await expect(storage.locator('.badge')).toHaveText('Not encrypted');
    await expect(storage.locator('.badge')).toHaveAttribute('data-tone', 'action');
    await expect(storage).toContainText('the Sandbox database is stored unencrypted');
    const engine = await page.evaluate(async () => {
      const res = await fetch('/rpc/app.status', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      return (await res.json()).value.storage as { encrypted: boolean; available: boolean; reason: string };
    });
    expect(engine).toMatchObject({ encrypted: false, available: true });
    await expect(storage).toContainText(engine.reason);

    // "Check again" keeps the banner while still no keychain answers (nothing silently changes).
    const probe = page.waitForResponse((r) => r.url().endsWith('/rpc/keychain.probe'));
    await banner.getByRole('button', { name: 'Check again' }).click();
    expect((await probe).status()).toBe(200);
    await expect(banner).toContainText('Storage is not encrypted');
    await expect(page.getByTestId('row-sync')).toBeVisible();
    await page.screenshot({ path: 'test-results/status-page-no-keychain.png', fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'test-results/status-page-no-keychain-dark.png', fullPage: true });
  } finally {
    await desk.cleanup();
  }
});

/**
 * An encrypted Sandbox whose keychain has gone: the database is never reopened in clear (nothing
 * silently downgrades) — a red banner and a red Storage row say why.
 */
test('an encrypted database without its keychain is refused, in red, never opened in clear', async ({
  page,
}) => {
  const first = await serveDesk();
  let second: Awaited<ReturnType<typeof serveDesk>> | null = null;
  try {
    expect(await first.stop()).toBe(0);
    const { DBUS_SESSION_BUS_ADDRESS: _hidden, ...env } = process.env;
    second = await serveDesk(env, { dataDir: first.dataDir });
    await page.goto(second.url);
    // The page exchanges the link's token for a session cookie first; ask the engine only after
    // the frame rendered, or the fetch races the exchange and gets 401 (flaked once on main).
    const banner = page.getByTestId('storage-banner');
    await expect(banner).toContainText('The workspace database could not be opened');
    const engine = await page.evaluate(async () => {
      const res = await fetch('/rpc/app.status', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      return (await res.json()).value.storage as { encrypted: boolean; available: boolean; reason: string };
    });
    expect(engine).toMatchObject({ available: false });
    await expect(banner).toContainText(engine.reason);
    await expect(banner).toHaveAttribute('role', 'alert');
    const storage = page.getByTestId('row-storage');
    await expect(storage.locator('.badge')).toHaveText('Cannot open');
    await expect(storage.locator('.badge')).toHaveAttribute('data-tone', 'failed');
    await expect(storage).toContainText(engine.reason);
    const sync = page.getByTestId('row-sync');
    await expect(sync.locator('.badge')).toHaveText('Not available');
    await expect(sync).toContainText('workspace database is not open');
    await expect(page.getByTestId('sync-toggle')).toHaveCount(0);
    // the keychain row must not promise what the storage row just said is not the case
    const keychainRow = page.getByTestId('row-keychain');
    await expect(keychainRow).not.toContainText('the Sandbox still works');
    await expect(keychainRow).toContainText('encrypted workspaces stay closed until it answers again');
    await page.screenshot({ path: 'test-results/status-page-storage-unavailable.png', fullPage: true });
  } finally {
    await second?.cleanup();
    await first.cleanup();
  }
});
