import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { generateMessyCsv, generateMessyXlsx } from '../../shared/domain/intake/testing/generator';
import { expect, test } from './fixtures';

/**
 * The intake worker in the BUILT bundle, under the real CSP of the browser shell: Vite emitted it as
 * a same-origin module worker, `worker-src 'self'` lets it start, papaparse and the Excel reader run
 * in it without DOMParser or blob: workers, and every row comes back as the generator intended.
 * (Until the intake screen exists, the page-side reader is its own entry of the build: see
 * electron.vite.config.ts.)
 */
const assets = resolve(import.meta.dirname, '../../out/renderer/assets');
const readerAsset = () => {
  const found = readdirSync(assets).find((f) => /^intake-reader-.*\.js$/.test(f));
  if (!found) throw new Error(`no intake-reader asset in ${assets}: run npx electron-vite build`);
  return `/assets/${found}`;
};

async function watchCsp(page: Page): Promise<{ csp: string[]; problems: string[] }> {
  const csp: string[] = [];
  const problems: string[] = [];
  await page.exposeBinding('__reportCsp', (_source, text: string) => csp.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __reportCsp(t: string): void }).__reportCsp(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return { csp, problems };
}

type PageResult = {
  rows: [number, string | null, string][];
  sheet: string | null;
  chunks: number;
  error?: string;
};

async function readInPage(page: Page, bytes: Uint8Array, name: string): Promise<PageResult> {
  return page.evaluate(
    async ({ url, data, fileName }) => {
      const { readIntakeFile } = await import(url);
      const file = new File([new Uint8Array(data)], fileName);
      const rows: [number, string | null, string][] = [];
      let chunks = 0;
      try {
        const { inspected } = await readIntakeFile(
          file,
          { action: 'import' },
          (chunk: { rows: { row: number; e164: string | null; status: string }[] }) => {
            chunks++;
            for (const r of chunk.rows) rows.push([r.row, r.e164, r.status]);
          },
        );
        return { rows, sheet: inspected.sheet, chunks };
      } catch (error) {
        return { rows, sheet: null, chunks, error: String((error as Error).message) };
      }
    },
    { url: readerAsset(), data: [...bytes], fileName: name },
  );
}

test('the intake worker reads CSV and XLSX in the built app under the CSP', async ({ page, desk }) => {
  const watch = await watchCsp(page);
  await page.goto(desk.url);
  await expect(page.getByTestId('workspace-badge')).toBeVisible();

  const csv = generateMessyCsv({ seed: 31, rows: 6_000, variant: 'quoted-newlines' });
  const fromCsv = await readInPage(page, csv.bytes, csv.name);
  expect(fromCsv.error).toBeUndefined();
  expect(fromCsv.chunks).toBeGreaterThan(1);
  expect(fromCsv.rows).toEqual(csv.expected.map((e) => [e.row, e.e164, e.status]));

  const xlsx = await generateMessyXlsx({ seed: 32, rows: 6_000 });
  const fromXlsx = await readInPage(page, xlsx.bytes, xlsx.name);
  expect(fromXlsx.error).toBeUndefined();
  expect(fromXlsx.sheet).toBe('Numbers');
  expect(fromXlsx.rows).toEqual(xlsx.expected.map((e) => [e.row, e.e164, e.status]));

  expect(watch.csp).toEqual([]);
  expect(watch.problems).toEqual([]);
});

test('a blob: worker is refused by the CSP (what papaparse would start)', async ({ page, desk }) => {
  const watch = await watchCsp(page);
  await page.goto(desk.url);
  await expect(page.getByTestId('workspace-badge')).toBeVisible();
  const started = await page.evaluate(
    () =>
      new Promise<string>((done) => {
        try {
          const url = URL.createObjectURL(new Blob(['postMessage(1)'], { type: 'text/javascript' }));
          const worker = new Worker(url);
          worker.onmessage = () => done('ran');
          worker.onerror = () => done('refused');
          setTimeout(() => done('refused'), 3000);
        } catch {
          done('refused');
        }
      }),
  );
  expect(started).toBe('refused');
  expect(watch.csp.some((v) => v.startsWith('worker-src'))).toBe(true);
});
