/**
 * `npm run bench`: the performance budgets (not part of `npm test`). Prints one table; with
 * `BENCH_JSON=<file>` also merges the same figures into that file's JSON object (report.ts), so the
 * benchmarks of later issues add their keys beside these.
 *
 * `BENCH_ONLY=enqueue,intake,draft,sync,naive,crash,fault-rest,ui` runs a subset (development); `BENCH_SYNC_NUMBERS` changes
 * the sync/naive size (default 2,000); `BENCH_CRASH_NUMBERS` / `BENCH_CRASH_KILLS` the crash run's
 * (default 2,000 numbers, 20 kills); `BENCH_FAULT_NUMBERS` the fault-at-rest run's (default 300);
 * `BENCH_UI_ROWS` the Chromium screens' size (default 100,000), `BENCH_UI_BUILD=0` skips their build.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OsSecretStore } from '../../electron/core/secrets/os-secret-store';
import { benchCrash } from './crash-bench';
import { benchEnqueue } from './enqueue';
import { benchFaultAtRest } from './fault-bench';
import { benchDraft } from './draft';
import { benchIntake } from './intake';
import { benchNaive } from './naive-bench';
import { BenchReport, mergeBenchJson } from './report';
import { benchSync } from './sync-bench';
import { benchUi } from './ui';

const only = new Set(
  (process.env.BENCH_ONLY ?? 'enqueue,intake,draft,sync,naive,crash,fault-rest,ui')
    .split(',')
    .map((s) => s.trim()),
);
const syncNumbers = Number(process.env.BENCH_SYNC_NUMBERS ?? 2000);
const crashNumbers = Number(process.env.BENCH_CRASH_NUMBERS ?? 2000);
const crashKills = Number(process.env.BENCH_CRASH_KILLS ?? 20);

/**
 * The crash run needs a real keychain, and the Chromium screens run on an encrypted database as a user's
 * desk does. Like scripts/test-all.sh, run inside a private D-Bus session with a throwaway, unlocked
 * gnome-keyring when none answers (never the developer's own keyring).
 */
async function wrapInKeyringSession(): Promise<number | null> {
  if (!(only.has('crash') || only.has('ui')) || process.env.HOSTING_DESK_TEST_SESSION) return null;
  if ((await new OsSecretStore('hosting-desk-bench-probe').probe()).available) return null;
  const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
  if (!has('dbus-run-session') || !has('gnome-keyring-daemon')) return null;
  const keyring = mkdtempSync(join(tmpdir(), 'hd-bench-keyring-'));
  const inner = `echo -n throwaway-bench-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$0" "$@"`;
  const run = spawnSync(
    'dbus-run-session',
    ['--', 'sh', '-c', inner, process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
      env: { ...process.env, HOSTING_DESK_TEST_SESSION: '1', XDG_DATA_HOME: keyring },
    },
  );
  rmSync(keyring, { recursive: true, force: true });
  return run.status ?? 1;
}

async function main(): Promise<number> {
  const wrapped = await wrapInKeyringSession();
  if (wrapped !== null) return wrapped;
  const report = new BenchReport();
  const dir = mkdtempSync(join(tmpdir(), 'hd-bench-'));
  let failed = false;
  const section = async (name: string, run: () => Promise<void> | void) => {
    if (!only.has(name)) return;
    const started = performance.now();
    process.stderr.write(`bench: ${name}…\n`);
    try {
      await run();
      process.stderr.write(`bench: ${name} done in ${Math.round(performance.now() - started)} ms\n`);
    } catch (error) {
      failed = true;
      process.stderr.write(
        `bench: ${name} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
  };
  try {
    await section('enqueue', () => benchEnqueue(report, dir));
    await section('intake', () => benchIntake(report));
    await section('draft', () => benchDraft(report, dir));
    await section('sync', () => benchSync(report, syncNumbers));
    await section('naive', () => benchNaive(report, syncNumbers));
    await section('crash', () => benchCrash(report, crashNumbers, crashKills));
    await section('fault-rest', () =>
      benchFaultAtRest(report, Number(process.env.BENCH_FAULT_NUMBERS ?? 300)),
    );
    await section('ui', () => benchUi(report));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${report.table()}\n`);
  const file = process.env.BENCH_JSON;
  if (file) {
    mergeBenchJson(file, report.asObject());
    process.stdout.write(`bench: figures merged into ${file}\n`);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
