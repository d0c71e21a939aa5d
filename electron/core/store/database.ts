import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';

export type Db = Database.Database;

const SQLITE_HEADER = 'SQLite format 3\u0000';

/**
 * Open one workspace database with the pragmas DESIGN.md asks for ("Store and queue").
 *
 * `key` is 64 hex digits (256 bits) used as a raw SQLCipher key (`x'…'`), so no key derivation runs
 * on every open. `null` opens an unencrypted file — only the Sandbox without a keychain does that,
 * and the caller shows it (see workspace-store.ts).
 */
export function openDatabase(options: { file: string; key: string | null; nativeBinding?: string }): Db {
  if (options.key !== null && !/^[0-9a-f]{64}$/.test(options.key))
    throw new Error('A database key is 64 lower-case hex digits.');
  const db = new Database(
    options.file,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  try {
    if (options.key !== null) {
      // SQLCipher 4 compatible: cipher and legacy BEFORE the key (the library's default cipher is chacha20).
      db.pragma(`cipher='sqlcipher'`);
      db.pragma('legacy=4');
      db.pragma(`key="x'${options.key}'"`);
    }
    // The first statement that reads the file: a wrong or missing key fails here with SQLITE_NOTADB.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Another worker (a second connection in tests, or a reader) may hold the write lock briefly.
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** true when the file exists and is a plain (unencrypted) SQLite database. */
export function isPlaintextDatabase(file: string): boolean {
  if (!existsSync(file)) return false;
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(16);
    const read = readSync(fd, buffer, 0, 16, 0);
    return read === 16 && buffer.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/** true when the file exists and has content (an empty file is what SQLite leaves after a failed create). */
export function databaseExists(file: string): boolean {
  if (!existsSync(file)) return false;
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, Buffer.alloc(1), 0, 1, 0) === 1;
  } finally {
    closeSync(fd);
  }
}

/**
 * `BEGIN IMMEDIATE` around `fn`: takes the write lock up front, so a read-then-write (a lease CAS)
 * cannot interleave with another connection's.
 */
export const immediate = <T>(db: Db, fn: () => T): T => db.transaction(fn).immediate();

/**
 * One large write transaction (tens of MB of encrypted pages: a plan committed, a list's chunks
 * appended while it loads), tuned for this connection only while it runs:
 * - `cache_spill = OFF`: dirty pages stay in memory until COMMIT instead of being encrypted and
 *   written to the WAL mid-transaction and then again at commit (the cache grows by about the size of
 *   the write, ~30 MB for 100,000 numbers, and shrinks back after).
 * - `wal_autocheckpoint = 0`: the COMMIT (WAL append + fsync, synchronous=FULL) is what makes the batch
 *   durable; SQLite would otherwise copy the whole WAL back into the database file inside that same
 *   COMMIT (decrypt + re-encrypt every page, ~0.3 s for 100k). With the setting restored, the next
 *   commit on this connection folds the WAL in as usual (a PASSIVE checkpoint, as before).
 */
export function bigWrite<T>(db: Db, write: () => T): T {
  if (db.inTransaction) return write();
  // 0 = off, else the spill threshold in pages; ON/OFF toggle the flag and leave the threshold alone
  const spill = (db.pragma('cache_spill', { simple: true }) as number) !== 0;
  const autocheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('cache_spill = OFF');
  db.pragma('wal_autocheckpoint = 0');
  try {
    return write();
  } finally {
    db.pragma(`cache_spill = ${spill ? 'ON' : 'OFF'}`);
    db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
  }
}
