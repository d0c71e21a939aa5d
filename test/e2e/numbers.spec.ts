import { expect, test } from './fixtures';
import { NumbersScreen, sinchApi } from './pages/numbers';
import { coverScreenState } from './support/screens';

/**
 * Numbers and one number's lifecycle: empty on a fresh desk; imported numbers whose campaign link
 * fails (a failure code injected at the simulator) show the code's next step, and its button relinks
 * them — two ordered jobs, the number ends on the new campaign as Sinch itself reports it — and its
 * name is changed (an update job); a number it does not know (the refused list is
 * list-refused.spec.ts's). ≤ 3 numbers; the Sandbox clock is advanced.
 */
const PLAN = '07d6c2621f364b68856fe4938b7bb78f';
const unique = () => `n${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const phones = (n: number) => {
  const first = 1000 + Math.floor(Math.random() * 8000);
  return Array.from({ length: n }, (_, i) => `+1312555${String(first + i).padStart(4, '0')}`);
};

test('numbers: none yet (empty)', async ({ app }) => {
  const numbers = new NumbersScreen(app.page);
  await numbers.open();
  await expect(app.page.getByText(/No numbers yet/)).toBeVisible();
  await expect(numbers.frame.current).toHaveText('Numbers');
  await coverScreenState(app.page, '/numbers', 'empty');
  // a number only planned (sync paused): its lifecycle has nothing from Sinch yet
  const [planned] = phones(1) as [string];
  await app.desk.engine.must('plan.commit', {
    rows: [{ phoneNumber: planned, action: 'import' as const, servicePlanId: PLAN }],
    intentId: unique(),
    label: 'Planned only',
  });
  await numbers.openNumber(planned);
  await expect(numbers.numberState).toContainText('Planned');
  await expect(numbers.numberState).toContainText('Who acts now: Hosting Desk');
  await expect(app.page.getByRole('button', { name: /Delete/ })).toHaveCount(0);
  await coverScreenState(app.page, '/numbers/$e164', 'empty');
});

test('numbers: a campaign failure code shows its next step, and relink (two ordered jobs) links the new campaign (populated)', async ({
  app,
}) => {
  const { page, desk } = app;
  const id = unique();
  const [failing, fine, other] = phones(3) as [string, string, string];
  await desk.engine.must('plan.commit', {
    rows: [failing, fine, other].map((phoneNumber) => ({
      phoneNumber,
      action: 'import' as const,
      servicePlanId: PLAN,
      campaignId: 'CAMPOLD',
    })),
    intentId: id,
    label: `Numbers ${id}`,
    // single imports (workflow A): Sinch's imported number carries the failure code; an import
    // order's number steps do not (REFERENCE §6.11), only its callbacks do
    importOrderLimit: 1,
  });
  await desk.engine.must('sandbox.injectFailure', {
    phoneNumber: failing,
    step: 'campaign',
    failureCode: 'CAMPAIGN_NOT_AVAILABLE',
  });
  const numbers = new NumbersScreen(page);
  await numbers.open();
  await expect(numbers.rows()).toHaveCount(3);
  await desk.engine.must('sync.start', {});
  const failingRow = numbers.rows().filter({ hasText: failing });
  const fineRow = numbers.rows().filter({ hasText: fine });
  for (let i = 0; i < 20; i++) {
    const a = (await failingRow.textContent()) ?? '';
    const b = (await fineRow.textContent()) ?? '';
    if (/Failed/.test(a) && /Imported|Linked/.test(b)) break;
    await desk.engine.must('sandbox.advanceClock', { minutes: 10 });
    await page.waitForTimeout(300);
  }
  await expect(failingRow).toContainText('Failed');
  await expect(failingRow).toContainText('Us');
  await expect(fineRow).toContainText(/Imported|Linked/);
  // the chip counts follow (one failed, two done)
  await expect(numbers.filters.getByRole('link', { name: /^Failed/ })).toContainText('1');
  await coverScreenState(page, '/numbers', 'populated');

  // the search by digits keeps only the matching number, in the URL
  await numbers.search.fill(failing.slice(-6));
  await expect(numbers.rows()).toHaveCount(1);
  await expect(page).toHaveURL(/[?&]q=/);

  await failingRow.getByRole('link', { name: failing }).click();
  await expect(numbers.numberState).toContainText('The 10DLC campaign is not available');
  await expect(numbers.numberState).toContainText('link the number to another campaign');
  await expect(numbers.timeline).toContainText('Campaign link: the 10DLC campaign is not available');
  // never a raw Sinch name on the lifecycle page
  await expect(page.getByRole('main')).not.toContainText(/[A-Z]+_[A-Z_]+|IN_PROGRESS|\bFAILED\b/);
  await coverScreenState(page, '/numbers/$e164', 'populated');

  await numbers.numberState.getByRole('button', { name: 'Link to another campaign…' }).click();
  const dialog = page.getByRole('dialog', { name: `Link ${failing} to another campaign` });
  await expect(dialog.getByLabel('Service plan ID')).toHaveValue(PLAN);
  await dialog.getByLabel('Campaign ID').fill('CAMPNEW');
  await page.screenshot({ path: 'test-results/screens/number-relink-dialog.png' });
  await dialog.getByRole('button', { name: 'Unlink, then link' }).click();
  await expect(dialog).toBeHidden();

  // two ordered jobs: the unlink first, the link after it
  const jobs = (await desk.engine.must('jobs.list', { limit: 100 })).items.filter(
    (j) => j.task === 'unlinkNumber' || j.task === 'linkNumber',
  );
  expect(jobs.map((j) => j.task).sort()).toEqual(['linkNumber', 'unlinkNumber']);
  const unlink = jobs.find((j) => j.task === 'unlinkNumber');
  const link = jobs.find((j) => j.task === 'linkNumber');
  expect(unlink && link && unlink.id < link.id).toBe(true);

  for (let i = 0; i < 20; i++) {
    if (((await numbers.numberState.textContent()) ?? '').includes('Linked')) break;
    await desk.engine.must('sandbox.advanceClock', { minutes: 10 });
    await page.waitForTimeout(300);
  }
  await expect(numbers.numberState).toContainText('Linked');
  await expect(numbers.timeline).toContainText('Unlink from the campaign');
  // Sinch's side: the number is on the new campaign, and its link ran after its unlink
  const sinch = await sinchApi(desk.engine);
  const remote = await sinch('GET', `/importedNumbers/${encodeURIComponent(failing)}`);
  expect(remote.status).toBe(200);
  expect(remote.body.smsConfiguration?.campaignId).toBe('CAMPNEW');
  expect(remote.body.campaignProvisioning?.state).toBe('DONE');
  await page.screenshot({ path: 'test-results/screens/number-relinked.png' });

  // the other change dialog: nothing changed is said, not sent; a new name is queued as an update
  await page.getByRole('button', { name: 'Change name or callback URL…' }).click();
  const change = page.getByRole('dialog', { name: `Change ${failing}` });
  await change.getByRole('button', { name: 'Save at Sinch' }).click();
  await expect(change.getByRole('alert')).toHaveText('Nothing changed: change the name or the URL first.');
  await change.getByLabel('Display name').fill('Front desk');
  // the message was about the values sent; typing makes it stale
  await expect(change.getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/number-change-dialog.png' });
  await change.getByRole('button', { name: 'Save at Sinch' }).click();
  await expect(change).toBeHidden();
  const updates = (await desk.engine.must('jobs.list', { task: 'updateImportedNumber', limit: 100 })).items;
  const queued = await Promise.all(updates.map((j) => desk.engine.must('jobs.get', { id: j.id })));
  expect(queued.filter((j) => j.phoneNumbers.includes(failing))).toHaveLength(1);
});

test('numbers: a number it does not know (error)', async ({ app }) => {
  const { page } = app;
  const numbers = new NumbersScreen(page);
  await numbers.openNumber('+13125550000');
  await expect(page.getByRole('alert').filter({ hasText: 'Could not load this number' })).toContainText(
    'not in this workspace',
  );
  await coverScreenState(page, '/numbers/$e164', 'error');
});
