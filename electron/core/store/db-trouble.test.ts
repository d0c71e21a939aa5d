import { openSync, readdirSync, readFileSync, writeSync, closeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../secrets/memory-secret-store';
import { tempDir } from './test-support';
import { type OpenStoreOptions, openWorkspaceStore } from './workspace-store';

/**
 * Issue 10, finding 9 at the store: each kind of database trouble gets its own precise message, the
 * damaged file is copied aside (the original never overwritten) and the message says how to restore.
 */
let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});
const setup = (overrides: Partial<OpenStoreOptions> = {}): OpenStoreOptions => {
  const t = tempDir('hd-trouble-');
  cleanups.push(t.cleanup);
  return {
    file: join(t.dir, 'workspaces', 'sandbox', 'desk.db'),
    kind: 'sandbox',
    label: 'Sandbox',
    keyName: 'db-key:sandbox',
    secretStore: new MemorySecretStore(),
    keychainAvailable: false,
    ...overrides,
  };
};

/** Overwrite `bytes` at `offset` (a disk that failed mid-write). */
function damage(file: string, offset: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

async function createWithRows(options: OpenStoreOptions): Promise<void> {
  const { db } = await openWorkspaceStore(options);
  db.exec('CREATE TABLE filler (x TEXT)');
  const insert = db.prepare('INSERT INTO filler VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 400; i++) insert.run('x'.repeat(200));
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

const copiesAside = (file: string) => readdirSync(dirname(file)).filter((f) => f.includes('.damaged-'));

describe('database trouble says what it is (issue 10, finding 9)', () => {
  it('a damaged plaintext Sandbox is "damaged", not "encrypted … keychain not available"', async () => {
    const options = setup();
    await createWithRows(options);
    damage(options.file, 0, Buffer.from('garbage garbage!')); // the SQLite header itself
    const before = readFileSync(options.file);
    const error = await openWorkspaceStore(options).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT' });
    const message = (error as Error).message;
    expect(message).toMatch(/damaged/);
    expect(message).not.toMatch(/encrypted with a key|keychain, which is not available/);
    expect(message).toMatch(/unencrypted/);
    // kept aside, never overwritten, and the message says how to restore
    expect(readFileSync(options.file).equals(before)).toBe(true);
    const copies = copiesAside(options.file);
    expect(copies).toHaveLength(1);
    expect(readFileSync(join(dirname(options.file), copies[0] ?? '')).equals(before)).toBe(true);
    expect(message).toContain(copies[0]);
    expect(message).toMatch(/restore/i);
    // a second attempt does not pile up copies
    await openWorkspaceStore(options).catch(() => {});
    expect(copiesAside(options.file)).toHaveLength(1);
  });

  it('"database disk image is malformed" comes with a hint and how to restore', async () => {
    const options = setup();
    await createWithRows(options);
    const size = readFileSync(options.file).length;
    // b-tree pages, not the header: SQLite reads the header fine and fails on the pages
    for (let offset = 4096; offset < size; offset += 4096)
      damage(options.file, offset, Buffer.alloc(64, 0xa5));
    const error = await openWorkspaceStore(options).catch((e: unknown) => e);
    const message = (error as Error).message;
    expect(message).toMatch(/damaged/);
    expect(message).toMatch(/malformed/);
    expect(message).toMatch(/disk (that )?(filled|was full)|crash|copied while/i);
    expect(message).toMatch(/restore/i);
    expect(copiesAside(options.file)).toHaveLength(1);
  });

  it('an encrypted database without its keychain still says exactly that', async () => {
    const options = setup({ keychainAvailable: true });
    await createWithRows(options);
    const error = await openWorkspaceStore({ ...options, keychainAvailable: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
      message: expect.stringMatching(/encrypted/),
    });
    expect(copiesAside(options.file)).toHaveLength(0);
  });
});
