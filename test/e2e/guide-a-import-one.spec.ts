import { expect, test } from './fixtures';
import {
  advanceUntil,
  CAMPAIGN,
  coverWizardState,
  enc,
  freshNumbers,
  GuideWizard,
  PLAN,
  simulator,
} from './pages/guide-wizards';

/**
 * Workflow A through the UI: one number with a service plan, a campaign and a display name → its
 * draft → the plan → queued → followed; the end state (imported, SMS and campaign provisioning DONE,
 * the display name set) is read from the simulated Sinch's own API, and the name went with the one
 * create (no update afterwards). The Sandbox clock is advanced.
 */
test('guide A: one number imported, SMS and campaign provisioning DONE at the simulator', async ({ app }) => {
  const { page, desk } = app;
  const sim = await simulator(desk.engine);
  const [phone] = freshNumbers(1) as [string];
  const wizard = new GuideWizard(page);
  await wizard.open('a');

  // a wrong number names the field and the fix; nothing is prepared
  await wizard.field('Phone number').fill('202 555');
  await wizard.field('Service plan ID').fill(PLAN);
  await wizard.button('Review the plan').click();
  await expect(wizard.main.getByText(/^Phone number: .*10 digits/)).toBeVisible();
  await coverWizardState(page, 'a-number-error');

  await wizard.field('Phone number').fill(`(${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`);
  await wizard.field('Campaign ID (optional)').fill(CAMPAIGN);
  await wizard.field('Display name (optional)').fill('Front desk');
  await wizard.button('Review the plan').click();

  const calls = wizard.main.getByRole('list', { name: 'Calls to Sinch' });
  await expect(calls).toContainText('Import one number');
  await expect(calls).toContainText(phone);
  await expect(
    wizard.main.getByText('The import sends the display name “Front desk” with the number.'),
  ).toBeVisible();
  await coverWizardState(page, 'a-plan');
  await wizard.button('Queue it').click();

  await expect(wizard.main.getByRole('heading', { name: `Importing ${phone}` })).toBeVisible();
  await wizard.startSending();
  await advanceUntil(
    desk.engine,
    page,
    async () => (await wizard.main.getByRole('heading', { name: `${phone} is imported` }).count()) > 0,
  );
  const progress = wizard.main.getByLabel('Import progress');
  await expect(progress).toContainText('SMS provisioning');
  await expect(progress).toContainText('Campaign provisioning');
  await expect(wizard.main.getByRole('link', { name: 'Open the number’s page' })).toHaveAttribute(
    'href',
    `#/numbers/${enc(phone)}`,
  );
  await coverWizardState(page, 'a-follow-done');

  const n = (await sim.get(`/importedNumbers/${enc(phone)}`)).body;
  expect(n.smsConfiguration).toMatchObject({ servicePlanId: PLAN, campaignId: CAMPAIGN });
  expect(n.smsProvisioning).toMatchObject({ state: 'DONE' });
  expect(n.campaignProvisioning).toMatchObject({ state: 'DONE' });
  expect(n.displayName).toBe('Front desk');
  // the name went with the import: one create carrying it, and no change of the number afterwards
  const { requests, bodies } = await desk.engine.must('sandbox.createRequests', {
    phoneNumber: phone,
    withBodies: true,
  });
  expect(requests.map((r) => [r.operation, r.outcome])).toEqual([['importNumber', 'ACCEPTED']]);
  expect(bodies?.[String(requests[0]?.requestId)]).toMatchObject({ displayName: 'Front desk' });
  const updates = await desk.engine.must('jobs.list', { task: 'updateImportedNumber', limit: 100 });
  for (const job of updates.items)
    expect((await desk.engine.must('jobs.get', { id: job.id })).phoneNumbers).not.toContain(phone);
});
