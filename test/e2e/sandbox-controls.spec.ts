import { expect, test } from './fixtures';
import { SandboxScreen } from './pages/sandbox';
import { coverScreenState } from './support/screens';

/**
 * The Sandbox controls: nothing done yet (empty), after moving the clock and setting a fault
 * (populated; checked on the simulator's side through the engine), and the simulator's settings
 * refused (error). Reset asks first.
 */
test('sandbox: fresh controls (empty)', async ({ app }) => {
  const sandbox = new SandboxScreen(app.page);
  await sandbox.open();
  await expect(sandbox.heading).toBeVisible();
  await expect(sandbox.behaviour).toContainText('LOAs wait for your signature');
  await expect(sandbox.said).toBeEmpty();
  await coverScreenState(app.page, '/sandbox', 'empty');
});

test('sandbox: clock, review time, a fault and reset (populated)', async ({ app }) => {
  const { page, desk } = app;
  const before = await desk.engine.must('sandbox.configure', {});
  const sandbox = new SandboxScreen(page);
  await sandbox.open();
  await sandbox.card('Simulated clock').getByRole('button', { name: 'Advance the clock 1 day' }).click();
  await expect(sandbox.said).toContainText('moved 1440 minutes ahead');
  const review = sandbox.behaviour.getByLabel('Qualification review (business days)');
  await review.fill('3');
  await sandbox.behaviour.getByRole('button', { name: 'Save review time and budget' }).click();
  await expect(sandbox.said).toContainText('after 3 business days');
  expect((await desk.engine.must('sandbox.configure', {})).qualificationReviewBusinessDays).toBe(3);
  await sandbox.behaviour.getByLabel(/^Rate-limited/).check();
  await sandbox.behaviour.getByRole('button', { name: 'Apply' }).click();
  await expect(sandbox.said).toContainText('429');
  // a control that the simulator refuses says why, in the same place
  await sandbox.card('Letter of authorization').getByLabel('Hosting order ID').fill('no-such-order');
  await sandbox.card('Letter of authorization').getByRole('button', { name: 'Sign LOA' }).click();
  await expect(sandbox.said).toContainText('Refused');
  await coverScreenState(page, '/sandbox', 'populated');
  await sandbox.card('Start over').getByRole('button', { name: 'Reset the Sandbox…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Reset the Sandbox?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Reset', exact: true }).click();
  // the reset covers the desk's own work too (jobs, drafts, orders); LOA profiles and settings stay
  await expect(sandbox.said).toContainText(
    'the simulated Sinch and this workspace forgot every number, order and job. LOA profiles and settings stay.',
  );
  // the worker's desk is shared and a reset keeps settings: put them back
  await desk.engine.must('sandbox.configure', {
    qualificationReviewBusinessDays: before.qualificationReviewBusinessDays,
  });
  await desk.engine.must('sandbox.setFaults', { preset: 'none' });
});

test('sandbox: the simulator’s settings refused (error)', async ({ app }) => {
  const { page } = app;
  await page.route('**/rpc/sandbox.configure', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: 'The Sandbox simulator is not running; the status page says why.',
        },
      }),
    }),
  );
  const sandbox = new SandboxScreen(page);
  await sandbox.open();
  await expect(sandbox.behaviourError).toBeVisible();
  await coverScreenState(page, '/sandbox', 'error');
});
