import { generateMessyCsv, generateMessyXlsx } from '../../shared/domain/intake/testing/generator';
import { expect, test } from './fixtures';
import { IntakeScreen } from './pages/intake';
import { coverScreenState } from './support/screens';

/**
 * "Bring numbers" from the file to every row's status, in the built app under the CSP. Expected
 * counts come from the seeded generator (which records each row's intended E.164 and status).
 * Interactions are counted: clicks and file drops the user makes, not the assertions.
 */
test('intake: a 5,000-row messy CSV with title rows, drop to checked rows', async ({ app }) => {
  const { page } = app;
  const intake = new IntakeScreen(page);
  await intake.open();
  await expect(intake.heading).toBeVisible();
  await coverScreenState(page, '/intake', 'empty');

  const file = generateMessyCsv({ seed: 8, rows: 5_000, variant: 'title-rows' });
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
  await expect(intake.summary).toBeVisible({ timeout: 20_000 });
  for (const status of ['valid', 'fixed', 'duplicate', 'error'] as const)
    await expect(intake.count(status)).toHaveText(file.counts[status].toLocaleString('en-US'));
  // The rows needing attention are the generator's, in order (the first 200).
  const expectedProblems = file.expected
    .filter((e) => e.status === 'error' || e.status === 'duplicate')
    .slice(0, 200);
  const shownRows = await intake.problems.getByRole('rowheader').allTextContents();
  expect(shownRows.map(Number)).toEqual(expectedProblems.map((e) => e.row));
  expect(interactions).toBeLessThanOrEqual(12);
  await coverScreenState(page, '/intake', 'populated');
});

test('intake: an .xlsx with numbers stored as numbers under a title row, second sheet ignored', async ({
  app,
}) => {
  const { page } = app;
  const intake = new IntakeScreen(page);
  await intake.open();
  const file = await generateMessyXlsx({ seed: 9, rows: 400 });
  await intake.fileInput.setInputFiles({
    name: 'numbers.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(file.bytes),
  });
  await page.getByRole('radio', { name: /Text-enable/ }).check();
  await intake.next.click();
  await expect(intake.stepTitle).toHaveText('Which sheet holds the numbers?');
  await intake.next.click();
  await intake.next.click();
  await intake.next.click();
  await expect(intake.summary).toBeVisible({ timeout: 20_000 });
  for (const status of ['valid', 'fixed', 'duplicate', 'error'] as const)
    await expect(intake.count(status)).toHaveText(file.counts[status].toLocaleString('en-US'));
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
  await expect(intake.summary).toHaveText(/^3 rows read: 2 ready, 1 needs a fix\./);
});
