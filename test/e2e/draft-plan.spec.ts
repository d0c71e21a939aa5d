import type { Page } from '@playwright/test';
import type { IntakeRowItem, LoaProfile } from '../../shared/contract';
import { expect, freshLoginUrl, serveDesk, test, tokenOf } from './fixtures';
import { DraftScreen, IntakeScreen, PlanScreen } from './pages/intake';
import { LoaScreen } from './pages/loa';
import { deskClient } from './support/desk-client';
import { coverScreenState } from './support/screens';

/**
 * Drafts and plans beyond the happy path: their empty and error states, a half-reviewed draft that
 * survives a restart of the server on the same data directory, and an LOA profile typed with the
 * keyboard reused by two text-enable batches, the plan showing the LOA exactly as the simulator then
 * receives it (canonical JSON: keys sorted).
 */
async function pasteToDraft(page: Page, text: string, action?: RegExp): Promise<DraftScreen> {
  const intake = new IntakeScreen(page);
  await intake.open();
  await intake.paste.fill(text);
  await intake.usePasted.click();
  if (action) await page.getByRole('radio', { name: action }).check();
  await intake.next.click();
  await intake.next.click();
  await intake.next.click();
  const draft = new DraftScreen(page);
  await expect(draft.heading).toHaveText('Pasted list', { timeout: 20_000 });
  return draft;
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );

test('draft and plan: nothing to show (empty) and a draft that does not exist (error)', async ({ app }) => {
  const { page } = app;
  // Toll-free numbers to import: every row reads, and the plan leaves them all out.
  const draft = await pasteToDraft(page, '(800) 555-0134\n(888) 555-0135');
  await draft.filter('Only duplicates').check();
  await expect(page.getByText('No row matches this filter. Choose “All rows”.')).toBeVisible();
  await coverScreenState(page, '/intake/$draftId', 'empty');

  await draft.reviewPlan.click();
  const plan = new PlanScreen(page);
  await expect(plan.heading).toHaveText('Plan: Pasted list');
  await expect(page.getByRole('button', { name: 'Queue 0 calls' })).toBeDisabled();
  await coverScreenState(page, '/plan/$draftId', 'empty');

  await draft.page.evaluate(() => {
    window.location.hash = '#/intake/draft-gone';
  });
  await expect(draft.loadError).toBeVisible();
  await coverScreenState(page, '/intake/$draftId', 'error');
  await draft.page.evaluate(() => {
    window.location.hash = '#/plan/draft-gone';
  });
  await expect(page.getByRole('alert').filter({ hasText: 'Could not work out the plan' })).toBeVisible();
  await coverScreenState(page, '/plan/$draftId', 'error');
});

test('a half-reviewed draft is unchanged after the server restarts on the same data directory', async ({
  page,
  desk,
}) => {
  await page.goto(desk.url);
  const draft = await pasteToDraft(page, '(202) 555-0134\n202 555 013\n+1 202 555 0136');
  const draftId = draft.idFromUrl();
  // Fix the short number: Enter on its row opens the fix.
  await draft.filter('Only errors').check();
  await draft.grid.getByRole('row').nth(1).focus();
  await page.keyboard.press('Enter');
  await page.getByLabel('Phone number').fill('202 555 0135');
  await page.keyboard.press('Enter');
  await expect(page.getByText('No row matches this filter.', { exact: false })).toBeVisible();
  const before = await (await deskClient(desk.origin, tokenOf(await freshLoginUrl(desk)))).must(
    'intake.rows',
    {
      draftId,
      limit: 100,
    },
  );

  await desk.stop();
  const again = await serveDesk(process.env, { dataDir: desk.dataDir });
  try {
    const engine = await deskClient(again.origin, again.token);
    const after = await engine.must('intake.rows', { draftId, limit: 100 });
    expect(after.items).toEqual(before.items);
    expect((after.items as IntakeRowItem[]).map((r) => r.status)).toEqual(['fixed', 'fixed', 'fixed']);
    await page.goto(await freshLoginUrl(again)); // again.url went to the client above
    await page.evaluate((id) => {
      window.location.hash = `#/intake/${id}`;
    }, draftId);
    await expect(new DraftScreen(page).lede).toContainText('3 rows · 3 ready');
  } finally {
    await again.stop();
  }
});

