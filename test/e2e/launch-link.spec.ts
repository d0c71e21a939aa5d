import { statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, freshLoginUrl, test } from './fixtures';

/**
 * Issue 10, finding 3 in a real browser: the printed link opens one browser context; a second
 * context with the same link is told it was used; a fresh link (SIGUSR1) opens it. The launch file
 * that `npm run serve` opens the browser with is the user's alone (0600).
 */
test('each link opens one browser context; a fresh link opens the next', async ({ browser, desk }) => {
  expect(statSync(join(desk.dataDir, 'open-hosting-desk.html')).mode & 0o777).toBe(0o600);
  const first = await browser.newContext();
  const a = await first.newPage();
  await a.goto(desk.url);
  await expect(a.getByTestId('row-keychain')).toBeVisible();

  const second = await browser.newContext();
  const b = await second.newPage();
  await b.goto(desk.url);
  await expect(b.getByRole('alert')).toContainText('already used');
  // a new page: on the same page only the fragment would change, and the app reads it at load
  const c = await second.newPage();
  await c.goto(await freshLoginUrl(desk));
  await expect(c.getByTestId('row-keychain')).toBeVisible();
  await first.close();
  await second.close();
});
