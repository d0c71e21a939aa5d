/**
 * `npm run bench`: the performance budgets (not part of `npm test`). Prints one table; with
 * `BENCH_JSON=<file>` also merges the same figures into that file's JSON object (report.ts), so the
 * benchmarks of later issues add their keys beside these.
 *
 * `BENCH_ONLY=enqueue,sync,naive,crash` runs a subset (development); `BENCH_SYNC_NUMBERS` changes
 * the sync/naive size (default 2,000); `BENCH_CRASH_NUMBERS` / `BENCH_CRASH_KILLS` the crash run's
 * (default 2,000 numbers, 20 kills).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEnqueue } from './enqueue';
import { benchNaive } from './naive-bench';
import { BenchReport, mergeBenchJson } from './report';

const only = new Set((process.env.BENCH_ONLY ?? 'enqueue,sync,naive,crash').split(',').map((s) => s.trim()));
const syncNumbers = Number(process.env.BENCH_SYNC_NUMBERS ?? 2000);

async function main(): Promise<number> {
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
    await section('naive', () => benchNaive(report, syncNumbers));
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
