import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { type CoverageRecord, missingCoverage, registeredRoutes } from '../support/ui-coverage';
import { coverageRegistryDir } from './support/screens';

/**
 * Runs after every other spec (playwright.config.ts: the `coverage` project depends on `e2e`): every
 * screen registered in app/router.tsx must have been axe-checked and screenshot in its empty,
 * populated and error states, light and dark, at 1280×800 and 900×600. The rule itself (and that a
 * missing route fails) is unit-tested in test/support/ui-coverage.test.ts.
 */
test('every registered route has axe checks and screenshots of all its states', () => {
  const routerFile = resolve(import.meta.dirname, '../../renderer/src/app/router.tsx');
  const routes = registeredRoutes(readFileSync(routerFile, 'utf8'), (spec) =>
    readFileSync(join(dirname(routerFile), `${spec}.tsx`), 'utf8'),
  );
  expect(routes.length).toBeGreaterThan(0);
  let files: string[] = [];
  try {
    files = readdirSync(coverageRegistryDir).filter((f) => f.endsWith('.jsonl'));
  } catch {
    // no registry at all: every requirement is reported missing below
  }
  const records = files.flatMap((f) =>
    readFileSync(join(coverageRegistryDir, f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as CoverageRecord),
  );
  expect(missingCoverage(routes, records)).toEqual([]);
});
