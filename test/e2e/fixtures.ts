import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';

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
  /** Ctrl-C: resolves with the exit code */
  stop(): Promise<number | null>;
};

const root = resolve(import.meta.dirname, '../..');

/** `options.dataDir` reuses a data dir (e.g. one an earlier, stopped run left); cleanup removes it. */
export async function serveDesk(
  env: NodeJS.ProcessEnv = process.env,
  options: { dataDir?: string } = {},
): Promise<ServedDesk & { cleanup(): Promise<void> }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hd-e2e-'));
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
    stop,
    async cleanup() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ desk: ServedDesk }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
  desk: async ({}, use) => {
    const desk = await serveDesk();
    await use(desk);
    await desk.cleanup();
  },
});

export { expect } from '@playwright/test';
