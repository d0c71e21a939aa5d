import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskFailure } from '../../../shared/contract';
import { acquireDataDirLock, claimFileFor, type DataDirLock } from './lock';
import { tempDir } from './test-support';

/**
 * Issue 10, finding 6: two engines that find the same stale lock must not both take it over. The
 * `afterStaleRead` hook holds engine A between reading the stale lock and replacing it while engine B
 * runs its whole takeover — deterministically, the interleaving that made 10 of 30 real races fail.
 * A and B are two pids: this process and a live child standing in for the second engine.
 */
const DEAD_PID = 999_999_999; // above pid_max: never a live process

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

async function liveOtherPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  cleanups.push(() => child.kill('SIGKILL'));
  await new Promise((resolve) => child.once('spawn', resolve));
  if (!child.pid) throw new Error('no child pid');
  return child.pid;
}

function staleDir(): string {
  const t = tempDir('hd-lock-');
  cleanups.push(t.cleanup);
  writeFileSync(join(t.dir, 'engine.lock'), `${DEAD_PID}\n`);
  return t.dir;
}

type Outcome = { lock?: DataDirLock; error?: unknown };
const attempt = (fn: () => DataDirLock): Outcome => {
  try {
    return { lock: fn() };
  } catch (error) {
    return { error };
  }
};

describe('stale lock takeover is atomic (issue 10, finding 6)', () => {
  it('B takes over while A is held between reading and replacing: only B holds the lock', async () => {
    const dir = staleDir();
    const pidB = await liveOtherPid();
    let b: Outcome = {};
    const a = attempt(() =>
      acquireDataDirLock(dir, process.pid, {
        afterStaleRead: () => {
          b = attempt(() => acquireDataDirLock(dir, pidB));
        },
      }),
    );
    const holders = [a, b].filter((o) => o.lock);
    expect(holders).toHaveLength(1);
    expect(b.lock).toBeDefined();
    expect(a.error).toBeInstanceOf(DeskFailure);
    expect(String((a.error as Error).message)).toMatch(new RegExp(`process ${pidB}`));
    expect(readFileSync(join(dir, 'engine.lock'), 'utf8')).toMatch(new RegExp(`^${pidB}\\b`));
  });

  it('B arrives while A is mid-takeover (claimed, not replaced): B is refused, A holds the lock', async () => {
    const dir = staleDir();
    const pidB = await liveOtherPid();
    let b: Outcome = {};
    const a = attempt(() =>
      acquireDataDirLock(dir, pidB, {
        beforeReplace: () => {
          b = attempt(() => acquireDataDirLock(dir, process.pid));
        },
      }),
    );
    expect(a.lock).toBeDefined();
    expect(b.error).toBeInstanceOf(DeskFailure);
    expect(readFileSync(join(dir, 'engine.lock'), 'utf8')).toMatch(new RegExp(`^${pidB}\\b`));
    a.lock?.release();
    // released cleanly: nothing left behind, the next engine takes the directory at once
    expect(readdirSync(dir)).toEqual([]);
    acquireDataDirLock(dir).release();
  });

  it('a takeover claim left by an engine that died mid-takeover does not block the directory', () => {
    const dir = staleDir();
    const lockFile = join(dir, 'engine.lock');
    // the engine that claimed the stale lock died before replacing it: its claim stays behind
    writeFileSync(claimFileFor(lockFile, readFileSync(lockFile, 'utf8')), `${DEAD_PID - 1} abandoned\n`);
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(lockFile, 'utf8')).toMatch(new RegExp(`^${process.pid}\\b`));
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });
});
