import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { LoaScreen } from './pages/loa';
import { NumbersScreen } from './pages/numbers';
import { OrdersScreen } from './pages/orders';
import { QueueScreen } from './pages/queue';
import { coverScreenState, refuseChannel } from './support/screens';

/**
 * A list screen whose list the engine refuses: each says what could not be loaded, with the engine's
 * message and the fix (and Try again where the screen offers it) — in light and dark, at both sizes
 * (the screen's `error` state).
 * One test per screen; they differ only in the channel refused and the screen opened.
 */
type ListScreen = { open(): Promise<void>; loadError: Locator };

/** [screen, channel refused, route, its page object, the alert offers Try again (not yet everywhere)] */
const SCREENS: ReadonlyArray<[string, string, string, (page: Page) => ListScreen, boolean]> = [
  ['queue', 'jobs.list', '/queue', (page) => new QueueScreen(page), false],
  ['orders', 'orders.list', '/orders', (page) => new OrdersScreen(page), false],
  ['numbers', 'numbers.list', '/numbers', (page) => new NumbersScreen(page), false],
  ['LOA', 'loaProfiles.list', '/loa', (page) => new LoaScreen(page), true],
];

for (const [screen, channel, route, screenOf, retry] of SCREENS)
  test(`${screen}: the engine refuses ${channel} (error)`, async ({ app }) => {
    const { page } = app;
    await refuseChannel(page, channel);
    const list = screenOf(page);
    await list.open();
    const loadError = list.loadError;
    await expect(loadError).toBeVisible();
    await expect(loadError).toContainText(`Unexpected error in ${channel}.`);
    if (retry) await expect(loadError.getByRole('button', { name: 'Try again' })).toBeVisible();
    await coverScreenState(page, route, 'error');
  });
