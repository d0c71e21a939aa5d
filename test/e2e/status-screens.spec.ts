import { expect, test } from './fixtures';
import { StatusScreen } from './pages/status';
import { coverScreenState, refuseChannel } from './support/screens';

/**
 * The Status screen's states for the route-coverage rule: sync paused (the app fixture pauses it),
 * sync running (online) and the engine refusing `app.status` (the error notice). Each state is
 * asserted first, then axe-checked and screenshot in light and dark at both sizes.
 */
test('status: sync paused by the user (empty)', async ({ app }) => {
  const status = new StatusScreen(app.page);
  await expect(status.heading).toBeVisible();
  await expect(status.state('Sync')).toHaveText('Paused');
  await expect(status.syncToggle).toHaveText('Start sync');
  await expect(status.frame.current).toHaveText('Status');
  await coverScreenState(app.page, '/status', 'empty');
});

test('status: sync running and online (populated)', async ({ app }) => {
  const status = new StatusScreen(app.page);
  await status.syncToggle.click();
  await expect(status.state('Sync')).toHaveText('Online');
  await expect(status.frame.syncPill).toContainText('Online');
  await coverScreenState(app.page, '/status', 'populated');
});

test('status: the engine refuses app.status (error)', async ({ app }) => {
  const { page } = app;
  await refuseChannel(page, 'app.status');
  await page.reload();
  const status = new StatusScreen(page);
  await expect(status.loadError).toBeVisible();
  await expect(status.loadError).toContainText('the engine log (logs/engine.log in the data directory)');
  await expect(status.loadError.getByRole('button', { name: 'Try again' })).toBeVisible();
  await coverScreenState(page, '/status', 'error');
});
