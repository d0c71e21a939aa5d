import { expect, test } from './fixtures';
import { GuideScreen } from './pages/guide';
import { sinchApi } from './pages/numbers';
import { coverScreenState } from './support/screens';

/**
 * Guided workflows (`/guide`, `/guide/$workflow`): the decision tree (populated), a wizard before
 * anything was typed (empty), a refused read inside a wizard (error); and workflow D with a DIRECT
 * LOA through the UI up to COMPLETED, checked on the simulator's side. The newcomer path (reseller,
 * fresh desk, counted interactions) is guide-newcomer.spec.ts.
 */
test('guide: the decision tree (populated), an empty wizard (empty), a refused read (error)', async ({
  app,
}) => {
  const { page } = app;
  const guide = new GuideScreen(page);
  await guide.frame.railLink('Guided workflows').click();
  await expect(guide.heading).toHaveText('Guided workflows');
  await expect(
    page.getByRole('heading', { name: 'What do you want to do with your numbers?' }),
  ).toBeVisible();
  await coverScreenState(page, '/guide', 'populated');

  await page.getByRole('link', { name: /^Text-enable numbers \(standard or toll-free/ }).click();
  await expect(guide.stepTitle).toHaveText('Your numbers');
  await expect(page.getByLabel('Phone numbers')).toHaveValue('');
  await expect(guide.button('Check the numbers')).toBeDisabled();
  await coverScreenState(page, '/guide', 'empty');

  await guide.frame.open('/guide/nope');
  await expect(page.getByRole('heading', { name: 'No such guided workflow', level: 1 })).toBeVisible();

  await page.route('**/rpc/intake.get', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, error: { code: 'NOT_FOUND', message: 'No such draft.' } }),
    }),
  );
  await guide.frame.open('/guide/d?step=2&draft=gone');
  await expect(
    page.getByRole('alert').filter({ hasText: 'The numbers’ draft could not be read' }),
  ).toBeVisible();
  await coverScreenState(page, '/guide', 'error');
  await page.unroute('**/rpc/intake.get');
});

test('guide D with a direct LOA: typed numbers → COMPLETED, every step DONE, each number sent once', async ({
  app,
}) => {
  test.setTimeout(60_000);
  const { page, desk } = app;
  const guide = new GuideScreen(page);
  const base = 100 + Math.floor(Math.random() * 98);
  const phones = [`+1202555${String(base).padStart(4, '0')}`, `+1202555${String(base + 1).padStart(4, '0')}`];
  const profile = await desk.engine.must('loaProfiles.create', {
    label: `Direct ${base}`,
    kind: 'direct',
    info: {
      authorisedPerson: { firstName: 'Rae', lastName: 'Owner', email: 'rae@owner.example.com' },
      address: {
        buildingNumber: '1',
        street: 'Test Road',
        city: 'Springfield',
        state: 'IL',
        postalCode: '62701',
        country: 'US',
      },
      currentVoiceCarrier: 'Verizon',
    },
  });
  try {
    await guide.frame.open('/guide/d');
    await page.getByLabel('Phone numbers').fill(phones.join('\n'));
    await guide.button('Check the numbers').click();
    await page.getByLabel('Service plan ID').fill('e2e-plan');
    await guide.button('Next').click();
    await page.getByRole('radio', { name: /belong to my own business/ }).check();
    await guide.button('Next').click();
    await page.getByRole('radio', { name: new RegExp(`Direct ${base}`) }).check();
    await expect(page.getByText('rae@owner.example.com')).toBeVisible();
    await guide.button('Next').click();
    await expect(page.getByText('Standard: 2 numbers.')).toBeVisible();
    await guide.button('Next').click();
    await expect(page.getByText('Text-enable 2 standard numbers in one hosting order')).toBeVisible();
    await guide.button('Confirm and queue').click();
    await guide.button('Start sending').click();
    await expect(page.getByText('Waiting for Sinch to qualify the numbers')).toBeVisible({ timeout: 15_000 });

    // Sinch and the customer (the newcomer spec does these through the Sandbox screen)
    for (const phoneNumber of phones) await desk.engine.must('sandbox.approveQualification', { phoneNumber });
    await desk.engine.must('sandbox.advanceClock', { minutes: 60 });
    const waiting = page.getByRole('link', { name: 'Sign it as the customer in the Sandbox controls' });
    await expect(waiting).toBeVisible({ timeout: 20_000 });
    const orderId =
      new URL((await waiting.getAttribute('href')) ?? '', 'http://x').hash.split('order=')[1] ?? '';
    await desk.engine.must('sandbox.signLoa', { hostingOrderId: decodeURIComponent(orderId) });
    await desk.engine.must('sandbox.advanceClock', { minutes: 24 * 60 });
    await expect(page.getByText('Text-enabled', { exact: true })).toBeVisible({ timeout: 20_000 });

    // the simulator's side: one accepted text-enable request per number, the order's steps all done
    for (const phoneNumber of phones) {
      const { requests } = await desk.engine.must('sandbox.createRequests', { phoneNumber });
      const enables = requests.filter((r) => r.operation.toLowerCase().includes('textenable'));
      expect(
        enables.map((r) => r.outcome),
        phoneNumber,
      ).toEqual(['ACCEPTED']);
    }
    const [read] = (await desk.engine.must('orders.refresh', { ids: [decodeURIComponent(orderId)] })).items;
    expect(read?.state).toBe('completed');
    expect(read?.loa?.kind).toBe('direct');
    const order = await desk.engine.must('orders.get', { id: decodeURIComponent(orderId) });
    expect(order.numbers.map((n) => n.phone).sort()).toEqual([...phones].sort());
    // and Sinch's own answer (the simulator's API with its demo key, not the desk's copy): COMPLETED,
    // every number's steps DONE
    const sinch = await sinchApi(desk.engine);
    const id = encodeURIComponent(decodeURIComponent(orderId));
    expect((await sinch('GET', `/hostingOrders/${id}`)).body.state).toBe('COMPLETED');
    const atSinch = (await sinch('GET', `/hostingOrders/${id}/numbers`)).body.numbers as Array<
      Record<string, { state?: string } | string>
    >;
    expect(atSinch).toHaveLength(phones.length);
    for (const n of atSinch)
      expect(
        [(n.osrUpdate as { state?: string })?.state, (n.platformProvisioning as { state?: string })?.state],
        String(n.phoneNumber),
      ).toEqual(['DONE', 'DONE']);
  } finally {
    await desk.engine.must('sandbox.reset', {});
    await desk.engine.must('loaProfiles.delete', { id: profile.id }).catch(() => undefined);
  }
});
