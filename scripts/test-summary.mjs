// Reads the runners' JSON reports and prints the one line CI reads:
//   tests: N passed, N failed, N skipped
// A missing report counts as a failure (a runner that crashed before reporting must not pass).
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

const steps = existsSync('reports/steps.jsonl')
  ? readFileSync('reports/steps.jsonl', 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
  : [];
for (const s of steps) s.ok ? passed++ : failed++;
const failedSteps = steps.filter((s) => !s.ok).map((s) => s.name);

const read = (file) => {
  if (!existsSync(file)) {
    console.error(`test-summary: missing report ${file} (counted as one failure)`);
    failed++;
    return null;
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`test-summary: unreadable report ${file}: ${e.message}`);
    failed++;
    return null;
  }
};

const v = read('reports/vitest.json');
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests + (v.numRuntimeErrors ?? 0);
  skipped += v.numPendingTests + v.numTodoTests;
  // a test file that failed to load has no tests in it but must still fail the run
  for (const f of v.testResults ?? [])
    if (f.status === 'failed' && (f.assertionResults ?? []).length === 0) failed++;
}
if (existsSync('out/renderer/index.html')) {
  const p = read('reports/playwright.json');
  if (p) {
    passed += p.stats.expected + p.stats.flaky;
    failed += p.stats.unexpected + (p.errors?.length ?? 0);
    skipped += p.stats.skipped;
  }
}

if (failedSteps.length) console.error(`test-summary: failed steps: ${failedSteps.join(', ')}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