test('an LOA profile typed with the keyboard is reused by a second batch; the plan shows it as the simulator receives it', async ({
  page,
  desk,
}) => {
  // A server of its own: this test syncs, and its Sandbox decides qualifications at once.
  await page.goto(desk.url);
  const engine = await deskClient(desk.origin, tokenOf(await freshLoginUrl(desk)));
  await engine.must('sandbox.configure', { qualificationReviewBusinessDays: 0 });
  const loa = new LoaScreen(page);
  await loa.frame.railLink('LOA profiles').click();
  await loa.newProfile.focus();
  await page.keyboard.press('Enter');
  for (const text of [
    'Bakery',
    'Example Bakery LLC',
    'Dana',
    'Example',
    'dana@bakery.example',
    'dana@bakery.example',
    '12',
    'Main Street',
    'Springfield',
    'IL',
    '62701',
  ]) {
    await page.keyboard.type(text);
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Tab'); // country: US
  await page.keyboard.type('Example Telecom');
  await page.keyboard.press('Control+Enter');
  await expect(loa.notice).toHaveText('Saved “Bakery”.');
  const [profile] = (await engine.must('loaProfiles.list', { limit: 5 })).items as LoaProfile[];

  const batches = [
    { pasted: '(202) 555-0141\n(202) 555-0142', first: '+12025550141' },
    { pasted: '(303) 555-0143', first: '+13035550143' },
  ];
  const shownLoa: unknown[] = [];
  for (const { pasted: numbers } of batches) {
    const draft = await pasteToDraft(page, numbers, /Text-enable/);
    await draft.applyServicePlan('example-service-plan');
    await page.getByLabel('Campaign ID for the list').fill('EXAMPLECAMPAIGN');
    await page.getByRole('button', { name: 'Use for every row' }).click();
    await page.getByLabel('LOA for these orders').selectOption({ label: 'Bakery (Reseller)' });
    await draft.reviewPlan.click();
    const plan = new PlanScreen(page);
    await expect(plan.loaAsSent).toBeVisible();
    const shown = JSON.parse((await plan.loaAsSent.textContent()) ?? '{}');
    expect(canonical(shown)).toBe(canonical({ resellerLoaInfo: profile?.info }));
    shownLoa.push(shown);
    await expect(plan.signatureEmails).toHaveText(
      'dana@bakery.example will receive 1 e-mail to sign, one per order.',
    );
    await plan.queue.click();
    await expect(plan.queued).toBeVisible();
  }

  // Sent: the LOA object in each text-enable request the simulator received is the one the plan showed.
  await engine.must('sync.start', {});
  const received = async (phoneNumber: string): Promise<unknown> => {
    const { requests, bodies } = await engine.must('sandbox.createRequests', {
      phoneNumber,
      withBodies: true,
    });
    const sent = requests.find((r) => r.operation.includes('textEnable') && r.outcome === 'ACCEPTED');
    return sent ? bodies?.[String(sent.requestId)] : undefined;
  };
  for (const [i, { first }] of batches.entries()) {
    let body: unknown;
    for (let tries = 0; tries < 40 && body === undefined; tries++) {
      body = await received(first);
      if (body === undefined) {
        await engine.must('sandbox.advanceClock', { minutes: 30 });
        await page.waitForTimeout(500);
      }
    }
    const { resellerLoaInfo } = (body ?? {}) as { resellerLoaInfo?: unknown };
    expect(canonical({ resellerLoaInfo }), first).toBe(canonical(shownLoa[i]));
  }
});
