import type { IntakeRowItem } from '../../shared/contract';
import {
  generateMessyCsv,
  generateMessyXlsx,
  INTAKE_E2E_FILES,
} from '../../shared/domain/intake/testing/generator';
import type { Page } from '@playwright/test';
import { expect, freshLoginUrl, type OpenedApp, type ServedDesk, test, tokenOf } from './fixtures';
import { deskClient } from './support/desk-client';
import { DraftScreen, IntakeScreen, PlanScreen } from './pages/intake';
import { coverScreenState } from './support/screens';

async function allRows(app: OpenedApp, draftId: string) {
  const rows: IntakeRowItem[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await app.desk.engine.must('intake.rows', { draftId, offset, limit: 500 });
    rows.push(...page.items);
    if (page.items.length < 500) return rows;
  }
}

/**
 * Tests that queue work get a server of their own: queued jobs on the shared server would be sent by
 * a test that starts sync before the next `sandbox.reset` clears them.
 */
async function ownApp(page: Page, desk: ServedDesk): Promise<OpenedApp> {
  await page.goto(desk.url);
  // links are single-use: the page took desk.url, the test's own client takes a fresh one
  const engine = await deskClient(desk.origin, tokenOf(await freshLoginUrl(desk)));
  return { page, desk: { ...desk, engine } };
}

/**
 * "Bring numbers" from the file to every row's status, in the built app under the CSP. Expected
 * counts come from the seeded generator (which records each row's intended E.164 and status).
 * Interactions are counted: clicks and file drops the user makes, not the assertions.
 */
test('intake: a 5,000-row messy CSV with title rows goes from drop to a queued plan in ≤ 12 interactions', async ({
  page,
  desk,
}) => {
  const app = await ownApp(page, desk);
  const intake = new IntakeScreen(page);
  await intake.open();
  await expect(intake.heading).toBeVisible();
  await coverScreenState(page, '/intake', 'empty');

  // check-list.test.ts runs check-list --json on this same file
  const file = generateMessyCsv(INTAKE_E2E_FILES.csv);
  let interactions = 1; // opening the screen
  await intake.fileInput.setInputFiles({
    name: file.name,
    mimeType: 'text/csv',
    buffer: Buffer.from(file.bytes),
  });
  interactions++;
  await expect(intake.stepTitle).toHaveText('What are these numbers for?');
  await intake.next.click(); // import
  interactions++;
  await expect(intake.stepTitle).toHaveText('Which row holds the column names?');
  await expect(page.getByRole('radio', { name: new RegExp(`^Row ${file.headerRow + 1}:`) })).toBeChecked();
  await intake.next.click();
  interactions++;
  await expect(intake.columnRole('Phone Number')).toHaveValue('phoneNumber');
  await intake.next.click();
  interactions++;

  // The draft: every row as the generator intended, in the engine and in the UI's counts.
  const draft = new DraftScreen(page);
  await expect(draft.heading).toHaveText(file.name, { timeout: 30_000 });
  const draftId = draft.idFromUrl();
  const rows = await allRows(app, draftId);
  expect(rows.map((r) => [r.row, r.e164, r.status])).toEqual(
    file.expected.map((e) => [e.row, e.e164, e.status]),
  );
  const ready = file.counts.valid + file.counts.fixed;
  await expect(draft.lede).toContainText(`${ready.toLocaleString('en-US')} ready`);
  await draft.filter('Only errors').check();
  interactions++;
  await expect(draft.grid).toHaveAttribute('aria-rowcount', String(file.counts.error + 1));
  const firstError = file.expected.find((e) => e.status === 'error');
  await expect(draft.grid.getByRole('row').nth(1)).toContainText(firstError?.cell.trim() ?? '');
  await coverScreenState(page, '/intake/$draftId', 'populated');
  await draft.applyServicePlan('example-service-plan');
  interactions += 2; // type it, "Use for every row"

  await draft.reviewPlan.click();
  interactions++;
  const plan = new PlanScreen(page);
  await expect(plan.heading).toHaveText(`Plan: ${file.name}`);
  await coverScreenState(page, '/plan/$draftId', 'populated');
  await plan.queue.click();
  interactions++;
  await expect(plan.queued).toBeVisible();
  expect(interactions).toBeLessThanOrEqual(12);
  const after = await app.desk.engine.must('intake.get', { draftId });
  expect(after.state).toBe('queued');
  const jobs = await app.desk.engine.must('jobs.list', { limit: 1, batchId: after.batchId ?? '' });
  expect(jobs.total).toBeGreaterThan(0);

  // Back on Bring numbers, the draft is listed with its state: the screen's populated state.
  await intake.open();
  const listed = page
    .getByRole('table', { name: 'Drafts' })
    .getByRole('row', { name: new RegExp(file.name) });
  await expect(listed).toContainText('Queued');
  await coverScreenState(page, '/intake', 'populated');
});

