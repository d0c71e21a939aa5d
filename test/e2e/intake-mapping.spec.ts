import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DraftScreen, IntakeScreen } from './pages/intake';
import { expectNoA11yViolations } from './support/screens';

/**
 * Mappings remembered per file layout (issue 8 §2): the user maps a column the app cannot guess
 * once; the next file with the same header row starts with that choice, says so, and takes fewer
 * interactions. Interactions are what the user does (drops, clicks, choices), not assertions.
 */
test('intake: a second file of the same layout starts with the columns chosen for the first', async ({
  app,
}) => {
  const { page } = app;
  const intake = new IntakeScreen(page);
  const draft = new DraftScreen(page);
  // a header no earlier run has seen: the first file really is the first of its layout
  const planHeader = `Plan ref ${randomBytes(3).toString('hex')}`;
  const csv = (first: number) =>
    [
      `Customer,Line,${planHeader}`,
      ...Array.from(
        { length: 20 },
        (_, i) => `Acme ${i},(202) 555-${String(first + i).padStart(4, '0')},example-service-plan`,
      ),
    ].join('\r\n');
  const drop = (name: string, first: number) =>
    intake.fileInput.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv(first)) });
  const servicePlans = async () => {
    const id = draft.idFromUrl();
    const rows = await app.desk.engine.must('intake.rows', { draftId: id, offset: 0, limit: 50 });
    return [...new Set(rows.items.map((r) => r.fields.servicePlanId ?? '(none)'))];
  };

  // First file: the plan column has a name the app does not know, so the user chooses its use.
  await intake.open();
  let first = 0;
  await drop('march.csv', 100);
  first++;
  await intake.next.click(); // import
  await intake.next.click(); // header row as suggested
  first += 2;
  await expect(intake.columnRole('Line')).toHaveValue('phoneNumber');
  await expect(intake.columnRole(planHeader)).toHaveValue('ignore');
  await intake.columnRole(planHeader).selectOption('servicePlanId');
  first++;
  await intake.next.click();
  first++;
  await expect(draft.heading).toHaveText('march.csv');
  expect(await servicePlans()).toEqual(['example-service-plan']);

  // Second file, same layout: the columns step starts with that choice and says so.
  await intake.open();
  let second = 0;
  await drop('april.csv', 200);
  second++;
  await intake.next.click();
  await intake.next.click();
  second += 2;
  await expect(page.getByRole('status')).toContainText(
    'Using the columns you chose last time for this layout.',
  );
  await expect(intake.columnRole(planHeader)).toHaveCount(0);
  await lookAt(page, 'intake-columns-remembered');
  await intake.next.click();
  second++;
  await expect(draft.heading).toHaveText('april.csv');
  expect(await servicePlans()).toEqual(['example-service-plan']);
  expect(second).toBeLessThan(first);

  // "Change columns" opens the choices again, starting from the remembered ones.
  await intake.open();
  await drop('may.csv', 300);
  await intake.next.click();
  await intake.next.click();
  await page.getByRole('button', { name: 'Change columns' }).click();
  await expect(intake.columnRole(planHeader)).toHaveValue('servicePlanId');
});

/** axe in light and dark, and screenshots at both sizes to look at (a step of /intake, not a route state). */
async function lookAt(page: Page, name: string) {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expectNoA11yViolations(page, `${name} ${theme}`);
    for (const [width, height] of [
      [1280, 800],
      [900, 600],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: `test-results/screens/${name}-${theme}-${width}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: null });
  await page.setViewportSize({ width: 1280, height: 800 });
}
