import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planBatch } from '../../../shared/domain/planner';
import {
  generateMessyCsv,
  generateMessyXlsx,
  INTAKE_E2E_FILES,
} from '../../../shared/domain/intake/testing/generator';
import { commitPlan } from '../queue/commit-plan';
import { MemorySecretStore } from '../secrets/memory-secret-store';
import { acquireDataDirLock } from '../store/lock';
import { tempDir } from '../store/test-support';
import { openWorkspaceStore } from '../store/workspace-store';
import { databaseFile, loadRegistry, saveRegistry, secretName } from '../workspaces/registry';
import { type CheckListJson, runCheckList } from './check-list';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function run(argv: string[], secrets = new MemorySecretStore()) {
  let out = '';
  let err = '';
  const code = await runCheckList(argv, {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    secretStore: () => secrets,
  });
  return { code, out, err };
}

function fileOf(name: string, content: string | Uint8Array): string {
  const { dir, cleanup } = tempDir('hd-check-');
  cleanups.push(cleanup);
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('check-list', () => {
  it('exit 0 and the counts for a clean list', async () => {
    const path = fileOf('clean.csv', 'Phone\n+12025550134\n(202) 555-0135\n');
    const { code, out } = await run([path]);
    expect(code).toBe(0);
    expect(out).toMatch(/valid\s+1/);
    expect(out).toMatch(/fixed\s+1/);
    expect(out).toMatch(/error\s+0/);
  });

  it('--json: every row of a messy file as the generator intended, exit 1', async () => {
    const file = generateMessyCsv({ seed: 40, rows: 460, variant: 'title-rows' });
    const { code, out } = await run([fileOf(file.name, file.bytes), '--json']);
    expect(code).toBe(1);
    const json = JSON.parse(out) as CheckListJson;
    expect(Object.keys(json)).toEqual(['counts', 'rows']);
    expect(json.counts).toEqual(file.counts);
    expect(json.rows.map((r) => [r.row, r.original, r.e164, r.status])).toEqual(
      file.expected.map((e) => [e.row, e.cell, e.e164, e.status]),
    );
    for (const row of json.rows) {
      expect(Object.keys(row)).toEqual(['row', 'original', 'e164', 'region', 'tollFree', 'status', 'reason']);
      expect(['valid', 'fixed', 'error', 'duplicate']).toContain(row.status);
    }
  });

  it('reads an .xlsx, a sheet by name, a column by header or letter', async () => {
    const file = await generateMessyXlsx({ seed: 41, rows: 100 });
    const path = fileOf(file.name, file.bytes);
    const json = JSON.parse(
      (await run([path, '--json', '--sheet', 'Numbers', '--column', 'phone number'])).out,
    );
    expect(json.counts).toEqual(file.counts);
    const byLetter = JSON.parse((await run([path, '--json', '--column', 'D'])).out);
    expect(byLetter.counts).toEqual(file.counts);
    const wrong = await run([path, '--sheet', 'Nope']);
    expect(wrong).toMatchObject({
      code: 2,
      err: expect.stringMatching(/no sheet named "Nope".*Numbers, Notes/),
    });
  });

  it('exit 2 with a clear message for what cannot be read', async () => {
    expect(await run([])).toMatchObject({ code: 2, err: expect.stringMatching(/Usage/) });
    expect(await run([fileOf('x.csv', ''), '--json'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/empty/),
    });
    expect(await run(['/nonexistent/list.csv'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/ENOENT/),
    });
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(await run([fileOf('old.xls', xls)])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/Save As/),
    });
    expect(await run([fileOf('names.csv', 'Name\nAna\nLee\n')])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/No column .* phone numbers.*--column/),
    });
    expect(await run([fileOf('p.csv', 'Phone\n2025550134\n'), '--column', 'Nope'])).toMatchObject({
      code: 2,
    });
    expect(await run([fileOf('p.csv', 'Phone\n2025550134\n'), '--workspace', 'Sandbox'])).toMatchObject({
      code: 2,
    });
  });

  it('--data-dir/--workspace: numbers the workspace holds are duplicates, read without the lock', async () => {
    const { dir: dataDir, cleanup } = tempDir('hd-check-data-');
    cleanups.push(cleanup);
    const secrets = new MemorySecretStore();
    const registry = loadRegistry(dataDir, new Date());
    saveRegistry(dataDir, registry);
    mkdirSync(join(dataDir, 'workspaces', 'sandbox'), { recursive: true });
    const store = await openWorkspaceStore({
      file: databaseFile(dataDir, 'sandbox'),
      kind: 'sandbox',
      label: 'Sandbox',
      keyName: secretName('sandbox', 'db-key'),
      secretStore: secrets,
      keychainAvailable: true,
    });
    const plan = planBatch(
      [
        { phoneNumber: '+12025550134', action: 'import', servicePlanId: 'sp' },
        {
          phoneNumber: '+12025550136',
          action: 'text-enable',
          servicePlanId: 'sp',
          qualified: true,
          loaType: 'blanket',
          loaProfileId: 'p1',
        },
      ],
      { intentId: 'earlier' },
    );
    commitPlan(store.db, plan, { queue: 'sandbox', label: 'earlier', now: Date.now() });
    // the engine is "running": it holds the data-dir lock and its connection
    const lock = acquireDataDirLock(dataDir);
    try {
      const path = fileOf('list.csv', 'Phone\n202-555-0134\n202-555-0135\n202-555-0136\n');
      const imports = await run([path, '--json', '--data-dir', dataDir, '--workspace', 'sandbox'], secrets);
      expect(imports.code).toBe(1);
      const rows = (JSON.parse(imports.out) as CheckListJson).rows;
      expect(rows.map((r) => [r.e164, r.status, r.reason])).toEqual([
        ['+12025550134', 'duplicate', 'Already queued for import in this workspace.'],
        ['+12025550135', 'fixed', null],
        ['+12025550136', 'fixed', null],
      ]);
      const textEnable = await run(
        [path, '--json', '--action', 'text-enable', '--data-dir', dataDir, '--workspace', 'Sandbox'],
        secrets,
      );
      expect((JSON.parse(textEnable.out) as CheckListJson).rows.map((r) => r.status)).toEqual([
        'fixed',
        'fixed',
        'duplicate',
      ]);
      const noKey = await run(
        [path, '--data-dir', dataDir, '--workspace', 'Sandbox'],
        new MemorySecretStore(),
      );
      expect(noKey).toMatchObject({ code: 2, err: expect.stringMatching(/key .* not in the OS keychain/) });
      expect(await run([path, '--data-dir', dataDir, '--workspace', 'Elsewhere'], secrets)).toMatchObject({
        code: 2,
        err: expect.stringMatching(/no workspace "Elsewhere".*Sandbox/),
      });
    } finally {
      lock.release();
      store.db.close();
    }
  });

  it('the e2e’s own files through `npm run check-list -- FILE --json`: every row as the generator intended', {
    timeout: 60_000,
  }, async () => {
    // the intake e2e compares the same two files row by row in the app (test/e2e/intake.spec.ts)
    const csv = generateMessyCsv(INTAKE_E2E_FILES.csv);
    const xlsx = await generateMessyXlsx(INTAKE_E2E_FILES.xlsx);
    const cli = async (file: string) => {
      const run = promisify(execFile)('npm', ['run', '--silent', 'check-list', '--', file, '--json'], {
        cwd: resolve(import.meta.dirname, '../../..'),
        maxBuffer: 64 * 1024 * 1024,
      });
      // exit 1: the list has errors or duplicates — as a messy file should; the JSON is on stdout
      const { stdout } = await run.catch((e: { code?: number; stdout?: string }) => {
        if (e.code === 1 && e.stdout) return { stdout: e.stdout };
        throw e;
      });
      return JSON.parse(stdout) as CheckListJson;
    };
    const [fromCsv, fromXlsx] = await Promise.all([
      cli(fileOf(csv.name, csv.bytes)),
      cli(fileOf('numbers.xlsx', xlsx.bytes)),
    ]);
    for (const [json, file] of [
      [fromCsv, csv],
      [fromXlsx, xlsx],
    ] as const) {
      expect(json.rows.map((r) => [r.row, r.e164, r.status])).toEqual(
        file.expected.map((e) => [e.row, e.e164, e.status]),
      );
      expect(json.counts).toEqual(file.counts);
    }
    expect(fromCsv.rows).toHaveLength(5_000);
  });

  it('npm run check-list is wired to it (exit codes through a real process)', { timeout: 60_000 }, () => {
    const root = resolve(import.meta.dirname, '../../..');
    const clean = fileOf('clean.csv', 'Phone\n+12025550134\n');
    const messy = fileOf('messy.csv', 'Phone\n+12025550134\n+12025550134\n');
    const cli = (file: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-list.ts', file, '--json'], {
        cwd: root,
        encoding: 'utf8',
      });
    expect(cli(clean).status).toBe(0);
    const second = cli(messy);
    expect(second.status).toBe(1);
    expect(JSON.parse(second.stdout).counts).toEqual({ valid: 1, fixed: 0, error: 0, duplicate: 1 });
    expect(cli(fileOf('e.csv', '')).status).toBe(2);
  });
});
