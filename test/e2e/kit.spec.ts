import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { expect, test } from './fixtures';
import { expectNoA11yViolations } from './support/screens';

/**
 * The ui/ kit (test/e2e/kit) built with Vite and served with the production CSP: every component
 * works by keyboard and nothing is refused by the CSP (React Aria must not inject <style>).
 */
let server: Server;
let origin = '';
let outDir = '';

test.beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'hd-kit-'));
  await build({
    root: resolve(import.meta.dirname, 'kit'),
    base: './',
    plugins: [react()],
    // the app's public files (react-aria-pressable.css, favicon) exactly as the renderer ships them
    publicDir: resolve(import.meta.dirname, '../../renderer/public'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
  };
  server = createServer((req, res) => {
    const path = normalize((req.url ?? '/').split('?')[0] ?? '/').replace(/^\/+/, '') || 'index.html';
    try {
      const body = readFileSync(join(outDir, path));
      res.writeHead(200, {
        'Content-Type': types[extname(path)] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

test.afterAll(async () => {
  await new Promise((done) => server?.close(done));
  rmSync(outDir, { recursive: true, force: true });
});

test('the kit works by keyboard under the production CSP', async ({ page }) => {
  test.setTimeout(60_000);
  const refused: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
  });
  page.on('pageerror', (e) => refused.push(e.message));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP refused ${e.violatedDirective} from ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${origin}/index.html`);

  const grid = page.getByRole('grid', { name: 'Numbers' });
  await expect(grid).toHaveAttribute('aria-rowcount', '60001');
  const firstRow = grid.getByRole('row').nth(1);
  await expect(firstRow).toContainText('+120255500000');

  // Keyboard: focus the first row, End jumps to row 60,000 (one block asked, not 300), Space selects.
  await firstRow.focus();
  await page.keyboard.press('End');
  const last = grid.getByRole('row', { name: /\+120255559999/ });
  await expect(last).toBeFocused();
  const asked = await page.evaluate(() => (window as unknown as { blockRequests: number[] }).blockRequests);
  expect(asked.length).toBeLessThanOrEqual(4);
  expect(asked).toContain(59_800);
  await page.keyboard.press('Space');
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('selection')).toHaveText('{"ids":[59999]}');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('opened')).toHaveText('Opened: +120255559998');
  await page.keyboard.press('Home');
  await expect(firstRow).toBeFocused();

  // Select all 60,000 matching, then untick one: the engine gets the filter and one exclusion.
  await page.getByRole('button', { name: 'Select all 60,000 matching' }).click();
  await expect(page.getByText('60,000 of 60,000 numbers selected')).toBeVisible();
  await firstRow.focus();
  await page.keyboard.press('Space');
  await expect(page.getByText('59,999 of 60,000 numbers selected')).toBeVisible();
  await expect(page.getByTestId('selection')).toHaveText(
    '{"allMatching":{"filterKey":"state=any","except":[0]}}',
  );
  await page.screenshot({ path: 'test-results/screens/kit-table-light-1280x800.png' });

  // Dialog: opens with focus inside, Escape closes and returns focus to the opener.
  const opener = page.getByRole('button', { name: 'Open dialog' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Cancel 3 jobs?' });
  await expect(dialog).toBeVisible();
  await expectNoA11yViolations(page, 'kit dialog');
  await page.screenshot({ path: 'test-results/screens/kit-dialog-light-1280x800.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();

  // Menu: arrows + Enter pick an action.
  await page.getByRole('button', { name: 'Actions' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('action')).toHaveText('Action: cancel');

  // ComboBox: type to filter, pick with Enter.
  const combo = page.getByRole('combobox', { name: 'Carrier' });
  await combo.fill('Bet');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(combo).toHaveValue('Beta Wireless');

  // Form: the zod resolver first (client side), then the engine's VALIDATION error on the field.
  const form = page.getByRole('form', { name: 'Signer' });
  const email = form.getByRole('textbox', { name: 'E-mail' });
  await form.getByRole('button', { name: 'Save signer' }).click();
  await expect(form.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('Enter the signer’s name.')).toBeVisible();
  await form.getByRole('textbox', { name: 'Name' }).fill('Dana Signer');
  await email.fill('dana@example.com');
  await form.getByRole('button', { name: 'Save signer' }).click();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription(/bounced last time; use another address/);
  await expect(email).toBeFocused();
  await expect(form.getByRole('alert')).toHaveText('Add the signer’s job title.');

  // Tabs by arrow key; the date-time field shows its zone.
  await page.getByRole('tab', { name: 'Details' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tabpanel')).toHaveText('History panel');
  await expect(page.getByRole('group', { name: 'Port date' })).toContainText(/E[SD]T|GMT-5|GMT-4/);

  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expectNoA11yViolations(page, `kit ${theme}`);
    for (const [w, h] of [
      [1280, 800],
      [900, 600],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: `test-results/screens/kit-all-${theme}-${w}x${h}.png`, fullPage: true });
    }
  }
  expect(refused).toEqual([]);
});

test('an empty list says what to do instead of showing an empty grid', async ({ page }) => {
  await page.goto(`${origin}/index.html?total=0`);
  await expect(page.getByText('No numbers')).toBeVisible();
  await expect(page.getByText('Bring a list of numbers to start.')).toBeVisible();
  await expect(page.getByRole('grid')).toHaveCount(0);
});
