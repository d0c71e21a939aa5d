import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Everything under the data directory is the user's alone (issue 10, finding 4): directories 0700,
 * files 0600, whatever the umask. `mode` on mkdir/open only ever REMOVES bits through the umask, so
 * we set it and then chmod explicitly (an existing directory keeps its old mode otherwise).
 */
export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

/** mkdir -p with 0700, and chmod 0700 on the leaf even when it already existed. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  chmodSync(dir, PRIVATE_DIR);
}

/** chmod 0600 on each of these files that exists (e.g. a database and its -wal/-shm). */
export function makePrivate(...files: string[]): void {
  for (const file of files) {
    try {
      chmodSync(file, PRIVATE_FILE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** A SQLite database and the files SQLite keeps next to it (they inherit the main file's mode). */
export const databaseFiles = (file: string): string[] => [
  file,
  `${file}-wal`,
  `${file}-shm`,
  `${file}-journal`,
];

/**
 * Tighten a whole tree an older version created 0755/0644: dirs 0700, regular files 0600. Symlinks
 * are left alone (chmod would follow them out of the tree).
 */
export function tightenTree(root: string): void {
  if (!existsSync(root)) return;
  const walk = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      if ((stat.mode & 0o777) !== PRIVATE_DIR) chmodSync(path, PRIVATE_DIR);
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if (stat.isFile() && (stat.mode & 0o777) !== PRIVATE_FILE) chmodSync(path, PRIVATE_FILE);
  };
  walk(root);
}
