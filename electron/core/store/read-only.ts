import Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from './database';

/**
 * A second, read-only connection to a workspace database, for tools that run beside the engine
 * (`npm run check-list --data-dir … --workspace …`). It takes no data-dir lock and writes nothing:
 * no pragma that changes the file, `query_only` on top of the read-only open. WAL lets it read
 * while the engine writes. Same key handling as `openDatabase` (SQLCipher 4 mode, raw key).
 */
export function openDatabaseReadOnly(options: {
  file: string;
  key: string | null;
  nativeBinding?: string;
}): Db {
  if (options.key !== null && !/^[0-9a-f]{64}$/.test(options.key))
    throw new Error('A database key is 64 lower-case hex digits.');
  const db = new Database(options.file, {
    readonly: true,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    if (options.key !== null) {
      db.pragma(`cipher='sqlcipher'`);
      db.pragma('legacy=4');
      db.pragma(`key="x'${options.key}'"`);
    }
    db.pragma('query_only = ON');
    db.pragma('busy_timeout = 5000');
    // the first read: a wrong key fails here (SQLITE_NOTADB)
    db.pragma('user_version', { simple: true });
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
