import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DeskFailure } from '../../../shared/contract';
import { ensurePrivateDir, tightenTree } from '../private-files';

export type DataDirLock = { file: string; release(): void };

/** Test seams: hold this engine at a step of a stale-lock takeover while another one runs. */
export type LockHooks = {
  /** after reading a stale lock, before claiming it */
  afterStaleRead?(): void;
  /** after claiming the stale lock, before replacing it */
  beforeReplace?(): void;
};

/** Directories locked by engines of THIS process that are still open. */
const heldHere = new Set<string>();
/** Takeover claims this process is in the middle of (a same-pid claim outside it is abandoned). */
const claimingHere = new Set<string>();

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const ownerOf = (content: string): number => Number.parseInt(content.trim().split(/\s+/)[0] ?? '', 10);

const readOrNull = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

/** Create `file` with `content` only if it does not exist (O_EXCL): the one atomic test-and-set we have. */
function createExclusive(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * The claim on ONE stale instance of a lock (or of a claim): its name carries a hash of the content
 * that was read, so two engines that read the same stale content race for the same claim, and only
 * the exclusive create of that claim lets one of them replace it.
 */
export const claimFileFor = (file: string, staleContent: string): string =>
  `${file}.takeover-${createHash('sha256').update(staleContent).digest('hex').slice(0, 16)}`;

const CLAIM_PREFIX = (file: string) => `${basename(file)}.takeover-`;

/**
 * One engine per data directory (DESIGN.md "Store and queue"): `<dataDir>/engine.lock` holds the
 * owner's pid and a nonce. A lock whose pid is dead is stale and taken over (the engine crashed); a
 * live one is refused with a message the shell can show. A lock with our own pid that no open engine
 * of this process holds is stale too (an engine abandoned without close(), as crash tests do).
 *
 * Takeover is atomic (issue 10, finding 6): never "remove, then create" (two engines that read the
 * same stale lock could each remove the other's fresh one). Instead the engine claims that exact
 * stale content with an exclusive create, checks the lock still holds it, and renames its own lock
 * over it. A claim whose claimant died is itself taken over the same way.
 */
export function acquireDataDirLock(
  dataDir: string,
  pid: number = process.pid,
  hooks: LockHooks = {},
): DataDirLock {
  const file = join(dataDir, 'engine.lock');
  // Before anything is opened: the data directory and all in it are the user's alone (issue 10, finding 4).
  ensurePrivateDir(dataDir);
  tightenTree(dataDir);
  const content = `${pid} ${randomBytes(8).toString('hex')}\n`;
  const alive = (owner: number, isOwn: () => boolean) =>
    Number.isInteger(owner) && owner > 0 && (owner === pid ? isOwn() : isAlive(owner));
  const refuse = (owner: number) =>
    new DeskFailure(
      'CONFLICT',
      `Another Hosting Desk engine (process ${owner}) is already using ${dataDir}. Close it first, or use another data directory.`,
      { pid: owner },
    );

  for (let tries = 0; tries < 5; tries++) {
    if (createExclusive(file, content)) return held(file, content);
    const seen = readOrNull(file);
    if (seen === null) continue; // released between our create and our read: try again
    const owner = ownerOf(seen);
    if (alive(owner, () => heldHere.has(file))) throw refuse(owner);
    hooks.afterStaleRead?.();

    // Claim this stale content; a claim left by a dead claimant is claimed in turn (a chain).
    const claims: string[] = [];
    try {
      let claim = claimFileFor(file, seen);
      for (;;) {
        claimingHere.add(claim);
        if (createExclusive(claim, content)) {
          claims.push(claim);
          break;
        }
        claimingHere.delete(claim);
        const claimContent = readOrNull(claim);
        if (claimContent === null) continue; // its claimant just finished: claim again
        const claimant = ownerOf(claimContent);
        if (alive(claimant, () => claimingHere.has(claim))) throw refuse(claimant);
        claim = claimFileFor(claim, claimContent);
      }
      // Still the stale lock we read? Whoever replaced it held our claim before us.
      if (readOrNull(file) !== seen) continue;
      hooks.beforeReplace?.();
      const temp = `${file}.${pid}.${randomBytes(4).toString('hex')}.tmp`;
      writeFileSync(temp, content, { mode: 0o600 });
      renameSync(temp, file);
      removeClaims(file); // ours and any abandoned ones: they name contents that are gone now
      return held(file, content);
    } finally {
      for (const claim of claims) {
        claimingHere.delete(claim);
        rmSync(claim, { force: true });
      }
    }
  }
  throw new DeskFailure('CONFLICT', `Could not take the engine lock in ${dataDir}.`);
}

function removeClaims(file: string): void {
  const prefix = CLAIM_PREFIX(file);
  for (const name of readdirSync(dirname(file)))
    if (name.startsWith(prefix) && !claimingHere.has(join(dirname(file), name)))
      rmSync(join(dirname(file), name), { force: true });
}

function held(file: string, content: string): DataDirLock {
  heldHere.add(file);
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      heldHere.delete(file);
      // Only our own lock: after a takeover by another engine the file is no longer ours to remove.
      if (readOrNull(file) === content) rmSync(file, { force: true });
    },
  };
}
