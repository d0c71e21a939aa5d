import { deskClient } from './support/desk-client';
import { expect, freshLoginUrl, test, tokenOf } from './fixtures';
import { DraftScreen, IntakeScreen, PlanScreen } from './pages/intake';

/**
 * A list to qualify only (guide workflow C): pasted, planned as qualification calls alone, queued
 * and sent. A server of its own: it starts sync, which would send other tests' queued work.
 */
test('intake: numbers to qualify only become one qualification call, queued and sent', async ({
  page,
  desk,
}) => {
  await page.goto(desk.url);
  const engine = await deskClient(desk.origin, tokenOf(await freshLoginUrl(desk)));
  const intake = new IntakeScreen(page);
  await page.goto(`${desk.origin}/#/intake`);
  await expect(intake.heading).toBeVisible();
  await intake.paste.fill('(202) 555-0134\n+1 202 555 0135\n+1 833 587 0229\nnot a number');
  await intake.usePasted.click();
  await page.getByRole('radio', { name: /Check they can be hosted/ }).check();
  await intake.next.click();
  await intake.next.click();
  await intake.next.click();

  const draft = new DraftScreen(page);
  await expect(draft.heading).toHaveText('Pasted list');
  await expect(draft.lede).toContainText('Check they can be hosted · 4 rows · 3 ready · 1 needs a fix');
  // a qualification carries the numbers alone: no service plan or campaign to set
  await expect(page.getByLabel('Service plan ID for the list')).toHaveCount(0);
  const draftId = draft.idFromUrl();
  await draft.reviewPlan.click();

  const plan = new PlanScreen(page);
  await expect(page.locator('.page-lede')).toContainText('3 numbers in 1 call');
  await expect(page.getByText(/e-mail the invoices for these numbers to orders@sinch\.com/)).toBeVisible();
  await expect(plan.queue).toHaveText('Queue 1 call');
  await plan.queue.click();
  await expect(plan.queued).toBeVisible();

  const { batchId } = await engine.must('intake.get', { draftId });
  await engine.must('sync.start', {});
  const batchJobs = async () =>
    (await engine.must('jobs.list', { batchId: batchId ?? '' })).items
      .map((j) => [j.task, j.state])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  // sent, and then followed while Sinch reviews (not left "qualifying" with nothing watching)
  await expect.poll(batchJobs, { timeout: 30_000 }).toEqual([
    ['awaitQualification', 'waiting_remote'],
    ['qualifyNumbers', 'done'],
  ]);
  // Sinch has them now: the numbers moved off "planned"
  for (const phone of ['+12025550134', '+12025550135', '+18335870229'])
    expect((await engine.must('numbers.get', { phone })).state).not.toBe('planned');
  // Sinch's staff decide (the Sandbox controls); the follow-up job sees it and ends
  for (const phoneNumber of ['+12025550134', '+12025550135', '+18335870229'])
    await engine.must('sandbox.approveQualification', { phoneNumber });
  await expect
    .poll(
      async () => {
        await engine.must('sandbox.advanceClock', { minutes: 60 });
        return batchJobs();
      },
      { timeout: 30_000 },
    )
    .toEqual([
      ['awaitQualification', 'done'],
      ['qualifyNumbers', 'done'],
    ]);
});
