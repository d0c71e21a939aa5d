import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { DeskFailure } from '../../../shared/contract';
import { databaseFiles, ensurePrivateDir, makePrivate } from '../private-files';
import { KeychainUnavailableError, type SecretStore } from '../secrets/secret-store';
import Database from 'better-sqlite3-multiple-ciphers';
import { databaseExists, type Db, isPlaintextDatabase, openDatabase } from './database';
import { damagedDatabase, isCorruption, looksLikeDamagedPlaintext } from './db-trouble';
import { migrate, NewerDatabaseError } from './migrations';
import { MIGRATIONS } from './migrations/index';

/** What `app.status` shows about the open database (a permanent banner when not encrypted). */
export type StorageStatus = { encrypted: boolean; reason: string };

export type OpenedStore = { db: Db; storage: StorageStatus; file: string; schemaVersion: number };

export type OpenStoreOptions = {
  file: string;
  kind: 'sandbox' | 'live';
  /** human name for messages */
  label: string;
  /** keychain entry holding this database's key */
  keyName: string;
  secretStore: SecretStore;
  /** the last keychain probe's answer */
  keychainAvailable: boolean;
  nativeBinding?: string;
};

const ENCRYPTED_REASON = 'Encrypted on disk, with a random 256-bit key held in the OS keychain.';

/**
 * Open (or create) a workspace database, deciding encryption by DESIGN.md "Store and queue":
 * - keychain answers → encrypted with a random key stored in the keychain BEFORE the file exists;
 * - no keychain → the Sandbox opens unencrypted under a banner, Live is refused;
 * - nothing downgrades silently: an encrypted file whose key cannot be read is refused and left
 *   untouched, never re-created over.
 */
export async function openWorkspaceStore(options: OpenStoreOptions): Promise<OpenedStore> {
  const { file, label } = options;
  ensurePrivateDir(dirname(file));
  const exists = databaseExists(file);
  const plaintext = exists && isPlaintextDatabase(file);
  // Not blamed on the keychain: a plaintext file whose header was overwritten (issue 10, finding 9).
  if (exists && !plaintext && looksLikeDamagedPlaintext(file))
    throw damagedDatabase({
      label,
      file,
      plaintext: true,
      cause: new Error('its SQLite header is overwritten'),
    });
  try {
    return await openStore(options, exists, plaintext);
  } catch (error) {
    if (isCorruption(error, plaintext || !options.keychainAvailable))
      throw damagedDatabase({
        label,
        file,
        plaintext: plaintext || !options.keychainAvailable,
        cause: error,
      });
    throw error;
  }
}

async function openStore(
  options: OpenStoreOptions,
  exists: boolean,
  plaintext: boolean,
): Promise<OpenedStore> {
  const { file, kind, label, keyName, secretStore } = options;

  const unavailable = (why: string) =>
    new DeskFailure(
      'KEYCHAIN_UNAVAILABLE',
      kind === 'live'
        ? `${label} needs the OS keychain, which is not available: ${why} Preparation works in the Sandbox meanwhile.`
        : `The ${label} database is encrypted with a key kept in the OS keychain, which is not available: ${why} The database was left untouched.`,
    );

  let key: string | null = null;
  let storage: StorageStatus;
  if (!options.keychainAvailable) {
    if (kind === 'live') throw unavailable('the last probe failed.');
    if (exists && !plaintext) throw unavailable('the last probe failed.');
    storage = {
      encrypted: false,
      reason:
        'No OS keychain answered, so the Sandbox database is stored unencrypted. Live workspaces stay unavailable until a keychain answers.',
    };
  } else if (plaintext) {
    if (kind === 'live')
      throw new DeskFailure(
        'CONFLICT',
        `The ${label} database is not encrypted; a Live workspace never opens unencrypted.`,
      );
    // A Sandbox created while no keychain answered: now that one does, encrypt it in place. The key is
    // stored first; if encrypting fails the file is still the readable plaintext it was.
    key = randomBytes(32).toString('hex');
    try {
      await secretStore.set(keyName, key);
    } catch (error) {
      if (error instanceof KeychainUnavailableError) throw unavailable(error.message);
      throw error;
    }
    encryptInPlace(file, key, options.nativeBinding);
    storage = {
      encrypted: true,
      reason: `${ENCRYPTED_REASON} (Created without a keychain; encrypted in place once the keychain answered.)`,
    };
  } else {
    try {
      key = await secretStore.get(keyName);
      if (key === null) {
        if (exists)
          throw new DeskFailure(
            'KEYCHAIN_UNAVAILABLE',
            `The ${label} database is encrypted, but its key is missing from the OS keychain (entry "${keyName}"). ` +
              'It was not re-created: restore the keychain entry, or delete the workspace to start over.',
          );
        key = randomBytes(32).toString('hex');
        await secretStore.set(keyName, key);
      }
    } catch (error) {
      if (error instanceof KeychainUnavailableError) throw unavailable(error.message);
      throw error;
    }
    storage = { encrypted: true, reason: ENCRYPTED_REASON };
  }

  let db: Db;
  try {
    db = openDatabase({
      file,
      key,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    // SQLite creates the file 0644 minus the umask; the -wal/-shm it makes later copy this mode.
    makePrivate(...databaseFiles(file));
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB' && key !== null)
      // A wrong key and a damaged encrypted file look the same to SQLCipher: say both, keep a copy.
      throw damagedDatabase({
        label,
        file,
        plaintext: false,
        cause: error,
        code: 'KEYCHAIN_UNAVAILABLE',
        lead: `The key in the OS keychain does not open the ${label} database: the file is damaged, or the keychain entry "${keyName}" is not the key it was made with.`,
      });
    throw error;
  }
  try {
    const schemaVersion = migrate(db, MIGRATIONS);
    return { db, storage, file, schemaVersion };
  } catch (error) {
    db.close();
    if (error instanceof NewerDatabaseError)
      throw new DeskFailure('CONFLICT', error.message, { found: error.found });
    throw error;
  }
}

/**
 * Encrypt a plaintext database with `key` (SQLCipher 4 mode). `PRAGMA rekey` does not work in WAL
 * mode (TOOLCHAIN.md §1), so: leave WAL (which also checkpoints and removes the -wal file), rekey,
 * and let the normal open switch WAL back on.
 */
function encryptInPlace(file: string, key: string, nativeBinding: string | undefined): void {
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`rekey="x'${key}'"`);
  } finally {
    db.close();
  }
}
