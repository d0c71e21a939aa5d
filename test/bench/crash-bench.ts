import { runCrashScenario } from '../engine/crash-run';
import type { BenchReport } from './report';

/**
 * The crash run at bench size (2,000 numbers, 20 SIGKILLs of the engine process; the in-test
 * version is 300/8): `crash_kills`, `crash_lost` (jobs not done + numbers not final; target 0),
 * `crash_duplicate_creates` (create requests beyond the one per number that no reconciliation
 * justifies, from the simulator's report; target 0).
 */
export async function benchCrash(report: BenchReport, numbers: number, kills: number): Promise<void> {
  const result = await runCrashScenario({
    numbers,
    kills,
    seed: 2026,
    offset: 300_000,
    log: (line) => process.stderr.write(`  crash: ${line}\n`),
    maxTimeSteps: 20_000,
  });
  const inWindow = result.kills.intent + result.kills.response;
  const v = result.verdict;
  if (v.lost > 0 || v.duplicateCreates > 0 || v.neverSent.length > 0)
    process.stderr.write(
      `  crash: NOT CLEAN — job states ${JSON.stringify(result.jobStates)}; jobs not done ${JSON.stringify(v.notDoneJobs.slice(0, 10))}; ` +
        `numbers not final ${JSON.stringify(v.unfinishedNumbers.slice(0, 10))} (${v.unfinishedNumbers.length}); ` +
        `never sent ${JSON.stringify(v.neverSent.slice(0, 10))} (${v.neverSent.length}); duplicates ${JSON.stringify(v.duplicates.slice(0, 5))}\n`,
    );
  report.record('crash_kills', result.totalKills, 'kills', {
    note: `${inWindow} between intent and response (${result.kills.intent} at intent, ${result.kills.response} at response), ${result.kills.random} random; ${numbers} numbers, ${Math.round(result.wallMs / 1000)} s`,
  });
  report.record('crash_lost', result.verdict.lost, 'jobs+numbers', { target: '0' });
  report.record('crash_duplicate_creates', result.verdict.duplicateCreates, 'requests', {
    target: '0',
    note: `${result.verdict.sentOnce} numbers sent once, ${result.verdict.resentAfterReconciliation} re-sent after a reconciliation read`,
  });
  if (inWindow * 4 < result.totalKills)
    throw new Error('fewer than a quarter of the kills were between intent and response');
}
