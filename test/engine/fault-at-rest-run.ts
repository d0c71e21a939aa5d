import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../electron/core/store/database';
import type { RunningSimulator } from '../../electron/sandbox';
import type { FaultChildMessage, FaultParentMessage } from './fault-child';
import { tempDataDir } from './fixture';
import { judgeRun } from './run-checks';
import { seedQualifiedNumbers, startHarnessSimulator } from './simulator';
import { workload } from './workload';

/**
 * The fault-at-rest run (issue 10, finding 2): the real engine in a forked child (fault-child.ts)
 * syncs `numbers` numbers against the simulator here; mid-sync the disk goes full (ENOSPC: the
 * store's SQLITE_FULL through `PRAGMA max_page_count`, the log's ENOSPC through its file-system
 * seam), comes back, then fails with EIO (store and log), comes back. Returns what the engine said
 * while the disk refused writes and the verdict judged from the simulator's create-request report
 * and the engine's database. `npm test` runs 50 numbers, `npm run bench` 300.
 */
const CHILD = fileURLToPath(new URL('./fault-child.ts', import.meta.url));

export type FaultAtRestResult = {
  lost: number;
  duplicates: number;
  exited: boolean;
  troubles: Array<{ code: string; app: string; sync: string }>;
  wallMs: number;
};

export async function faultAtRest(numbers: number): Promise<FaultAtRestResult> {
  const started = performance.now();
  const cleanups: Array<() => unknown> = [];
  try {
    return await run(numbers, started, cleanups);
  } finally {
    for (const c of cleanups.reverse()) await c();
  }
}

async function run(
  numbers: number,
  started: number,
  cleanups: Array<() => unknown>,
): Promise<FaultAtRestResult> {
  const work = workload(numbers, 70_000);
  const sim: RunningSimulator = await startHarnessSimulator({ seed: 17, clock: { fast: 150 } });
  cleanups.push(() => sim.close());
  await seedQualifiedNumbers(sim, work.toTextEnable);
  const data = tempDataDir('hd-fault-rest-');
  cleanups.push(() => data.cleanup());

  const child: ChildProcess = fork(CHILD, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      HD_DATA_DIR: data.dir,
      HD_NUMBERS: String(numbers),
      HD_SINCH: JSON.stringify({ baseUrl: sim.baseUrl, authUrl: sim.authUrl, ...sim.project }),
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  cleanups.push(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const inbox: FaultChildMessage[] = [];
  let notify: () => void = () => {};
  child.on('message', (m: FaultChildMessage) => {
    inbox.push(m);
    notify();
  });
  const next = async <T extends FaultChildMessage['type']>(
    type: T,
    timeoutMs = 60_000,
  ): Promise<Extract<FaultChildMessage, { type: T }>> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const failed = inbox.find((m) => m.type === 'failed');
      if (failed && failed.type === 'failed') throw new Error(`child failed: ${failed.error}`);
      const i = inbox.findIndex((m) => m.type === type);
      if (i >= 0) return inbox.splice(i, 1)[0] as Extract<FaultChildMessage, { type: T }>;
      if (exited) throw new Error(`the engine process exited:\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`no ${type} from the child in ${timeoutMs} ms:\n${stderr}`);
      await new Promise<void>((resolve) => {
        notify = resolve;
        setTimeout(resolve, 50);
      });
    }
  };
  const post = (m: FaultParentMessage) => child.send(m);
  const status = async () => {
    post({ type: 'status' });
    return next('status');
  };
  const until = async (what: string, ok: (s: Extract<FaultChildMessage, { type: 'status' }>) => boolean) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const s = await status();
      if (ok(s)) return s;
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for ${what}: ${JSON.stringify(s.sync)}; jobs ${JSON.stringify(s.counts)}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const { jobCount } = await next('ready');
  const troubles: FaultAtRestResult['troubles'] = [];
  for (const code of ['ENOSPC', 'EIO'] as const) {
    // mid-sync: orders sent and still followed (waiting on Sinch). Not "n jobs done": the 6 jobs of
    // 50 numbers finish together, so by the time any is done the sync is over and nothing is written.
    await until('progress', (s) => (s.counts.waiting_remote ?? 0) > 0);
    post({ type: 'fault', code });
    const during = await until(
      `the ${code} pause`,
      (s) => s.sync.status === 'storage-full' && !!s.app.storage?.trouble,
    );
    troubles.push({ code, app: during.app.storage?.trouble ?? '', sync: during.sync.detail });
    post({ type: 'heal' });
    await until(`recovery from ${code}`, (s) => s.sync.status !== 'storage-full');
  }
  await until('every job done', (s) => (s.counts.done ?? 0) === jobCount);
  post({ type: 'finish' });
  const { file, key } = await next('finished');
  const db = openDatabase({ file, key });
  const verdict = judgeRun(db, sim, work);
  db.close();
  return {
    lost: verdict.lost,
    duplicates: verdict.duplicateCreates,
    exited: exited && child.exitCode !== 0 && child.exitCode !== null,
    troubles,
    wallMs: Math.round(performance.now() - started),
  };
}
