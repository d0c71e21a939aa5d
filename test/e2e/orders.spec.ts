import { expect, test } from './fixtures';
import { OrdersScreen } from './pages/orders';
import { coverScreenState } from './support/screens';

/**
 * Orders: empty on a fresh desk; an import order followed to its end and opened (per-number steps);
 * the refused orders.list is list-refused.spec.ts's. ≤ 10 numbers, the Sandbox clock advanced.
 */
const PLAN = '07d6c2621f364b68856fe4938b7bb78f';
const unique = () => `o${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

test('orders: none yet (empty)', async ({ desk, page }) => {
  await page.goto(desk.url);
  const orders = new OrdersScreen(page);
  await orders.open();
  await expect(page.getByText(/No orders yet/)).toBeVisible();
  await expect(orders.frame.current).toHaveText('Orders');
  await coverScreenState(page, '/orders', 'empty');
});

test('orders: an import order completes while the list is open, and its detail shows each number (populated)', async ({
  app,
}) => {
  const { page, desk } = app;
  const id = unique();
  const first = 6000 + Math.floor(Math.random() * 3000);
  await desk.engine.must('plan.commit', {
    rows: Array.from({ length: 5 }, (_, i) => ({
      phoneNumber: `+1202555${String(first + i).padStart(4, '0')}`,
      action: 'import' as const,
      servicePlanId: PLAN,
    })),
    intentId: id,
    label: `Orders ${id}`,
    importOrderLimit: 5,
  });
  const orders = new OrdersScreen(page);
  await orders.open();
  await desk.engine.must('sync.start', {});
  const row = orders.rows().filter({ hasText: id });
  for (
    let i = 0;
    i < 12 && !((await row.textContent({ timeout: 500 }).catch(() => '')) ?? '').includes('Order completed');
    i++
  ) {
    await desk.engine.must('sandbox.advanceClock', { minutes: 30 });
    await page.waitForTimeout(500);
  }
  await expect(row).toContainText('Order completed');
  // named by its batch; the job key (Sinch's display name) stays beside it for support
  await expect(row.getByRole('link')).toHaveText(`Orders ${id}`);
  await expect(row).toContainText(`HD ${id}-o1`);
  await coverScreenState(page, '/orders', 'populated');
  await row.getByRole('link').click();
  await expect(orders.orderState).toContainText('Order completed');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Orders ${id}`);
  await expect(orders.numbers.getByRole('row')).toHaveCount(6);
  await expect(page.getByRole('link', { name: '← All orders' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/order-detail-light.png' });
});
