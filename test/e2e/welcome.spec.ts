import { readFileSync } from 'node:fs';
import { expect, serveDesk, test } from './fixtures';
import { WelcomeScreen } from './pages/welcome';
import { coverScreenState, refuseChannel } from './support/screens';

/**
 * First run: the tour on a fresh data directory (its own server: the worker's shared desk is not
 * fresh for long) can be stepped through or skipped; the sample profile is added through
 * the engine and the sample file downloads with the three fictional numbers.
 */
// Runs first: a worker's shared desk started after a `desk` test of the same worker sometimes got
// no fresh link from SIGUSR1 (fixtures.ts freshLoginUrl) — seen three times, not understood yet.
test('get started: sample profile and sample file (populated), a refused profile (error)', async ({
  app,
}) => {
  const { page, desk } = app;
  const welcome = new WelcomeScreen(page);
  await welcome.frame.railLink('Get started').click();
  await expect(welcome.heading).toBeVisible();
  const before = await desk.engine.must('loaProfiles.list', { limit: 500 });
  await refuseChannel(page, 'loaProfiles.create');
  await welcome.addSampleProfile.click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'The sample profile could not be added' }),
  ).toBeVisible();
  await coverScreenState(page, '/welcome', 'error');
  await page.unroute('**/rpc/loaProfiles.create');

  await welcome.addSampleProfile.click();
  await expect(page.getByText('Added', { exact: true })).toBeVisible();
  const after = await desk.engine.must('loaProfiles.list', { limit: 500 });
  const added = after.items.filter((p) => !before.items.some((b) => b.id === p.id));
  expect(added.map((p) => [p.label, p.kind])).toEqual([['Sample Bakery (rehearsal)', 'reseller']]);
  const download = page.waitForEvent('download');
  await welcome.downloadSample.click();
  const file = await (await download).path();
  expect(readFileSync(file, 'utf8')).toContain('+12025550142,US,Sample Bakery (rehearsal),reseller');
  await coverScreenState(page, '/welcome', 'populated');
  for (const p of added) await desk.engine.must('loaProfiles.delete', { id: p.id });
});

test('first run: a fresh desk lands on the tour, steps and skips it (remembered); Go live is one click away (empty)', async ({
  page,
}) => {
  const desk = await serveDesk(); // a data directory of its own, untouched: the tour is not marked seen
  try {
    await page.goto(desk.url);
    const welcome = new WelcomeScreen(page);
    await expect(page).toHaveURL(/#\/welcome\?tour=1$/); // the launch link has landed on the tour
    await expect(welcome.heading).toBeVisible();
    await expect(welcome.tour).toContainText('Step 1 of 3');
    await expect(welcome.goLive).toBeVisible();
    await coverScreenState(page, '/welcome', 'empty');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(welcome.tour).toContainText('Review the plan');
    await page.getByRole('button', { name: 'Skip the tour' }).click();
    await expect(welcome.tour).toHaveCount(0);
    // skipped once, `/` opens Status from then on
    await welcome.frame.open('/');
    await expect(page).toHaveURL(/#\/status$/);
    await welcome.frame.open('/welcome');
    await welcome.goLive.click();
    await expect(page.getByRole('heading', { name: 'Go live', level: 1 })).toBeVisible();
  } finally {
    await desk.cleanup();
  }
});