test('intake: an .xlsx with numbers stored as numbers under a title row goes to a queued plan and syncs', async ({
  page,
  desk,
}) => {
  const app = await ownApp(page, desk);
  const intake = new IntakeScreen(page);
  await intake.open();
  const file = await generateMessyXlsx(INTAKE_E2E_FILES.xlsx); // and on this one
  await intake.fileInput.setInputFiles({
    name: 'numbers.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(file.bytes),
  });
  await intake.next.click(); // import
  await expect(intake.stepTitle).toHaveText('Which sheet holds the numbers?');
  await intake.next.click();
  await intake.next.click();
  await intake.next.click();
  const draft = new DraftScreen(page);
  await expect(draft.heading).toHaveText('numbers.xlsx', { timeout: 20_000 });
  const draftId = draft.idFromUrl();
  const rows = await allRows(app, draftId);
  expect(rows.map((r) => [r.row, r.e164, r.status])).toEqual(
    file.expected.map((e) => [e.row, e.e164, e.status]),
  );

  await draft.applyServicePlan('example-service-plan');

  await draft.reviewPlan.click();
  const plan = new PlanScreen(page);
  await plan.queue.click();
  await expect(plan.queued).toBeVisible();

  // Sync: the simulator sees one create per number the plan accepted (toll-free numbers are
  // text-enabled, never imported: the plan leaves them out), none twice.
  const planned = rows
    .filter((r) => (r.status === 'valid' || r.status === 'fixed') && !r.tollFree)
    .map((r) => r.e164);
  await app.desk.engine.must('sync.start', {});
  // the simulator's own record of create requests (its control surface needs the engine's secret,
  // so it is read through the Sandbox channel)
  await expect
    .poll(
      async () => {
        const { requests } = await app.desk.engine.must('sandbox.createRequests', {});
        return requests.map((r) => r.phoneNumber).sort();
      },
      { timeout: 30_000 },
    )
    .toEqual([...planned].sort());
  expect(planned.length).toBeGreaterThan(10);
});

test('intake: an old .xls is refused with what to do (error)', async ({ app }) => {
  const { page } = app;
  const intake = new IntakeScreen(page);
  await intake.open();
  await intake.fileInput.setInputFiles({
    name: 'old.xls',
    mimeType: 'application/vnd.ms-excel',
    buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
  });
  await expect(intake.readError).toContainText('old.xls could not be read');
  await coverScreenState(page, '/intake', 'error');

  // A pasted column still works after a refusal.
  await intake.paste.fill('(202) 555-0134\n+1 202 555 0135\nnot a number');
  await intake.usePasted.click();
  await intake.next.click();
  await intake.next.click();
  await intake.next.click();
  const draft = new DraftScreen(page);
  await expect(draft.heading).toHaveText('Pasted list');
  await expect(draft.lede).toContainText('3 rows · 2 ready · 1 needs a fix');
});
