import type { Page } from '@playwright/test';
import type { LoaProfile } from '../../shared/contract';
import { expect, freshLoginUrl, type OpenedApp, test, tokenOf } from './fixtures';
import { LoaScreen } from './pages/loa';
import { deskClient } from './support/desk-client';
import { coverScreenState, expectNoA11yViolations } from './support/screens';

/**
 * LOA profiles (issue 8, "LOA entry"): a profile typed with the keyboard only, checked field by
 * field, saved exactly as typed; duplicate, edit, delete; the list's empty, populated and error states.
 * `sandbox.reset` does not remove profiles (they are the desk's own data), so each test starts by
 * deleting them. Queued orders carry their own copy of the LOA: an edit asks whether they take it;
 * a profile copies to another workspace.
 */
/** A state inside the screen (not one of the route's three): axe, and pictures to look at. */
async function look(page: Page, name: string): Promise<void> {
  await expectNoA11yViolations(page, name);
  const viewport = page.viewportSize();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const [w, h] of [
      [1280, 800],
      [900, 600],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: `test-results/screens/${name}-${theme}-${w}x${h}.png`, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: null });
  if (viewport) await page.setViewportSize(viewport);
}

async function noProfiles(app: OpenedApp): Promise<void> {
  const { items } = await app.desk.engine.must('loaProfiles.list', { limit: 500 });
  for (const p of items) await app.desk.engine.must('loaProfiles.delete', { id: p.id });
}

async function open(app: OpenedApp): Promise<LoaScreen> {
  const loa = new LoaScreen(app.page);
  await loa.frame.railLink('LOA profiles').click();
  await expect(loa.heading).toHaveText('LOA profiles');
  return loa;
}

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

test('LOA: a profile typed with the keyboard only, checked field by field, saved as typed', async ({
  app,
}) => {
  await noProfiles(app);
  const loa = await open(app);
  const { page } = app;
  await expect(loa.empty).toBeVisible();
  await coverScreenState(page, '/loa', 'empty');

  // The first focus; from here on only the keyboard.
  await loa.newProfile.focus();
  await page.keyboard.press('Enter');
  await expect(loa.field('Profile name')).toBeFocused();
  const type = async (text: string) => {
    await page.keyboard.type(text);
    await page.keyboard.press('Tab');
  };
  await type('Bakery');
  await type(RESELLER.businessName ?? '');
  await type('Dana');
  await type('Example');
  await type('dana@gmail.com');
  await type('dana@bakery.example'); // mistyped on purpose: the check must say so
  await type('');
  await type('12 Main Street');
  await type('Springfield');
  await type('Illinois');
  await type('6270');
  await page.keyboard.press('Tab'); // country: US already
  await page.keyboard.type('Veri');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Enter');

  // Every message names its field; warnings are listed, errors sit on their fields.
  await expect(
    loa.form.getByText('Signer’s e-mail again does not match the signer’s e-mail.', { exact: false }),
  ).toBeVisible();
  await expect(
    loa.form.getByText('Building number is required: move 12 from Street to here', { exact: false }),
  ).toBeVisible();
  await expect(loa.form.getByText('Postal code is not a US ZIP code', { exact: false })).toBeVisible();
  await expect(loa.checkPanel).toContainText('Signer’s e-mail is a personal mailbox (gmail.com)');
  await expect(loa.checkPanel).toContainText('State or province should be the two-letter code');
  await expect(loa.field('Signer’s e-mail again')).toHaveAttribute('aria-invalid', 'true');
  await look(page, 'loa-editor-errors');

  // Fix it, still with the keyboard: Shift+Tab back through the fields.
  await loa.field('Signer’s e-mail').focus();
  await page.keyboard.press('Control+A');
  await type('dana@bakery.example');
  await page.keyboard.press('Tab'); // e-mail again is right now
  await page.keyboard.type('12');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await type('Main Street');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await type('IL');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('62701');
  await expect(loa.checkPanel).toContainText('No common rejection causes found.');
  await page.keyboard.press('Control+Enter');

  await expect(loa.notice).toHaveText('Saved “Bakery”.');
  await expect(loa.row('Bakery')).toContainText('Dana Example');
  const { items } = await app.desk.engine.must('loaProfiles.list', { limit: 10 });
  expect(items.map((p) => ({ label: p.label, kind: p.kind, info: p.info }))).toEqual([
    { label: 'Bakery', kind: 'reseller', info: RESELLER },
  ]);
  await coverScreenState(page, '/loa', 'populated');
});

test('LOA: duplicate, edit, search and delete', async ({ app }) => {
  await noProfiles(app);
  await app.desk.engine.must('loaProfiles.create', { label: 'Bakery', kind: 'reseller', info: RESELLER });
  const loa = await open(app);
  const { page } = app;

  await loa.actions('Bakery', 'Duplicate');
  await expect(loa.heading).toHaveText('Duplicate LOA profile');
  await expect(loa.field('Profile name')).toHaveValue('Bakery (copy)');
  await expect(loa.field('Signer’s e-mail again')).toHaveValue('dana@bakery.example');
  await loa.field('City').fill('Shelbyville');
  await loa.save.click();
  await expect(loa.notice).toHaveText('Saved “Bakery (copy)”.');

  await loa.actions('Bakery (copy)', 'Edit');
  await expect(loa.form.getByRole('radio', { name: /Direct/ })).toBeDisabled();
  await loa.field('Profile name').fill('Bakery east');
  await loa.save.click();
  await expect(loa.row('Bakery east')).toContainText('Shelbyville');

  await loa.search.fill('EAST');
  await expect(loa.table.getByRole('row')).toHaveCount(2); // header + one
  await loa.search.fill('nothing like it');
  await expect(page.getByText('No profile matches “nothing like it”')).toBeVisible();
  await loa.search.fill('');

  await loa.actions('Bakery east', 'Delete…');
  const dialog = page.getByRole('alertdialog', { name: 'Delete “Bakery east”?' });
  await dialog.getByRole('button', { name: 'Delete profile' }).click();
  await expect(loa.notice).toHaveText('Deleted “Bakery east”.');
  await expect(loa.table.getByRole('row')).toHaveCount(2);
});

