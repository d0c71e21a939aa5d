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
 * Workflow B through the UI: three numbers (one written twice) → one hosting order → followed to
 * COMPLETED; every number imported with SMS and campaign provisioning DONE, read from the simulated
 * Sinch's own API. The wizard says beforehand how a longer list would split.
 */
test('guide B: several numbers in one hosting order, each provisioned at the simulator', async ({ app }) => {
  const { page, desk } = app;
  const sim = await simulator(desk.engine);
  const phones = freshNumbers(3);
  const wizard = new GuideWizard(page);
  await wizard.open('b');

  const box = wizard.field('Phone numbers');
  await box.fill(freshNumbers(7).join('\n'));
  await expect(wizard.main.getByText(/7 numbers are more than one order takes \(at most 5\)/)).toBeVisible();
  await box.fill([...phones, phones[0]].join('\n'));
  // the repeated line is not counted: 3 numbers, one order
  await expect(wizard.main.getByText(/^3 numbers go in one hosting order/)).toBeVisible();
  await wizard.field('Service plan ID').fill(PLAN);
  await wizard.field('Campaign ID (optional)').fill(CAMPAIGN);
  await coverWizardState(page, 'b-numbers');
  await wizard.button('Review the plan').click();

  const calls = wizard.main.getByRole('list', { name: 'Calls to Sinch' });
  await expect(calls).toContainText('Import order of 3 numbers');
  // the repeated line stays out, with its reason
  await expect(wizard.main.getByText(/The same number as row 1/)).toBeVisible();
  await coverWizardState(page, 'b-plan');
  await wizard.button('Queue it').click();

  await expect(wizard.main.getByRole('heading', { name: 'Importing 3 numbers' })).toBeVisible();
  await wizard.startSending();
  await advanceUntil(
    desk.engine,
    page,
    async () => (await wizard.main.getByRole('heading', { name: '3 numbers imported' }).count()) > 0,
  );
  const orders = wizard.main.getByRole('list', { name: 'Hosting orders' });
  await expect(orders).toContainText('Completed');
  const link = orders.getByRole('link', { name: /^Open order / });
  const orderId = ((await link.getAttribute('href')) ?? '').replace('#/orders/', '');
  await coverWizardState(page, 'b-follow-done');

  expect((await sim.get(`/hostingOrders/${orderId}`)).body.state).toBe('COMPLETED');
  for (const phone of phones) {
    const n = (await sim.get(`/importedNumbers/${enc(phone)}`)).body;
    expect(n.smsProvisioning, phone).toMatchObject({ state: 'DONE' });
    expect(n.campaignProvisioning, phone).toMatchObject({ state: 'DONE' });
  }
});
