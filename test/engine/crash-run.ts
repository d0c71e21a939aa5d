import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OsSecretStore } from '../../electron/core/secrets/os-secret-store';
import type { ChildMessage, ParentMessage } from './crash-child';
import { manualClock } from '../../electron/core/sync/clock';
import { harnessWorkspace, openEngineUnderTest, openHarnessWorkspace } from './engine-under-test';
import { commitWorkload, tempDataDir } from './fixture';
import { jobStates, judgeRun, type RunVerdict } from './run-checks';
import { seedQualifiedNumbers, startHarnessSimulator } from './simulator';
import { seededRandom, workload } from './workload';

/**
 * The crash harness (issue 4 acceptance). The simulator lives here, in the parent, so it survives
 * every kill; the engine is a child process (crash-child.ts) with its database key in the real
 * keychain. Kill moments are chosen with a seeded PRNG, of three kinds:
 * - `intent`: at the child's afterIntentRecorded hook — the intent is committed, the request not sent;
 * - `response`: at afterResponseReceived — the request landed, its answer is not stored;
 * - `random`: on a job-change notice, while the child keeps running (wherever it is when the signal
 *   lands).
 * The first two are "between intent recorded and response stored"; at least a quarter of the kills
 * are of those kinds by construction, and the counts are returned so the caller asserts it.
 * Time: one simulated timeline; whenever the child reports idle the parent moves the simulator and
 * the child's clock to the next due job. No sleeps.
 */
export type KillKind = 'intent' | 'response' | 'random';

export type CrashRunResult = {
  kills: Record<KillKind, number>;
  totalKills: number;
  starts: number;
  verdict: RunVerdict;
  jobStates: Record<string, number>;
  wallMs: number;
  timeSteps: number;
};

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The child's entry. Starting it with `--import tsx` costs seconds per restart (transpiling the
 * engine every time), so it is bundled once per run with esbuild (already installed for tsx and
 * vite) into node_modules/.cache, where the native modules still resolve; tsx is the fallback.
 */
async function childEntry(): Promise<{ file: string; execArgv: string[]; cleanup(): void }> {
  const viaTsx = { file: CHILD, execArgv: ['--import', 'tsx'], cleanup() {} };
  try {
    const { build } = await import('esbuild');
    const file = join(
      REPO,
      'node_modules',
      '.cache',
      'hosting-desk-harness',
      `crash-child-${process.pid}-${randomBytes(3).toString('hex')}.mjs`,
    );
    await build({
      entryPoints: [CHILD],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: file,
      external: ['better-sqlite3-multiple-ciphers', '@napi-rs/keyring'],
      banner: {
        js: "import { createRequire as __hdRequire } from 'node:module'; const require = __hdRequire(import.meta.url);",
      },
      logLevel: 'silent',
    });
    return { file, execArgv: [], cleanup: () => rmSync(file, { force: true }) };
  } catch {
    return viaTsx;
  }
}
const HOOK_KIND: Record<string, KillKind> = {
  afterIntentRecorded: 'intent',
  afterResponseReceived: 'response',
};

/**
 * The kill plan: kinds first (≥ ¼ in the window by construction), then how many matching moments each
 * kill lets pass. `sends` (the plan's calls) spreads the in-window kills over the whole send phase, so
 * they hit different jobs — always killing the first send after a restart would hit the same job
 * every time. `randomSpread`: job-change notices a `random` kill may let pass (polls and follow-ups).
 */
export function planKills(
  count: number,
  seed: number,
  options: { sends?: number; randomSpread?: number } = {},
): Array<{ kind: KillKind; skip: number }> {
  const random = seededRandom(seed);
  const inWindowNeeded = Math.ceil(count / 4);
  const kinds: KillKind[] = [];
  for (let i = 0; i < count; i++) {
    const inWindow = kinds.filter((k) => k !== 'random').length;
    const x = random();
    let kind: KillKind = x < 0.3 ? 'intent' : x < 0.6 ? 'response' : 'random';
    // Keep the quota: once the remaining kills are all needed in the window, choose from it.
    if (inWindowNeeded - inWindow >= count - i && kind === 'random')
      kind = random() < 0.5 ? 'intent' : 'response';
    kinds.push(kind);
  }
  const inWindow = kinds.filter((k) => k !== 'random').length;
  // Each in-window kill uses skip + 1 send notices; at most `sends` of them exist (plus re-sends).
  const sendSpread = Math.max(3, Math.floor((options.sends ?? 0) / Math.max(1, inWindow)));
  const randomSpread = options.randomSpread ?? 12;
  const plan = kinds.map((kind) => ({
    kind,
    skip: Math.floor(random() * (kind === 'random' ? randomSpread : sendSpread)),
  }));
  // Sends cluster at the start of a run (the budget is no limit here), so the kills that need a send
  // in flight go first; the random ones then spread over the polls and follow-ups that remain.
  return [...plan.filter((k) => k.kind !== 'random'), ...plan.filter((k) => k.kind === 'random')];
}