test('LOA: after an edit, the queued orders not yet sent are offered the new details, counted', async ({
  app,
}) => {
  await noProfiles(app);
  const { engine } = app.desk;
  const bakery = await engine.must('loaProfiles.create', {
    label: 'Bakery',
    kind: 'reseller',
    info: RESELLER,
  });
  // two batches, two orders, three numbers; sending is paused (a fresh desk), so none is sent
  for (const [intentId, numbers] of [
    ['loa-edit-1', ['+12025550161', '+12025550162']],
    ['loa-edit-2', ['+13035550163']],
  ] as const)
    await engine.must('plan.commit', {
      rows: numbers.map((phoneNumber) => ({
        phoneNumber,
        action: 'text-enable' as const,
        servicePlanId: '07d6c2621f364b68856fe4938b7bb78f',
        loaType: 'reseller' as const,
        loaProfileId: bakery.id,
      })),
      intentId,
      label: intentId,
    });
  const loa = await open(app);
  const { page } = app;

  // a new name only: nothing to ask
  await loa.actions('Bakery', 'Edit');
  await loa.field('Profile name').fill('Bakery downtown');
  await loa.save.click();
  await expect(loa.notice).toHaveText('Saved “Bakery downtown”.');
  await expect(loa.queuedQuestion()).toHaveCount(0);

  await loa.actions('Bakery downtown', 'Edit');
  await loa.field('Street').fill('Market Street');
  await loa.save.click();
  const question = loa.queuedQuestion();
  await expect(question).toHaveAccessibleName('2 queued orders still use the old details — update them?');
  await expect(question).toContainText('They carry 3 numbers and have not been sent yet.');
  await look(page, 'loa-queued-question');
  await question.getByRole('button', { name: 'Update 2 orders' }).click();
  await expect(loa.notice).toHaveText('Saved “Bakery downtown” and updated 2 queued orders.');
  expect(await engine.must('loaProfiles.queuedUsage', { id: bakery.id })).toEqual({ jobs: 0, numbers: 0 });

  // keeping the old details changes nothing: asked again on the next edit, with the same count
  await loa.actions('Bakery downtown', 'Edit');
  await loa.field('City').fill('Shelbyville');
  await loa.save.click();
  await question.getByRole('button', { name: 'Keep the old details' }).click();
  await expect(loa.notice).toHaveText(
    'Saved “Bakery downtown”. Queued orders keep the details they were queued with.',
  );
  expect(await engine.must('loaProfiles.queuedUsage', { id: bakery.id })).toEqual({ jobs: 2, numbers: 3 });
});

test('LOA: copy a profile to another workspace; a name clash there says which field to change', async ({
  page,
  desk,
}) => {
  // a server of its own: the Live workspace made here must not show up in other specs' screens
  await page.goto(desk.url);
  const engine = await deskClient(desk.origin, tokenOf(await freshLoginUrl(desk)));
  await engine.must('loaProfiles.create', { label: 'Bakery', kind: 'reseller', info: RESELLER });
  const loa = new LoaScreen(page);
  await loa.frame.railLink('LOA profiles').click();

  // no other workspace yet: the dialog says what to do
  await loa.actions('Bakery', 'Copy to workspace…');
  const dialog = loa.copyDialog('Bakery');
  await expect(dialog).toContainText('There is no other workspace yet. Add a Live workspace in Settings');
  await look(page, 'loa-copy-no-workspace');
  await dialog.getByRole('button', { name: 'Close' }).click();

  const live = await engine.must('workspaces.create', {
    name: 'Bakery Live',
    projectId: '7c2ea0e4-3c8a-4b56-9f24-2d2c2bb4d5a1',
  });
  await loa.actions('Bakery', 'Copy to workspace…');
  await expect(dialog.getByRole('radio')).toHaveCount(1); // the Sandbox is open: only the other one
  await dialog.getByRole('radio', { name: /Live: Bakery Live/ }).check();
  await look(page, 'loa-copy-choose');
  await dialog.getByRole('button', { name: 'Copy profile' }).click();
  await expect(loa.notice).toHaveText('Copied “Bakery” to Live: Bakery Live.');

  await loa.actions('Bakery', 'Copy to workspace…');
  await dialog.getByRole('radio', { name: /Live: Bakery Live/ }).check();
  await dialog.getByRole('button', { name: 'Copy profile' }).click();
  const refused = dialog.getByRole('alert');
  await expect(refused).toContainText(
    'Workspace “Bakery Live” already has an LOA profile with the Name “Bakery”: rename one of them',
  );
  await look(page, 'loa-copy-clash');

  await engine.must('workspaces.switch', { id: live.id });
  const there = await engine.must('loaProfiles.list', { limit: 5 });
  expect(there.items.map((p) => [p.label, p.info])).toEqual([['Bakery', RESELLER]]);
});
