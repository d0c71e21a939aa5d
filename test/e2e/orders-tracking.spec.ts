import type { LoaProfile } from '../../shared/contract';
import { expect, type OpenedApp, test } from './fixtures';
import { sinchApi } from './pages/numbers';
import { OrdersScreen } from './pages/orders';

/**
 * Following orders while the user watches (issue 11, first and third acceptance points): a text-enable
 * batch from queued to completed on one order page, no reload; a refused LOA re-issued from the order
 * page; an order made outside the app found by "Find orders at Sinch" and followed to its end. ≤ 3
 * numbers each; the Sandbox clock is advanced, never waited on; end states checked at the simulator.
 */
const PLAN = '07d6c2621f364b68856fe4938b7bb78f';
const RESELLER: LoaProfile['info'] = {
  businessName: 'Example Bakery LLC',
  authorisedPerson: { firstName: 'Dana', lastName: 'Example', email: 'dana@bakery.example' },
  address: {
    buildingNumber: '12',
    street: 'Main Street',
    city: 'Springfield',
    state: 'IL',
    postalCode: '62701',
    country: 'US',
  },
  currentVoiceCarrier: 'Verizon',
};
const unique = () => `t${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const phones = (n: number) => {
  const first = 1000 + Math.floor(Math.random() * 8000);
  return Array.from({ length: n }, (_, i) => `+1303555${String(first + i).padStart(4, '0')}`);
};

/**
 * Commits a reseller-LOA text-enable (Sinch qualifies the numbers at once; the customer signs only when
 * the test says so) and moves the Sandbox clock until Sinch has its order.
 */
async function textEnable(app: OpenedApp, numbers: string[]): Promise<string> {
  const { engine } = app.desk;
  const id = unique();
  await engine.must('sandbox.configure', { qualificationReviewBusinessDays: 0, autoSignLoa: false });
  const profile = await engine.must('loaProfiles.create', {
    label: `Bakery ${id}`,
    kind: 'reseller',
    info: RESELLER,
  });
  await engine.must('plan.commit', {
    rows: numbers.map((phoneNumber) => ({
      phoneNumber,
      action: 'text-enable' as const,
      servicePlanId: PLAN,
      loaType: 'reseller' as const,
      loaProfileId: profile.id,
    })),
    intentId: id,
    label: `Tracking ${id}`,
  });
  await engine.must('sync.start', {});
  for (let i = 0; i < 40; i++) {
    const orders = await engine.must('orders.list', { offset: 0, limit: 5, text: numbers[0] });
    const order = orders.items[0];
    if (order) return order.id;
    await engine.must('sandbox.advanceClock', { minutes: 5 });
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the text-enable order never reached Sinch');
}

async function openOrder(app: OpenedApp, orderId: string): Promise<OrdersScreen> {
  const orders = new OrdersScreen(app.page);
  await orders.open();
  await orders.frame.open(`/orders/${orderId}`);
  await expect(orders.orderState).toBeVisible();
  // a marker that a reload would wipe
  await app.page.evaluate(() => {
    (window as unknown as { watched: boolean }).watched = true;
  });
  return orders;
}

test('orders: a text-enable batch goes from queued to completed while the user watches its order page', async ({
  app,
}) => {
  const numbers = phones(2);
  const orderId = await textEnable(app, numbers);
  const orders = await openOrder(app, orderId);
  const badge = orders.orderState.locator('[data-tone]');
  const seen: string[] = [];
  const note = async () => {
    const text = (await badge.textContent())?.trim() ?? '';
    if (text && seen.at(-1) !== text) seen.push(text);
    return text;
  };
  await note();
  // the customer signs after a while; then Sinch works through the numbers
  await app.desk.engine.must('sandbox.signLoa', { hostingOrderId: orderId });
  for (let i = 0; i < 40 && (await note()) !== 'Order completed'; i++) {
    await app.desk.engine.must('sandbox.advanceClock', { minutes: 5 });
    await app.page.waitForTimeout(250);
    await note();
  }
  await expect(badge).toHaveText('Order completed');
  await note();
  expect(seen.length, `states seen: ${seen.join(' → ')}`).toBeGreaterThanOrEqual(3);
  expect(seen.at(-1)).toBe('Order completed');
  expect(await app.page.evaluate(() => (window as unknown as { watched?: boolean }).watched)).toBe(true);
  await expect(orders.numbers.getByRole('row')).toHaveCount(numbers.length + 1);
  await app.page.screenshot({ path: 'test-results/screens/order-watched-completed.png' });
  // Sinch's side: the order completed
  const sinch = await sinchApi(app.desk.engine);
  const remote = await sinch('GET', `/hostingOrders/${orderId}`);
  expect(remote.body.state).toBe('COMPLETED');
  console.log(`order states seen: ${seen.join(' → ')}`);
});

test('orders: a refused LOA is re-issued from the order page and the new order completes', async ({
  app,
}) => {
  const numbers = phones(2);
  const orderId = await textEnable(app, numbers);
  const orders = await openOrder(app, orderId);
  await app.desk.engine.must('sandbox.refuseLoa', { hostingOrderId: orderId });
  for (let i = 0; i < 20; i++) {
    if (((await orders.orderState.textContent()) ?? '').includes('Order rejected')) break;
    await app.desk.engine.must('sandbox.advanceClock', { minutes: 5 });
    await app.page.waitForTimeout(250);
  }
  await expect(orders.orderState).toContainText('Order rejected by Sinch');
  await app.page.screenshot({ path: 'test-results/screens/order-rejected.png' });
  await orders.orderState.getByRole('button', { name: 'Re-issue LOA' }).click();
  await expect(app.page.getByRole('status').filter({ hasText: 'A new order is queued' })).toBeVisible();

  // the new order: another id for the same numbers
  let newId: string | undefined;
  for (let i = 0; i < 40 && !newId; i++) {
    const listed = await app.desk.engine.must('orders.list', { offset: 0, limit: 5, text: numbers[0] });
    newId = listed.items.find((o) => o.id !== orderId)?.id;
    if (!newId) await new Promise((r) => setTimeout(r, 100));
  }
  expect(newId).toBeTruthy();
  await orders.frame.open(`/orders/${newId}`);
  await app.desk.engine.must('sandbox.signLoa', { hostingOrderId: newId as string });
  for (let i = 0; i < 40; i++) {
    if (((await orders.orderState.textContent()) ?? '').includes('Order completed')) break;
    await app.desk.engine.must('sandbox.advanceClock', { minutes: 5 });
    await app.page.waitForTimeout(250);
  }
  await expect(orders.orderState).toContainText('Order completed');
  const sinch = await sinchApi(app.desk.engine);
  expect((await sinch('GET', `/hostingOrders/${orderId}`)).body.state).toBe('REJECTED');
  expect((await sinch('GET', `/hostingOrders/${newId}`)).body.state).toBe('COMPLETED');
});

test('orders: an order made outside the app is found by “Find orders at Sinch” and followed to its end', async ({
  app,
}) => {
  const numbers = phones(2);
  const sinch = await sinchApi(app.desk.engine);
  const made = await sinch('POST', '/hostingOrders:importNumbers', {
    regionCode: 'US',
    servicePlanId: PLAN,
    campaignId: 'CAMPOUTSIDE',
    numbers,
  });
  expect(made.status).toBe(200);
  const outsideId = made.body.hostingOrderId as string;
  await app.desk.engine.must('sync.start', {});
  const orders = new OrdersScreen(app.page);
  await orders.open();
  await expect(app.page.getByText(/No orders yet/)).toBeVisible();
  await app.page.getByRole('button', { name: 'Find orders at Sinch…' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Find orders at Sinch' });
  await dialog.getByLabel('Service plan ID').fill(PLAN);
  await dialog.getByLabel('Campaign ID').fill('CAMPOUTSIDE');
  await dialog.getByRole('button', { name: 'Find orders' }).click();
  await expect(
    app.page.getByRole('status').filter({ hasText: 'Sinch listed 1 order: 1 new here' }),
  ).toBeVisible();
  // Sinch gave it no display name: the row names it by its id (an empty name once left the cell blank)
  const row = orders.rows().filter({ hasText: outsideId });
  await expect(row).toBeVisible();
  await app.page.screenshot({ path: 'test-results/screens/orders-found-at-sinch.png' });
  // followed like our own: no refresh, only the Sandbox clock moving
  for (let i = 0; i < 30; i++) {
    if (((await row.textContent()) ?? '').includes('Order completed')) break;
    await app.desk.engine.must('sandbox.advanceClock', { minutes: 10 });
    await app.page.waitForTimeout(250);
  }
  await expect(row).toContainText('Order completed');
  expect((await sinch('GET', `/hostingOrders/${outsideId}`)).body.state).toBe('COMPLETED');
  for (const phone of numbers)
    expect((await app.desk.engine.must('numbers.get', { phone })).state).toBe('imported');
});
