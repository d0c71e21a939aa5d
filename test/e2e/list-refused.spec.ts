import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { LoaScreen } from './pages/loa';
import { NumbersScreen } from './pages/numbers';
import { OrdersScreen } from './pages/orders';
import { QueueScreen } from './pages/queue';
import { coverScreenState } from './support/screens';

/**
 * A list screen whose list the engine refuses: each says what could not be loaded, with the engine's
 * message and the fix (and Try again where the screen offers it) — in light and dark, at both sizes
 * (the screen's `error` state).
 * One test per screen; they differ only in the channel refused and the screen opened.
 */
const SCREENS: ReadonlyArray<{
  screen: string;
  channel: string;
  route: string;
  /** the alert offers Try again (the Queue, Orders and Numbers lists do not yet) */
  retry?: boolean;
  /** opens the screen at its own route; answers the alert that says the list could not load */
  open: (page: Page) => Promise<Locator>;
}> = [
  {
    screen: 'queue',
    channel: 'jobs.list',
    route: '/queue',
    open: async (page) => {
      const queue = new QueueScreen(page);
      await queue.open();
      return queue.loadError;
    },
  },
  {
    screen: 'orders',
    channel: 'orders.list',
    route: '/orders',
    open: async (page) => {
      const orders = new OrdersScreen(page);
      await orders.open();
      return orders.loadError;
    },
  },
  {
    screen: 'numbers',
    channel: 'numbers.list',
    route: '/numbers',
    open: async (page) => {
      const numbers = new NumbersScreen(page);
      await numbers.open();
      return numbers.loadError;
    },
  },
  {
    screen: 'LOA',
    channel: 'loaProfiles.list',
    route: '/loa',
    retry: true,
    open: async (page) => {
      const loa = new LoaScreen(page);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await loa.frame.open('/loa');
      await expect(loa.heading).toHaveText('LOA profiles');
      return loa.loadError;
    },
  },
];

for (const { screen, channel, route, retry = false, open } of SCREENS)
  test(`${screen}: the engine refuses ${channel} (error)`, async ({ app }) => {
    const { page } = app;
    await page.route(`**/rpc/${channel}`, (r) =>
      r.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          ok: false,
          error: {
            code: 'INTERNAL',
            message: `Unexpected error in ${channel}. See the engine log for details.`,
          },
        }),
      }),
    );
    const loadError = await open(page);
    await expect(loadError).toBeVisible();
    await expect(loadError).toContainText(`Unexpected error in ${channel}.`);
    if (retry) await expect(loadError.getByRole('button', { name: 'Try again' })).toBeVisible();
    await coverScreenState(page, route, 'error');
  });
