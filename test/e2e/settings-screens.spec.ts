import { expect, test } from './fixtures';
import { SettingsScreen } from './pages/settings';
import { coverScreenState, refuseChannel } from './support/screens';

/**
 * Settings' states for the route-coverage rule: only the Sandbox (empty), a Live workspace open in
 * the editor (populated), and the engine refusing workspaces.list (error). The go-live path itself
 * is go-live.spec.ts.
 */
test('settings: only the Sandbox (empty)', async ({ app }) => {
  const settings = new SettingsScreen(app.page);
  await settings.open();
  await expect(settings.heading).toBeVisible();
  await expect(settings.row('Sandbox')).toContainText('Open');
  await expect(settings.noLiveHint).toBeVisible();
  await expect(settings.goLive).toBeVisible();
  await expect(app.page.getByRole('heading', { name: 'OS keychain' })).toBeVisible();
  await expect(settings.licences).toBeVisible();
  await coverScreenState(app.page, '/settings', 'empty');
});

test('settings: a Live workspace in the editor (populated)', async ({ app }) => {
  const { page, desk } = app;
  const live = await desk.engine.must('workspaces.create', {
    name: 'Acme production',
    projectId: '00000000-0000-4000-8000-00000000a0a0',
    keyId: 'fake-key-id',
    defaults: { regionCode: 'US' },
  });
  try {
    const settings = new SettingsScreen(page);
    await settings.open();
    await settings.workspaces.getByRole('button', { name: 'Edit Acme production' }).click();
    await expect(page.getByRole('heading', { name: 'Edit Acme production' })).toBeVisible();
    await expect(page.getByLabel('Project ID')).toHaveValue('00000000-0000-4000-8000-00000000a0a0');
    await expect(page.getByText('Not stored')).toBeVisible();
    // the contract's own rule shows on the field, in words
    await page.getByLabel('Project ID').fill('not-a-uuid');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('A project ID is a UUID.')).toBeVisible();
    await page.getByLabel('Project ID').fill('00000000-0000-4000-8000-00000000a0a0');
    await coverScreenState(page, '/settings', 'populated');
  } finally {
    await desk.engine.must('workspaces.delete', { id: live.id });
  }
});

test('settings: the engine refuses workspaces.list (error)', async ({ app }) => {
  const { page } = app;
  await refuseChannel(page, 'workspaces.list');
  // answers already cached by the page are forgotten: the list is asked again, and refused
  await page.reload();
  const settings = new SettingsScreen(page);
  await settings.open();
  await expect(settings.loadError).toBeVisible();
  await expect(settings.loadError.getByRole('button', { name: 'Try again' })).toBeVisible();
  await coverScreenState(page, '/settings', 'error');
});
