import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { type DeskClient, deskClient } from './support/desk-client';

/**
 * Starts the real browser shell exactly as a user does (`node scripts/serve.mjs`, i.e. `npm run serve`)
 * with a throwaway data dir and the real OS keychain (the test command runs inside a private D-Bus
 * session with an unlocked gnome-keyring — scripts/test-all.sh), and reads the one URL it prints.
 */
export type ServedDesk = {
  /** the printed URL, `http://127.0.0.1:PORT/#token=…` */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** everything the process wrote to stdout */
  stdout(): string;
  /** SIGUSR2: the shell ends every page's event stream (they reconnect by themselves); resolves once done */
  dropEventStreams(): Promise<void>;
  /** Ctrl-C: resolves with the exit code */
  stop(): Promise<number | null>;
  /** the server's process id (SIGUSR1 makes it print a fresh link) */
  pid: number;
};

const root = resolve(import.meta.dirname, '../..');

/**
 * `options.dataDir` reuses a data dir (e.g. one an earlier, stopped run left); cleanup removes it.
 * `options.tourSeen` starts a fresh data dir whose app settings say the first-run tour was seen, so
 * `/` opens Status (specs of other screens); only first-run specs leave it out.
 */
export async function serveDesk(
  env: NodeJS.ProcessEnv = process.env,
  options: { dataDir?: string; tourSeen?: boolean } = {},
): Promise<ServedDesk & { cleanup(): Promise<void> }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hd-e2e-'));
  if (options.tourSeen)
    writeFileSync(join(dataDir, 'settings.json'), `${JSON.stringify({ 'welcome.tourSeen': true })}\n`);
  const child: ChildProcess = spawn(
    process.execPath,
    ['scripts/serve.mjs', '--no-open', '--port', '0', '--data-dir', dataDir],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = await new Promise<string>((found, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/.exec(out);
      if (match?.[1]) found(match[1]);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    child.once('exit', (code) =>
      fail(new Error(`npm run serve exited (${code}) before printing a URL:\n${err}`)),
    );
  });
  const parsed = new URL(url);
  let stopped: Promise<number | null> | null = null;
  const stop = () => {
    if (!stopped) {
      child.kill('SIGINT');
      stopped = exited;
    }
    return stopped;
  };
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.replace('#token=', ''),
    dataDir,
    stdout: () => out,
    async dropEventStreams() {
      const before = (err.match(/SIGUSR2: ended/g) ?? []).length;
      child.kill('SIGUSR2');
      const deadline = Date.now() + 5_000;
      while ((err.match(/SIGUSR2: ended/g) ?? []).length === before) {
        if (Date.now() > deadline) throw new Error('the shell did not answer SIGUSR2');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop,
    pid: child.pid ?? 0,
    async cleanup() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A worker's shared browser shell, with a client the test process uses to drive its engine. */
export type WorkerDesk = ServedDesk & { engine: DeskClient };

/** A page signed in to the worker's shell, on a reset Sandbox. */
export type OpenedApp = { page: Page; desk: WorkerDesk };

/** Each worker's Sandbox behaviour as its first test found it (fresh), restored before every test. */
const freshBehaviour = new WeakMap<
  WorkerDesk,
  {
    autoSignLoa: boolean;
    qualificationReviewBusinessDays: number | null;
    requestBudgetPerSecond: number | null;
  }
>();

export const test = base.extend<{ desk: ServedDesk; app: OpenedApp }, { workerDesk: WorkerDesk }>({
  /** A server of its own for this test (for tests that stop it or need a special environment). */
  // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
  desk: async ({}, use) => {
    // A fresh data directory would land on the first-run tour; specs of other screens expect `/` to
    // open Status. The app settings file says the tour was seen (no call: the launch link stays the
    // only one printed). Specs of the first run call serveDesk() themselves (guide-newcomer.spec.ts).
    const desk = await serveDesk(process.env, { tourSeen: true });
    await use(desk);
    await desk.cleanup();
  },
  /**
   * One browser shell per Playwright worker (UI.md: specs run in parallel, the suite stays inside its
   * budget as screens multiply). Tests share it; `app` resets it before each test.
   */
  workerDesk: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
    async ({}, use) => {
      const served = await serveDesk();
      // links are single-use: the test process's own client gets a fresh one (freshLoginUrl below)
      const engine = await deskClient(served.origin, tokenOf(await freshLoginUrl(served)));
      await use({ ...served, engine });
      await served.cleanup();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  /**
   * `sandbox.reset` (the simulator; and the desk's own work once the reset covers it) and sync
   * paused (a fresh Sandbox would send: specs decide when work moves), then the page opened with the
   * launch link.
   */
  app: async ({ page, workerDesk }, use) => {
    await workerDesk.engine.must('sandbox.reset', {});
    // The reset forgets the simulator's work, not how it behaves (review time, auto-sign, request budget
    // are the user's choices): put back what this worker's fresh Sandbox had, so a spec that changed
    // them (review time 0, say) cannot decide how the next spec's qualifications go.
    const fresh = freshBehaviour.get(workerDesk) ?? (await workerDesk.engine.must('sandbox.configure', {}));
    freshBehaviour.set(workerDesk, fresh);
    await workerDesk.engine.must('sandbox.configure', {
      autoSignLoa: fresh.autoSignLoa,
      qualificationReviewBusinessDays: fresh.qualificationReviewBusinessDays,
      requestBudgetPerSecond: fresh.requestBudgetPerSecond,
    });
    await workerDesk.engine.must('sync.pause', {});
    await markTourSeen(workerDesk.engine);
    await page.goto(await freshLoginUrl(workerDesk)); // one fresh link per browser context
    await use({ page, desk: workerDesk });
  },
});

export { expect } from '@playwright/test';

/** The first-run tour counts as dismissed: `/` opens Status (renderer/src/features/welcome/first-run.ts). */
export async function markTourSeen(engine: DeskClient): Promise<void> {
  await engine.must('settings.set', { key: 'welcome.tourSeen', value: true });
}

// ── single-use links (issue 10, finding 3) ────────────────────────────────────────────────────────
/**
 * A link mints ONE session: `desk.url` serves the first browser context; every further context
 * (another `browser.newContext()`, a per-worker server's next test) needs its own. SIGUSR1 makes
 * npm run serve print a fresh link; resolves with it.
 */
export const tokenOf = (url: string): string => new URL(url).hash.replace('#token=', '');

export function freshLoginUrl(desk: ServedDesk): Promise<string> {
  const pattern = /http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+/g;
  const seen = new Set(desk.stdout().match(pattern) ?? []);
  process.kill(desk.pid, 'SIGUSR1');
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const next = (desk.stdout().match(pattern) ?? []).find((url) => !seen.has(url));
      if (next) {
        clearInterval(poll);
        resolve(next);
      } else if (Date.now() - started > 10_000) {
        clearInterval(poll);
        reject(new Error('npm run serve printed no fresh link within 10 s of SIGUSR1'));
      }
    }, 20);
  });
}