export async function runCrashScenario(options: {
  numbers: number;
  kills: number;
  seed: number;
  /** keep numbers apart from other runs against the same simulator */
  offset?: number;
  log?: (line: string) => void;
  maxTimeSteps?: number;
}): Promise<CrashRunResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const sim = await startHarnessSimulator({ seed: options.seed });
  const data = tempDataDir('hd-crash-');
  const service = `hosting-desk-crash-${randomBytes(4).toString('hex')}`;
  const secrets = new OsSecretStore(service);
  let child: ChildProcess | undefined;
  const entry = await childEntry();
  try {
    const work = workload(options.numbers, options.offset ?? 0);
    await seedQualifiedNumbers(sim, work.toTextEnable);

    // The user's part, in the parent: create the encrypted workspace (key into the keychain) and commit the plan.
    let engineNow = 1_800_000_000_000;
    let sends = 0;
    const sinchEndpoint = {
      baseUrl: sim.baseUrl,
      authUrl: sim.authUrl,
      projectId: sim.project.projectId,
      keyId: sim.project.keyId,
      keySecret: sim.project.keySecret,
    };
    {
      // The user's setup through the real engine: workspace, key secret, plan committed; sync paused.
      const setup = await openEngineUnderTest({
        dataDir: data.dir,
        secretStore: secrets,
        sinch: sinchEndpoint,
        clock: manualClock(engineNow),
        sleep: async () => {},
      });
      try {
        if (!setup.engine.internals.workspaces.active().storage.encrypted)
          throw new Error('the harness workspace must be encrypted');
        sends = commitWorkload(setup, work, `crash${options.seed}`, engineNow).calls;
      } finally {
        await setup.close();
      }
    }

    const plan = planKills(options.kills, options.seed, {
      sends,
      randomSpread: Math.max(4, Math.round(options.numbers / 10)),
    });
    const kills: Record<KillKind, number> = { intent: 0, response: 0, random: 0 };
    let next = 0;
    let skip = plan[0]?.skip ?? 0;
    let starts = 0;
    let timeSteps = 0;
    const maxTimeSteps = options.maxTimeSteps ?? 5_000;

    const sinch = JSON.stringify(sinchEndpoint);

    for (;;) {
      starts++;
      const outcome = await new Promise<'killed' | 'finished'>((resolve, reject) => {
        const c = fork(entry.file, [], {
          execArgv: entry.execArgv,
          env: {
            ...process.env,
            HD_DATA_DIR: data.dir,
            HD_KEYCHAIN_SERVICE: service,
            HD_SINCH: sinch,
            HD_CLOCK_START: String(engineNow),
            HD_SEED: String(options.seed + starts),
            HD_HOOKS: next < plan.length ? 'on' : 'off',
          },
          stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        });
        child = c;
        let stderr = '';
        c.stderr?.on('data', (d: Buffer) => {
          stderr = (stderr + d.toString()).slice(-4000);
        });
        let killedByUs = false;
        let finishing = false;
        const post = (m: ParentMessage) => {
          if (!killedByUs && c.connected) c.send(m);
        };
        const kill = (kind: KillKind, job = '') => {
          killedByUs = true;
          c.kill('SIGKILL');
          kills[kind]++;
          next++;
          skip = plan[next]?.skip ?? 0;
          log(
            `kill #${next} (${kind}${job ? ` ${job}` : ''}) at engine time +${engineNow - 1_800_000_000_000} ms`,
          );
        };
        const due = (kind: KillKind): boolean => {
          if (killedByUs || next >= plan.length || plan[next]?.kind !== kind) return false;
          if (skip > 0) {
            skip--;
            return false;
          }
          return true;
        };
        c.on('message', (m: ChildMessage) => {
          if (killedByUs) return;
          switch (m.type) {
            case 'hook': {
              const kind = HOOK_KIND[m.name] as KillKind;
              if (due(kind)) kill(kind, m.key);
              else post({ type: 'ack', id: m.id });
              if (next >= plan.length) post({ type: 'hooks', on: false });
              return;
            }
            case 'progress':
              if (due('random')) kill('random');
              return;
            case 'slept':
              sim.control.advance(m.ms);
              engineNow += m.ms;
              return;
            case 'idle': {
              engineNow = m.now;
              if (m.unfinished === 0 && next >= plan.length) {
                finishing = true;
                post({ type: 'stop' });
                return;
              }
              if (m.unfinished === 0) {
                reject(
                  new Error(`the run finished after ${next} of ${plan.length} kills; raise the workload`),
                );
                c.kill('SIGKILL');
                return;
              }
              if (++timeSteps > maxTimeSteps) {
                reject(new Error(`no completion within ${maxTimeSteps} time steps`));
                c.kill('SIGKILL');
                return;
              }
              const gap = m.nextDue !== null && m.nextDue > m.now ? m.nextDue - m.now : 5_000;
              sim.control.advance(gap);
              engineNow += gap;
              post({ type: 'advance', ms: gap });
              return;
            }
            case 'failed':
              reject(new Error(`engine child failed: ${m.error}`));
              return;
          }
        });
        c.on('exit', (code, signal) => {
          if (killedByUs) resolve('killed');
          else if (finishing && code === 0) resolve('finished');
          else reject(new Error(`engine child exited (${code ?? signal}) unexpectedly: ${stderr}`));
        });
      });
      child = undefined;
      if (outcome === 'finished') break;
    }

    const ws = await openHarnessWorkspace({ dataDir: data.dir, secretStore: secrets });
    try {
      const verdict = judgeRun(ws.db, sim, work);
      return {
        kills,
        totalKills: kills.intent + kills.response + kills.random,
        starts,
        verdict,
        jobStates: jobStates(ws.db),
        wallMs: Math.round(performance.now() - started),
        timeSteps,
      };
    } finally {
      ws.db.close();
    }
  } finally {
    child?.kill('SIGKILL');
    entry.cleanup();
    const names = (() => {
      try {
        return harnessWorkspace(data.dir).secrets;
      } catch {
        return [];
      }
    })();
    for (const name of names) await secrets.delete(name).catch(() => false);
    await sim.close();
    data.cleanup();
  }
}
