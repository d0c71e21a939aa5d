import { expect, test } from '@playwright/test';
import { serveDesk } from './fixtures';

/**
 * Without a Secret Service the shell still starts and the page says so plainly, with how to fix it —
 * never a silent fallback (DESIGN.md, "Secrets"). The D-Bus session is hidden from the server only.
 */
test('without a keychain the status page says what is wrong and how to fix it', async ({ page }) => {
  const { DBUS_SESSION_BUS_ADDRESS: _hidden, ...env } = process.env;
  const desk = await serveDesk(env);
  try {
    await page.goto(desk.url);
    const keychain = page.getByTestId('row-keychain');
    await expect(keychain).toContainText('Unavailable');
    await expect(page.getByTestId('keychain-backend')).toHaveText('No keychain answered');
    await expect(keychain).toContainText('No D-Bus session');
    await expect(keychain).toContainText('the Sandbox still works');
    await expect(page.getByTestId('workspace-badge')).toHaveText('Sandbox');
    await page.screenshot({ path: 'test-results/status-page-no-keychain.png', fullPage: true });
  } finally {
    await desk.cleanup();
  }
});
