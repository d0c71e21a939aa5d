import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../secrets/memory-secret-store';
import { LATEST_SCHEMA } from './migrations/index';
import { tempDir } from './test-support';
import { type OpenStoreOptions, openWorkspaceStore } from './workspace-store';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});
const setup = (overrides: Partial<OpenStoreOptions> = {}): OpenStoreOptions => {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return {
    file: join(t.dir, 'workspaces', 'sandbox', 'desk.db'),
    kind: 'sandbox',
    label: 'Sandbox',
    keyName: 'db-key:sandbox',
    secretStore: new MemorySecretStore(),
    keychainAvailable: true,
    ...overrides,
  };
};
const header = (file: string) => readFileSync(file).subarray(0, 15).toString('latin1');

describe('openWorkspaceStore', () => {
  it('creates an encrypted, migrated database and stores a 256-bit key in the keychain', async () => {
    const options = setup();
    const opened = await openWorkspaceStore(options);
    opened.db.close();
    expect(opened.storage.encrypted).toBe(true);
    expect(opened.schemaVersion).toBe(LATEST_SCHEMA);
    const key = await options.secretStore.get('db-key:sandbox');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(header(options.file)).not.toBe('SQLite format 3');
    // reopening uses the same key
    const again = await openWorkspaceStore(options);
    expect(again.storage.encrypted).toBe(true);
    again.db.close();
  });

  it('without a keychain: the Sandbox opens unencrypted with a reason, a Live workspace is refused', async () => {
    const options = setup({
      secretStore: new MemorySecretStore({ failing: true }),
      keychainAvailable: false,
    });
    const opened = await openWorkspaceStore(options);
    opened.db.close();
    expect(opened.storage).toEqual({ encrypted: false, reason: expect.stringMatching(/unencrypted/) });
    expect(header(options.file)).toBe('SQLite format 3');
    await expect(
      openWorkspaceStore({ ...options, kind: 'live', label: 'Acme', file: `${options.file}.live` }),
    ).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
  });

  it('never re-creates an encrypted database whose key is gone', async () => {
    const options = setup();
    (await openWorkspaceStore(options)).db.close();
    const before = readFileSync(options.file);
    await options.secretStore.delete('db-key:sandbox');
    await expect(openWorkspaceStore(options)).rejects.toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
      message: expect.stringMatching(/missing from the OS keychain.*not re-created/),
    });
    // and with the keychain down, it is not opened unencrypted over the encrypted file either
    await expect(
      openWorkspaceStore({
        ...options,
        keychainAvailable: false,
        secretStore: new MemorySecretStore({ failing: true }),
      }),
    ).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(readFileSync(options.file).equals(before)).toBe(true);
  });

  it('refuses a wrong key without touching the file', async () => {
    const options = setup();
    (await openWorkspaceStore(options)).db.close();
    await options.secretStore.set('db-key:sandbox', 'd'.repeat(64));
    await expect(openWorkspaceStore(options)).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
  });

  it('encrypts a Sandbox created without a keychain in place once a keychain answers, keeping its data', async () => {
    const options = setup({
      secretStore: new MemorySecretStore({ failing: true }),
      keychainAvailable: false,
    });
    const plain = await openWorkspaceStore(options);
    plain.db.exec(`INSERT INTO settings VALUES ('marker', 'plaintext-marker-1234')`);
    plain.db.close();
    expect(header(options.file)).toBe('SQLite format 3');
    const keychain = new MemorySecretStore();
    const opened = await openWorkspaceStore({ ...options, secretStore: keychain, keychainAvailable: true });
    expect(opened.storage.encrypted).toBe(true);
    expect(opened.db.prepare(`SELECT value FROM settings WHERE key = 'marker'`).pluck().get()).toBe(
      'plaintext-marker-1234',
    );
    expect(opened.db.pragma('journal_mode', { simple: true })).toBe('wal');
    opened.db.close();
    const raw = readFileSync(options.file);
    expect(raw.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(raw.includes(Buffer.from('plaintext-marker-1234'))).toBe(false);
    expect(await keychain.get('db-key:sandbox')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a database from a newer version with a clear message', async () => {
    const options = setup();
    const opened = await openWorkspaceStore(options);
    opened.db.pragma(`user_version = ${LATEST_SCHEMA + 5}`);
    opened.db.close();
    await expect(openWorkspaceStore(options)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/newer version/),
    });
  });
});
