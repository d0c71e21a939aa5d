import { expect, test } from './fixtures';
import {
  advanceUntil,
  CAMPAIGN,
  coverWizardState,
  freshNumbers,
  GuideWizard,
  PLAN,
  simulator,
} from './pages/guide-wizards';

/**
 * Workflow E through the UI: an import order made outside Hosting Desk (straight against the
 * simulated Sinch's API) is looked up by its ID → not known here → found at Sinch by its service plan
 * and campaign → read now; once Sinch finishes it, the counts the wizard shows and `orders.get`'s
 * report equal the simulator's own report.
 */
test('guide E: an outside order found, its report counts equal the simulator’s report', async ({ app }) => {
  const { page, desk } = app;
  const sim = await simulator(desk.engine);
  const created = await sim.post('/hostingOrders:importNumbers', {
    regionCode: 'US',
    numbers: freshNumbers(3),
    servicePlanId: PLAN,
    campaignId: CAMPAIGN,
    displayName: 'Made outside the desk',
  });
  expect(created.status).toBe(200);
  const orderId = created.body.hostingOrderId as string;

  const wizard = new GuideWizard(page);
  await wizard.open('e');
  await wizard.field('Order ID or number').fill(orderId);
  await wizard.main.getByRole('button', { name: 'Find', exact: true }).click();
  const discover = wizard.region(/Not among this workspace’s orders/);
  await expect(discover).toBeVisible();
  await discover.getByLabel('Service plan ID').fill(PLAN);
  await discover.getByLabel('Campaign ID').fill(CAMPAIGN);
  await coverWizardState(page, 'e-discover');
  await discover.getByRole('button', { name: 'Find orders at Sinch' }).click();
  const found = wizard.main.getByRole('list', { name: 'Orders found' });
  await found.getByRole('button', { name: orderId }).click();

  const status = wizard.region('Order status');
  await expect(status).toBeVisible();
  await expect(wizard.main.getByRole('link', { name: 'Open the order’s page' })).toHaveAttribute(
    'href',
    `#/orders/${orderId}`,
  );
  // Sinch finishes the order; "Check again" reads it (and its report) now
  await advanceUntil(desk.engine, page, async () => {
    if ((await sim.get(`/hostingOrders/${orderId}`)).body.state !== 'COMPLETED') return false;
    await wizard.button('Check again').click();
    await expect(wizard.button('Check again')).toBeEnabled();
    return (await status.textContent())?.includes('Completed') ?? false;
  });
  const report = (await sim.get(`/hostingOrders/${orderId}/report`)).body;
  const facts = wizard.main.getByLabel('Sinch’s report');
  await expect(facts).toContainText(`Provisioned for SMS${report.smsProvisioned} of ${report.total}`);
  await expect(facts).toContainText(`Added to the campaign${report.addedToCampaign} of ${report.total}`);
  await coverWizardState(page, 'e-status');

  const got = (await desk.engine.must('orders.get', { id: orderId })).report;
  expect(got).toMatchObject({
    total: report.total,
    osrUpdated: report.osrUpdated,
    smsProvisioned: report.smsProvisioned,
    addedToCampaign: report.addedToCampaign,
    ongoingManualAction: report.ongoingManualAction,
  });
});
