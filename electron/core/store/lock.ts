import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DeskFailure } from '../../../shared/contract';
import { ensurePrivateDir, tightenTree } from '../private-files';

export type DataDirLock = { file: string; release(): void };

/** Directories locked by engines of THIS process that are still open. */
const heldHere = new Set<string>();

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One engine per data directory (DESIGN.md "Store and queue"): `<dataDir>/engine.lock` holds the
 * owner's pid. A lock whose pid is dead is stale and taken over (the engine crashed); a live one
 * is refused with a message the shell can show. A lock with our own pid that no open engine of this
 * process holds is stale too (an engine abandoned without close(), as crash tests do).
 */
export function acquireDataDirLock(dataDir: string, pid: number = process.pid): DataDirLock {
  const file = join(dataDir, 'engine.lock');
  // Before anything is opened: the data directory and all in it are the user's alone (issue 10, finding 4).
  ensurePrivateDir(dataDir);
  tightenTree(dataDir);
  for (let tries = 0; tries < 3; tries++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, `${pid}\n`);
      } finally {
        closeSync(fd);
      }
      heldHere.add(file);
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          heldHere.delete(file);
          try {
            if (readFileSync(file, 'utf8').trim() === String(pid)) rmSync(file, { force: true });
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner = Number.NaN;
    try {
      owner = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    } catch {
      continue; // removed between our open and read: try again
    }
    const ours = owner === pid;
    if (Number.isInteger(owner) && owner > 0 && (ours ? heldHere.has(file) : isAlive(owner))) {
      throw new DeskFailure(
        'CONFLICT',
        `Another Hosting Desk engine (process ${owner}) is already using ${dataDir}. Close it first, or use another data directory.`,
        { pid: owner },
      );
    }
    rmSync(file, { force: true }); // stale: its owner is gone
  }
  throw new DeskFailure('CONFLICT', `Could not take the engine lock in ${dataDir}.`);
}
