import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { registeredRoutes } from '../support/ui-coverage';
import { expect, test } from './fixtures';
import { Frame } from './pages/frame';
import { StatusScreen } from './pages/status';
import { expectNoA11yViolations } from './support/screens';

const routerFile = resolve(import.meta.dirname, '../../renderer/src/app/router.tsx');
const routes = registeredRoutes(readFileSync(routerFile, 'utf8'), (spec) =>
  readFileSync(join(dirname(routerFile), `${spec}.tsx`), 'utf8'),
);

test('the rail lists exactly the registered screens, the current one marked; deep links and unknown links', async ({
  app,
}) => {
  const frame = new Frame(app.page);
  await expect(frame.rail.getByRole('link')).toHaveCount(routes.length);
  await expect(frame.current).toHaveCount(1);
  await expect(frame.current).toHaveText('Status');
  await expect(app.page).toHaveURL(/#\/status$/);
  await expect(frame.workspace).toHaveText('Sandbox');
  await expect(frame.syncPill).toContainText('Paused');

  await frame.open('/no-such-screen');
  await expect(app.page.getByRole('heading', { name: 'No such screen' })).toBeVisible();
  await expect(frame.current).toHaveCount(0);
  await expectNoA11yViolations(app.page, 'not-found');
  await frame.railLink('Status').click();
  await expect(new StatusScreen(app.page).heading).toBeVisible();
  await expect(frame.current).toHaveText('Status');
});

/**
 * The connection signal: the shell ends the page's event stream (SIGUSR2), and while it is down sync
 * is paused elsewhere — the sync.state event is lost. When EventSource reconnects by itself, the page
 * invalidates everything and shows the engine's state, without a reload.
 */
test('after the event stream reconnects the page shows fresh data without a reload', async ({ app }) => {
  const status = new StatusScreen(app.page);
  await status.syncToggle.click();
  await expect(status.state('Sync')).toHaveText('Online');
  await app.page.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });

  await app.desk.dropEventStreams();
  await app.desk.engine.must('sync.pause', {});
  // Nobody told the page: it still shows the old state until the stream is back.
  await expect(status.state('Sync')).toHaveText('Online');
  const refetch = app.page.waitForResponse((r) => r.url().endsWith('/rpc/sync.status'));
  await refetch;

  await expect(status.state('Sync')).toHaveText('Paused');
  await expect(status.frame.syncPill).toContainText('Paused');
  expect(await app.page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
    true,
  );
});
