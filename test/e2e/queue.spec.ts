import { readFileSync } from 'node:fs';
import type { Input } from '../../shared/contract';
import { expect, test } from './fixtures';
import { QueueScreen } from './pages/queue';
import { StatusScreen } from './pages/status';
import { coverScreenState, expectNoA11yViolations } from './support/screens';

/**
 * The Queue screen: empty on a fresh desk; a batch followed live (no reload) from waiting to done
 * with its progress; a job refused by Sinch shown with its field violations and retried; the sync
 * banner's Pause / Resume (the refused jobs.list: list-refused.spec.ts). Numbers: ≤ 10, the Sandbox clock advanced.
 */
const PLAN = '07d6c2621f364b68856fe4938b7bb78f';
type Rows = Input<'plan.commit'>['rows'];
const importRows = (count: number, first: number): Rows =>
  Array.from({ length: count }, (_, i) => ({
    phoneNumber: `+1202555${String(first + i).padStart(4, '0')}`,
    action: 'import' as const,
    servicePlanId: PLAN,
  }));
const unique = () => `q${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

test('queue: nothing queued yet (empty)', async ({ desk, page }) => {
  await page.goto(desk.url);
  const queue = new QueueScreen(page);
  await queue.open();
  await expect(page.getByText('No jobs')).toBeVisible();
  await expect(page.getByText(/Nothing has been queued yet/)).toBeVisible();
  // a fresh Sandbox sends by itself: what a newcomer queues moves without looking for Start
  await expect(queue.syncToggle).toHaveText('Pause sync');
  await coverScreenState(page, '/queue', 'empty');
});

test('queue: a Live workspace never started says why and offers Start; Status says the same', async ({
  app,
}) => {
  const { page, desk } = app;
  const live = await desk.engine.must('workspaces.create', {
    name: 'Acme production',
    projectId: '00000000-0000-4000-8000-00000000a0a1',
  });
  try {
    await desk.engine.must('workspaces.switch', { id: live.id });
    const queue = new QueueScreen(page);
    await queue.open();
    await expect(queue.syncBanner).toContainText('Not started');
    await expect(queue.syncBanner).toContainText(
      'nothing is sent from this Live workspace until sync is started once',
    );
    await expect(queue.syncToggle).toHaveText('Start sync');
    await expect(queue.frame.syncPill).toContainText('Not started');
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expectNoA11yViolations(page, `/queue live never started ${theme}`);
      for (const [width, height] of [
        [1280, 800],
        [900, 600],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.screenshot({
          path: `test-results/screens/queue-live-not-started-${theme}-${width}x${height}.png`,
        });
      }
    }
    await page.emulateMedia({ colorScheme: null });
    await page.setViewportSize({ width: 1280, height: 800 });
    // Status: the same words and Start; pressing it without a key names the fix
    await queue.frame.open('/status');
    const status = new StatusScreen(page);
    await expect(status.state('Sync')).toHaveText('Not started');
    await expect(status.row('Sync')).toContainText('press Start sync once');
    await status.syncToggle.click();
    await expect(status.row('Sync').getByRole('alert')).toContainText(
      'Add the key secret of "Acme production"',
    );
    await page.screenshot({ path: 'test-results/screens/status-live-not-started-1280x800.png' });
  } finally {
    await desk.engine.must('workspaces.switch', { id: 'sandbox' });
    await desk.engine.must('workspaces.delete', { id: live.id });
  }
});

test('queue: a batch goes from waiting to done while the user watches (populated)', async ({ app }) => {
  const { page, desk } = app;
  const id = unique();
  const committed = await desk.engine.must('plan.commit', {
    rows: importRows(7, 4000 + Math.floor(Math.random() * 5000)),
    intentId: id,
    label: `Batch ${id}`,
  });
  const queue = new QueueScreen(page);
  await queue.open(`?batch=${id}`);
  const batch = queue.batch(`Batch ${id}`);
  await expect(batch).toContainText('Waiting to send');
  await expect(queue.rows()).toHaveCount(committed.jobCount);
  await expect(queue.rows().first()).toContainText('Waiting to send');
  // the user starts sync from the banner; the jobs move without a reload
  await queue.syncToggle.click();
  await expect(queue.syncBanner).toContainText('Online');
  await expect(queue.rows().filter({ hasText: 'Sent, Sinch working' }).first()).toBeVisible();
  await expect(batch).toContainText('In progress');
  for (let i = 0; i < 12; i++) {
    if ((await batch.textContent())?.includes(`${committed.jobCount} of ${committed.jobCount} jobs done`))
      break;
    await desk.engine.must('sandbox.advanceClock', { minutes: 30 });
    await page.waitForTimeout(400);
  }
  await expect(batch).toContainText(`${committed.jobCount} of ${committed.jobCount} jobs done`);
  await expect(batch.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await expect(queue.filter('Done')).toBeVisible();
  await coverScreenState(page, '/queue', 'populated');
  // the batch's per-number results as a CSV download, built by the engine
  const download = page.waitForEvent('download');
  await batch.getByRole('button', { name: 'Export results' }).click();
  await page.getByRole('menuitem', { name: 'CSV file' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^sandbox-batch-${id}-\\d{8}-\\d{4}\\.csv$`));
  const csv = readFileSync(await file.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toContain('Phone number');
  expect(csv.split('\r\n').filter(Boolean)).toHaveLength(8);
  // job detail with its attempt history, as a deep link
  await queue.rows().first().getByRole('link').click();
  await expect(queue.dialog.getByRole('heading', { name: /^Job #\d+: Import/ })).toBeVisible();
  await expect(queue.dialog.getByRole('table', { name: 'Attempt history' })).toContainText('About to send');
  await expect(page).toHaveURL(/job=\d+/);
  await expectNoA11yViolations(page, '/queue job dialog');
  await page.keyboard.press('Escape');
  await expect(queue.dialog).toBeHidden();
  await expect(page).not.toHaveURL(/job=/);
  await queue.syncToggle.click();
  await expect(queue.syncBanner).toContainText('Paused');
});

test('queue: a refused job shows what Sinch said by field, and Retry gives it new attempts', async ({
  app,
}) => {
  const { page, desk } = app;
  const id = unique();
  await desk.engine.must('plan.commit', {
    rows: [{ phoneNumber: '+12025559001', action: 'import', servicePlanId: 'no such plan!' }],
    intentId: id,
    label: `Refused ${id}`,
  });
  const queue = new QueueScreen(page);
  await queue.open(`?batch=${id}`);
  await queue.syncToggle.click();
  const row = queue.rows().first();
  await expect(row).toContainText('Refused by Sinch');
  await expect(row).toContainText('Service plan ID: Invalid servicePlanId');
  await expect(queue.filter('Failed')).toContainText('1');
  await row.getByRole('link').click();
  const lastError = queue.dialog.getByRole('region', { name: 'Last error' });
  await expect(lastError).toContainText('Retry sends it unchanged');
  await expect(lastError.getByRole('listitem')).toContainText('Service plan ID: Invalid servicePlanId');
  await expect(lastError.getByRole('listitem')).toContainText(
    'Correct it below under “Change and send again”',
  );
  await expectNoA11yViolations(page, '/queue refused job dialog');
  await page.screenshot({ path: 'test-results/screens/queue-refused-job.png' });
  // paused elsewhere, so the retried job stays waiting instead of being refused again at once
  await desk.engine.must('sync.pause', {});
  await queue.dialog.getByRole('button', { name: 'Retry' }).click();
  await expect(queue.dialog.getByRole('table', { name: 'Attempt history' })).toContainText(
    'Retried by the user.',
  );
  await expect(queue.dialog).toContainText('0 of 8');
  await expect(queue.dialog.getByRole('button', { name: 'Cancel job' })).toBeVisible();
  await queue.dialog.getByRole('button', { name: 'Close' }).click();
  await expect(queue.dialog).toBeHidden();
  // refused again once sync runs; then "Retry all failed" of the batch is one engine call
  await desk.engine.must('sync.start', {});
  await expect(row).toContainText('Refused by Sinch');
  await desk.engine.must('sync.pause', {});
  await queue
    .batch(`Refused ${id}`)
    .getByRole('button', { name: /^Retry 1 failed/ })
    .click();
  await expect(row).toContainText('Will retry');
  await expect(row).toContainText('0 of 8');
});

test('queue: a job refused for its service plan is changed in its dialog and sent again until done', async ({
  app,
}) => {
  const { page, desk } = app;
  const id = unique();
  await desk.engine.must('plan.commit', {
    rows: [
      {
        phoneNumber: `+1202555${String(8000 + Math.floor(Math.random() * 1000))}`,
        action: 'import',
        servicePlanId: 'no such plan!',
      },
    ],
    intentId: id,
    label: `Changed ${id}`,
  });
  const queue = new QueueScreen(page);
  await queue.open(`?batch=${id}`);
  await queue.syncToggle.click();
  const row = queue.rows().first();
  await expect(row).toContainText('Refused by Sinch');
  await row.getByRole('link').click();
  // prefilled with what the job sent; an import sends a campaign too, so both are offered
  const plan = queue.amendForm.getByRole('textbox', { name: 'Service plan ID' });
  await expect(plan).toHaveValue('no such plan!');
  await expect(queue.amendForm.getByRole('textbox', { name: 'Campaign ID' })).toHaveValue('');
  await expectNoA11yViolations(page, '/queue refused job: change and send again');
  await page.screenshot({ path: 'test-results/screens/queue-change-and-send-again-light-1280x800.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 900, height: 600 });
  await page.screenshot({ path: 'test-results/screens/queue-change-and-send-again-dark-900x600.png' });
  await page.emulateMedia({ colorScheme: null });
  await page.setViewportSize({ width: 1280, height: 800 });
  // keyboard only: the same value again is refused on the field, the right one sends the job again
  await plan.press('Enter');
  await expect(queue.amendForm).toContainText('Type the corrected service plan ID');
  await expect(plan).toBeFocused();
  await plan.fill(PLAN);
  await plan.press('Enter');
  await expect(queue.dialog.getByRole('table', { name: 'Attempt history' })).toContainText(
    `Changed by the user (service plan ID no such plan! → ${PLAN}) and sent again.`,
  );
  // the form goes with the refusal; focus stays in the dialog, on the job's state
  await expect(queue.amendForm).toBeHidden();
  await expect(queue.dialog.getByRole('definition').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(queue.dialog).toBeHidden();
  for (let i = 0; i < 10 && !(await row.textContent())?.includes('Done'); i++) {
    await desk.engine.must('sandbox.advanceClock', { minutes: 30 });
    await page.waitForTimeout(300);
  }
  await expect(row).toContainText('Done');
  // a done job is not changed any more: its dialog has no form
  await row.getByRole('link').click();
  await expect(queue.dialog.getByRole('table', { name: 'Attempt history' })).toBeVisible();
  await expect(queue.amendForm).toBeHidden();
});
