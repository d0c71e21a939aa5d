import type { Locator, Page } from '@playwright/test';
import { INTERNAL_ERROR_MESSAGE } from '../../shared/contract';
import { expect, test } from './fixtures';
import { LoaScreen } from './pages/loa';
import { NumbersScreen } from './pages/numbers';
import { OrdersScreen } from './pages/orders';
import { QueueScreen } from './pages/queue';
import { coverScreenState, refuseChannel } from './support/screens';

/**
 * A list screen whose list the engine refuses: each says what could not be loaded, with the engine's
 * words (no channel name), the fix and Try again — in light and dark, at both sizes (the screen's
 * `error` state) — and Try again shows the list once the engine answers.
 * One test per screen; they differ only in the channel refused and the screen opened.
 */
type ListScreen = { open(): Promise<void>; loadError: Locator };

/** [screen, channel refused, route, its page object] */
const SCREENS: ReadonlyArray<[string, string, string, (page: Page) => ListScreen]> = [
  ['queue', 'jobs.list', '/queue', (page) => new QueueScreen(page)],
  ['orders', 'orders.list', '/orders', (page) => new OrdersScreen(page)],
  ['numbers', 'numbers.list', '/numbers', (page) => new NumbersScreen(page)],
  ['LOA', 'loaProfiles.list', '/loa', (page) => new LoaScreen(page)],
];

for (const [screen, channel, route, screenOf] of SCREENS)
  test(`${screen}: the engine refuses ${channel} (error)`, async ({ app }) => {
    const { page } = app;
    await refuseChannel(page, channel);
    const list = screenOf(page);
    await list.open();
    const loadError = list.loadError;
    await expect(loadError).toBeVisible();
    await expect(loadError).toContainText(INTERNAL_ERROR_MESSAGE);
    // words for operations staff: no channel name on screen
    await expect(loadError).not.toContainText(channel);
    await coverScreenState(page, route, 'error');
    // Try again asks again: the engine answers now, and the list shows
    await page.unroute(`**/rpc/${channel}`);
    await loadError.getByRole('button', { name: 'Try again' }).click();
    await expect(loadError).toBeHidden();
  });
