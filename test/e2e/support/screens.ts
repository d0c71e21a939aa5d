import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { INTERNAL_ERROR_MESSAGE } from '../../../shared/contract';
import {
  type CoverageRecord,
  SIZES,
  type ScreenState,
  screenshotName,
  THEMES,
  type Theme,
} from '../../support/ui-coverage';

/**
 * The screen helpers every spec uses (UI.md, "How screens are tested"). Each helper also writes what
 * it did to the coverage registry (test-results/ui-coverage/, emptied by Playwright at the start of
 * every run), which route-coverage.spec.ts checks against the routes registered in app/router.tsx.
 */
const outputDir = join(import.meta.dirname, '../../../test-results');
const registryDir = join(outputDir, 'ui-coverage');
const screensDir = join(outputDir, 'screens');
const registryFile = join(registryDir, `${process.pid}-${randomUUID()}.jsonl`);

function record(entry: CoverageRecord): void {
  mkdirSync(registryDir, { recursive: true });
  appendFileSync(registryFile, `${JSON.stringify(entry)}\n`);
}

/** axe on what the page shows now: any serious or critical violation fails the test, listed. */
export async function expectNoA11yViolations(page: Page, context: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(bad, `axe: ${context}`).toEqual([]);
}

/** `test-results/screens/<route>-<state>-<theme>-<size>.png` of what the page shows now. */
export async function screenshot(
  page: Page,
  route: string,
  state: ScreenState,
  theme: Theme,
  size: (typeof SIZES)[number],
): Promise<string> {
  await page.emulateMedia({ colorScheme: theme });
  await page.setViewportSize({ width: size.width, height: size.height });
  const file = join(screensDir, screenshotName(route, state, theme, size.name));
  await page.screenshot({ path: file });
  record({ kind: 'screenshot', route, state, theme, size: size.name, file });
  return file;
}

/**
 * One screen state, fully covered: in light and dark, an axe check and a screenshot at both sizes.
 * The page must already show the state (the spec asserts it first).
 */
export async function coverScreenState(page: Page, route: string, state: ScreenState): Promise<void> {
  const viewport = page.viewportSize();
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await expectNoA11yViolations(page, `${route} ${state} ${theme}`);
    record({ kind: 'axe', route, state, theme });
    for (const size of SIZES) await screenshot(page, route, state, theme, size);
  }
  await page.emulateMedia({ colorScheme: null });
  if (viewport) await page.setViewportSize(viewport);
}

/** Records written so far by every worker (read by the final check). */
export const coverageRegistryDir = registryDir;

/**
 * The engine refuses `channel` from now on for this page (an unexpected failure, as the engine words
 * it): how a spec reaches a screen's error state without breaking the engine.
 */
export async function refuseChannel(page: Page, channel: string): Promise<void> {
  await page.route(`**/rpc/${channel}`, (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        ok: false,
        error: {
          code: 'INTERNAL',
          message: INTERNAL_ERROR_MESSAGE,
          details: { channel },
        },
      }),
    }),
  );
}
