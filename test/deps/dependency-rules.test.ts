import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * Every dependency rule of DESIGN.md must be able to fail: for each rule in the real config there is
 * a fixture tree (test/deps/fixtures/<rule>/) holding one forbidden import, and the real check run
 * on it must exit non-zero and name that rule. A clean fixture proves the rules don't fire on
 * allowed imports.
 */
const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const config = join(repo, '.dependency-cruiser.cjs');
const fixtures = join(repo, 'test/deps/fixtures');
const depcruise = join(repo, 'node_modules/.bin/depcruise');
const rules: { name: string }[] = createRequire(import.meta.url)(config).forbidden;

async function check(dir: string): Promise<{ code: number; output: string }> {
  const roots = ['electron', 'renderer', 'shared'].filter((r) => existsSync(join(dir, r)));
  try {
    const { stdout, stderr } = await run(depcruise, ['--config', config, '--output-type', 'err', ...roots], {
      cwd: dir,
    });
    return { code: 0, output: stdout + stderr };
  } catch (e) {
    const failure = e as { code: number; stdout: string; stderr: string };
    return { code: failure.code, output: failure.stdout + failure.stderr };
  }
}

describe('dependency rules', () => {
  it('has a fixture for every rule, and no fixture without a rule', () => {
    const dirs = readdirSync(fixtures).filter((d) => d !== 'clean');
    expect(dirs.sort()).toEqual(rules.map((r) => r.name).sort());
  });

  // Sequential on purpose: each run is a whole depcruise process (~1.5 s); ten at once starve a 2-core box.
  it.each(rules.map((r) => r.name))(
    'a forbidden import makes the check fail and name "%s"',
    { timeout: 60_000 },
    async (rule) => {
      const { code, output } = await check(join(fixtures, rule));
      expect(code).not.toBe(0);
      expect(output).toMatch(new RegExp(`error ${rule}\\b`));
      // exactly this rule and no other fires, so each fixture proves its own rule
      const fired = new Set([...output.matchAll(/error ([a-z-]+)/g)].map((m) => m[1]));
      expect([...fired]).toEqual([rule]);
    },
  );

  it('allowed imports pass (shared → zod, shared/domain/intake → papaparse + read-excel-file, renderer → shared, engine → node + shared)', {
    timeout: 60_000,
  }, async () => {
    const { code, output } = await check(join(fixtures, 'clean'));
    expect(output).not.toMatch(/error /);
    expect(code).toBe(0);
  });
});
