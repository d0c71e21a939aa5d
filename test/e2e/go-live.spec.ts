import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type RunningSimulator, startSimulator } from '../../electron/sandbox';
import { type Haystack, scan } from '../engine/secret-scan';
import { expect, freshLoginUrl, test } from './fixtures';
import { GoLiveWizard, SettingsScreen } from './pages/settings';
import { deskClient } from './support/desk-client';
import { coverScreenState } from './support/screens';

/**
 * Go live against a second simulator that plays "Live": its own project and key, its base and auth
 * URLs on a workspace marked as a test endpoint. Test connection passes with the right secret and
 * names the problem with a wrong one, a rate limit and an unreachable host; afterwards the secret is
 * in the keychain and in none of the data directory's files (databases, logs), the answers the
 * page received, or the page itself.
 */
const PROJECT = '5f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const KEY_ID = 'e2e-live-key';
const SECRET = 'e2e-live-secret-obviously-fake-7d3a';
const WRONG = 'e2e-wrong-secret-obviously-fake-1c9e';

let live: RunningSimulator;
test.beforeAll(async () => {
  live = await startSimulator({
    clock: 'manual',
    seed: 7,
    controlSecret: null,
    projects: [{ projectId: PROJECT, keyId: KEY_ID, keySecret: SECRET }],
  });
});
test.afterAll(async () => {
  await live?.close();
});

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

function filesUnder(dir: string): Haystack[] {
  const out: Haystack[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push({ name: path.slice(dir.length), content: readFileSync(path) });
  }
  return out;
}

test('go live: wizard, test connection (wrong key, rate limit, right key), defaults; unreachable host; no secret anywhere', async ({
  page,
  desk,
}) => {
  test.setTimeout(60_000);
  const received: Haystack[] = [];
  page.on('response', async (response) => {
    if (!response.url().includes('/rpc/')) return;
    try {
      received.push({ name: `answer ${response.url()}`, content: await response.body() });
    } catch {
      // a body the page navigated away from: nothing it could read either
    }
  });
  await page.goto(desk.url);
  const settings = new SettingsScreen(page);
  await settings.open();
  await settings.goLive.click();

  const wizard = new GoLiveWizard(page);
  await expect(wizard.currentStep).toContainText('Project and key');
  await wizard.name.fill('Acme Live');
  await wizard.projectId.fill(PROJECT);
  await wizard.keyId.fill(KEY_ID);
  await wizard.keySecret.fill(WRONG);
  await wizard.endpoints.click();
  await wizard.baseUrl.fill(live.baseUrl);
  await wizard.tokenUrl.fill(live.authUrl);
  await wizard.testEndpoint.check();
  await coverScreenState(page, '/settings', 'populated');
  await wizard.saveAndContinue.click();

  await expect(wizard.currentStep).toContainText('Test connection');
  await wizard.testConnection.click();
  await expect(wizard.result).toContainText('Wrong key');
  await expect(wizard.continue).toHaveCount(0);
  await coverScreenState(page, '/settings', 'error');

  await wizard.replaceSecret.fill(SECRET);
  await wizard.saveSecret.click();
  await expect(wizard.replaceSecret).toHaveValue('');
  // Retry-After: 1 — the engine pauses the project that long (real time) before it asks again
  live.control.setFaults({ rate429: 1, retryAfterSeconds: 1 });
  await wizard.testConnection.click();
  await expect(wizard.result).toContainText('Rate-limited');
  live.control.setFaults({});
  await wizard.testConnection.click();
  await expect(wizard.result).toContainText('Connected', { timeout: 10_000 });
  await wizard.continue.click();

  await expect(wizard.currentStep).toContainText('Defaults');
  await page.getByLabel('Region').selectOption('US');
  await page.getByLabel('Callback URL').fill('https://example.com/sinch/callbacks');
  await wizard.saveAndContinue.click();
  await expect(wizard.currentStep).toContainText('Done');
  await expect(page.getByRole('heading', { name: 'Acme Live is ready' })).toBeVisible();
  await page.getByRole('link', { name: 'Not now' }).click();

  // Changing the endpoints warns first, then the secret is gone and must be entered again.
  await settings.workspaces.getByRole('button', { name: 'Edit Acme Live' }).click();
  await page.getByLabel('Base URL').fill(`http://127.0.0.1:${await closedPort()}`);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const warning = page.getByRole('alertdialog', { name: 'Delete the stored key secret?' });
  await expect(warning).toBeVisible();
  await warning.getByRole('button', { name: 'Change endpoints and delete the secret' }).click();
  await expect(page.getByText('the stored key secret was deleted')).toBeVisible();
  await expect(page.getByText('Not stored')).toBeVisible();
  await page.getByRole('textbox', { name: 'Key secret', exact: true }).fill(SECRET);
  await page.getByRole('button', { name: 'Save secret' }).click();
  await expect(page.getByText('Stored in the keychain')).toBeVisible();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('connection-result')).toContainText('No network');

  // The keychain holds it; nothing else does.
  const engine = await deskClient(
    desk.origin,
    new URL(await freshLoginUrl(desk)).hash.slice('#token='.length),
  );
  const workspaces = await engine.must('workspaces.list', { kind: 'live' });
  const id = workspaces.items[0]?.id ?? '';
  expect((await engine.must('credentials.status', { workspaceId: id })).keySecret).toBe(true);
  const haystacks = [
    ...filesUnder(desk.dataDir),
    ...received,
    { name: 'the page', content: await page.content() },
    { name: 'the shell’s output', content: desk.stdout() },
  ];
  const needles = [SECRET, WRONG].flatMap((value, i) => [
    { name: `${i ? 'wrong' : 'right'} key secret`, value },
    {
      name: `base64(keyId:${i ? 'wrong' : 'right'})`,
      value: Buffer.from(`${KEY_ID}:${value}`).toString('base64'),
    },
  ]);
  expect(received.length).toBeGreaterThan(10);
  expect(scan(haystacks, needles)).toEqual([]);
});
