import { closeSync, copyFileSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DeskFailure } from '../../../shared/contract';
import { makePrivate } from '../private-files';

/**
 * Database trouble, told precisely (issue 10, finding 9). A damaged file is copied aside once — the
 * original is never overwritten or re-created over — and the message names the copy and says how
 * to restore; a damaged plaintext file is not blamed on the keychain; "malformed" gets a hint.
 */

/** SQLite's own words for a damaged file (better-sqlite3 error codes and messages). */
export function isCorruption(error: unknown, plaintext: boolean): boolean {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : '';
  if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) return true;
  if (/malformed/i.test(message)) return true;
  // A plaintext file that is "not a database" cannot be a key problem: there is no key.
  return plaintext && code === 'SQLITE_NOTADB';
}

/**
 * A plaintext SQLite file whose 16-byte magic string was overwritten: the rest of its 100-byte header
 * still says "SQLite" (bytes 21–23 are always 64, 32, 32). An encrypted file's bytes there are
 * ciphertext (a 1 in 2^24 chance to match).
 */
export function looksLikeDamagedPlaintext(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(24);
    if (readSync(fd, header, 0, 24, 0) < 24) return false;
    return header[21] === 64 && header[22] === 32 && header[23] === 32;
  } finally {
    closeSync(fd);
  }
}

/**
 * Copy the damaged file (and its -wal, which may hold the latest writes) next to it as
 * `desk.db.damaged-<time>`, once: a copy with the same bytes is reused. Returns the copy's path.
 */
export function keepDamagedCopy(file: string, now: Date = new Date()): string {
  const dir = dirname(file);
  const bytes = readFileSync(file);
  const prefix = `${basename(file)}.damaged-`;
  for (const name of readdirSync(dir))
    if (name.startsWith(prefix) && !name.endsWith('-wal') && readFileSync(join(dir, name)).equals(bytes))
      return join(dir, name);
  const copy = join(dir, `${prefix}${now.toISOString().replace(/[:.]/g, '-')}`);
  copyFileSync(file, copy);
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
  makePrivate(copy, `${copy}-wal`);
  return copy;
}

const MALFORMED_HINT =
  'SQLite reports "database disk image is malformed": parts of the file were cut short or overwritten — ' +
  'typically by a disk that filled up, a crash or power loss during a write, or a backup or sync tool that copied it while it was open.';

/** The failure an open of a damaged database answers with (and app.status shows). */
export function damagedDatabase(input: {
  label: string;
  file: string;
  plaintext: boolean;
  cause: unknown;
  /** instead of "is damaged": e.g. when a wrong key and a damaged file look the same */
  lead?: string;
  code?: 'CONFLICT' | 'KEYCHAIN_UNAVAILABLE';
}): DeskFailure {
  const reason = input.cause instanceof Error ? input.cause.message.slice(0, 200) : 'not a readable database';
  let copy: string | null = null;
  try {
    copy = keepDamagedCopy(input.file);
  } catch {
    // e.g. the disk is full: the original stays untouched all the same
  }
  const parts = [
    input.lead ?? `The ${input.label} database ${input.file} is damaged (${reason}) and was not opened.`,
    input.lead ? `(${input.file})` : '',
    input.plaintext ? 'It is stored unencrypted, so this is not about the keychain.' : '',
    /malformed/i.test(reason) ? MALFORMED_HINT : '',
    copy
      ? `The file was not changed; a copy of it is kept beside it as ${basename(copy)}.`
      : 'The file was not changed (no copy could be written beside it).',
    `To restore: close Hosting Desk, put your backup of desk.db in its place and start again; to start the ${input.label} over, delete it${copy ? ' (the copy stays)' : ''}.`,
  ];
  return new DeskFailure(input.code ?? 'CONFLICT', parts.filter(Boolean).join(' '), {
    damaged: true,
    file: input.file,
    ...(copy ? { copy } : {}),
  });
}
