import { expect, test } from './fixtures';
import {
  advanceUntil,
  CAMPAIGN,
  coverWizardState,
  enc,
  freshNumbers,
  GuideWizard,
  OTHER_PLAN,
  PLAN,
  simulator,
} from './pages/guide-wizards';

/**
 * Workflow F through the UI on a number imported beforehand (setup through the contract): a new
 * display name, a move to another service plan (two ordered jobs: unlink, then link) and a delete
 * after its confirmation — each visible through `numbers.get` and at the simulated Sinch.
 */
test('guide F: rename, relink and delete, each visible through numbers.get and at the simulator', async ({
  app,
}) => {
  test.setTimeout(60_000);
  const { page, desk } = app;
  const sim = await simulator(desk.engine);
  const [phone] = freshNumbers(1) as [string];
  await desk.engine.must('plan.commit', {
    rows: [{ phoneNumber: phone, action: 'import', servicePlanId: PLAN, campaignId: CAMPAIGN }],
    intentId: `gf-${Date.now().toString(36)}`,
    label: 'Guide F setup',
  });
  await desk.engine.must('sync.start', {});
  await advanceUntil(desk.engine, page, async () => {
    const n = (await sim.get(`/importedNumbers/${enc(phone)}`)).body;
    if (n?.smsProvisioning?.state !== 'DONE') return false;
    const known = await desk.engine.call('numbers.get', { phone });
    return known.ok && known.value.kind === 'imported';
  });

  const wizard = new GuideWizard(page);
  const change = async (action: string, fill?: Record<string, string>) => {
    await wizard.open('f');
    await wizard.field('Number').fill(phone);
    await wizard.button('Continue').click();
    await wizard.main.getByRole('radio', { name: new RegExp(`^${action}`) }).check();
    for (const [label, value] of Object.entries(fill ?? {})) await wizard.field(label).fill(value);
  };
  const doneOnNumber = async () => {
    const done = wizard.main.getByRole('heading', { name: `${phone}: done` });
    await advanceUntil(desk.engine, page, async () => (await done.count()) > 0, { minutes: 10 }).catch(
      async (e) => {
        // a timeout names where the queue stood
        const jobs = await desk.engine.must('jobs.list', { limit: 20 });
        const sync = await desk.engine.must('sync.status', {});
        throw new Error(
          `${e}\njobs: ${JSON.stringify(jobs.items.map((j) => [j.id, j.task, j.state, j.lastError?.message]))}\nsync: ${sync.status}`,
        );
      },
    );
    await expect(wizard.main.getByLabel('Change progress')).toContainText('On the number');
  };

  // 1. the display name
  await change('Change the display name', { 'New display name': 'Front desk' });
  await coverWizardState(page, 'f-change');
  await wizard.button('Queue the change').click();
  await doneOnNumber();
  expect((await desk.engine.must('numbers.get', { phone })).displayName).toBe('Front desk');
  expect((await sim.get(`/importedNumbers/${enc(phone)}`)).body.displayName).toBe('Front desk');

  // 2. relink: unlink, then link, as two ordered jobs
  await change('Move to another service plan or campaign', {
    'New service plan ID': OTHER_PLAN,
    'New campaign ID (optional)': '',
  });
  await wizard.button('Queue the change').click();
  const progress = wizard.main.getByLabel('Change progress');
  await expect(progress).toContainText('1. Unlink');
  await expect(progress).toContainText('2. Link to the new plan');
  await doneOnNumber();
  await coverWizardState(page, 'f-follow-done');
  expect((await desk.engine.must('numbers.get', { phone })).servicePlanId).toBe(OTHER_PLAN);
  const relinked = (await sim.get(`/importedNumbers/${enc(phone)}`)).body.smsConfiguration;
  expect(relinked.servicePlanId).toBe(OTHER_PLAN);
  expect(relinked.campaignId ?? '').toBe('');

  // 3. delete, after the confirmation
  await change('Delete the number');
  await wizard.button('Delete…').click();
  const confirm = page.getByRole('alertdialog', { name: `Delete ${phone}?` });
  await expect(confirm).toContainText('deleted at Sinch');
  await coverWizardState(page, 'f-delete-confirm');
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await doneOnNumber();
  expect((await desk.engine.must('numbers.get', { phone })).state).toBe('deleted');
  expect((await sim.get(`/importedNumbers/${enc(phone)}`)).status).toBe(404);
});
