import type { Page } from '@playwright/test';
import { expect, freshLoginUrl, test } from './fixtures';
import { QueueScreen } from './pages/queue';

/**
 * A screen opened right after the launch link loads (a typed hash, a notification click, a spec's
 * deep link) stays open: neither the launch token's exchange nor the `/` landing decision, both
 * asynchronous, may replace it once they answer. Each test holds one of them back until the hash is set.
 */
async function holdBack(page: Page, pattern: string): Promise<{ release(): void; answered: Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((done) => {
    release = done;
  });
  let answered!: () => void;
  const done = new Promise<void>((resolve) => {
    answered = resolve;
  });
  await page.route(pattern, async (route) => {
    await released;
    await route.continue();
    answered();
  });
  return { release, answered: done };
}

async function openQueueWhile(page: Page, held: { release(): void; answered: Promise<void> }) {
  await page.evaluate(() => {
    window.location.hash = '#/queue';
  });
  held.release();
  await held.answered;
  // the late answer has been handled (a redirect would follow it within a task or two): still on Queue
  await page.waitForTimeout(300);
  await expect(page).toHaveURL(/#\/queue$/, { timeout: 1_000 });
  await expect(new QueueScreen(page).heading).toBeVisible();
}

test('a screen opened while the launch token is exchanged stays open', async ({ page, workerDesk }) => {
  const held = await holdBack(page, '**/session');
  const sent = page.waitForRequest('**/session');
  await page.goto(await freshLoginUrl(workerDesk), { waitUntil: 'commit' });
  await sent;
  await openQueueWhile(page, held);
});

test('a screen opened while `/` decides where to land stays open', async ({ page, workerDesk }) => {
  const held = await holdBack(page, '**/rpc/settings.get');
  const deciding = page.waitForRequest('**/rpc/settings.get');
  await page.goto(await freshLoginUrl(workerDesk));
  await deciding;
  await openQueueWhile(page, held);
});
