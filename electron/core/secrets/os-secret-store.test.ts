import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from './memory-secret-store';
import { explainKeychainError, OsSecretStore } from './os-secret-store';
import { KeychainUnavailableError } from './secret-store';

/**
 * Runs against the real OS keychain. `npm test` wraps every runner in a private D-Bus session with
 * an unlocked throwaway gnome-keyring (scripts/test-all.sh), so on Linux CI this is a real Secret
 * Service. Run bare (no Secret Service) the round-trip tests skip and say why.
 */
const service = `hosting-desk-test-${randomBytes(4).toString('hex')}`;
const store = new OsSecretStore(service);
const status = await store.probe();
const underTestSession = process.env.HOSTING_DESK_TEST_SESSION === '1';

describe('OsSecretStore (real keychain)', () => {
  const created: string[] = [];
  afterAll(async () => {
    if (status.available) for (const n of created) await store.delete(n);
  });

  it('is available inside the test command’s D-Bus session', () => {
    if (!underTestSession) return; // only meaningful under scripts/test-all.sh
    expect(status, status.detail).toMatchObject({ available: true, backend: 'secret-service' });
  });

  it.skipIf(!status.available)('round-trips, overwrites and deletes a secret', async () => {
    const name = 'round-trip';
    created.push(name);
    expect(await store.get(name)).toBeNull();
    await store.set(name, 'fake-key-secret-0000');
    expect(await store.get(name)).toBe('fake-key-secret-0000');
    await store.set(name, 'fake-key-secret-1111');
    expect(await store.get(name)).toBe('fake-key-secret-1111');
    expect(await store.delete(name)).toBe(true);
    expect(await store.delete(name)).toBe(false);
    expect(await store.get(name)).toBeNull();
  });

  it.skipIf(!status.available)('keeps entries of different services apart', async () => {
    const other = new OsSecretStore(`${service}-other`);
    created.push('shared-name');
    await store.set('shared-name', 'value-a');
    expect(await other.get('shared-name')).toBeNull();
  });
});

describe('OsSecretStore without a Secret Service', () => {
  it('reports unavailable (never a silent fallback) when the D-Bus session has no Secret Service', () => {
    // In a fresh process (the native library caches its D-Bus connection), point the bus address at
    // nothing: the pinned secret-service store must fail rather than fall back to the kernel keyring.
    const script = `
      import { OsSecretStore } from ${JSON.stringify(join(import.meta.dirname, 'os-secret-store.ts'))};
      const store = new OsSecretStore('hosting-desk-test-nobus');
      const probe = await store.probe();
      let setError = null;
      try { await store.set('x', 'y'); } catch (e) { setError = e.name; }
      console.log(JSON.stringify({ probe, setError }));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/hosting-desk-test-bus' },
      encoding: 'utf8',
    });
    const { probe, setError } = JSON.parse(out.trim().split('\n').at(-1) ?? '{}');
    expect(probe).toMatchObject({ available: false, backend: 'none' });
    expect(probe.detail).toMatch(/D-Bus|Secret Service|keychain/);
    expect(setError).toBe('KeychainUnavailableError');
  });

  it.each([
    ['Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled', /No D-Bus session/],
    [
      'Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files',
      /No Secret Service/,
    ],
    ["Couldn't access platform storage: Secret Service: no result found", /no default keyring/],
    ["Couldn't access platform storage: Secret Service: unlock prompt was dismissed", /locked/],
  ])('explains "%s"', (raw, expected) => {
    expect(explainKeychainError(new Error(raw), 'linux')).toMatch(expected);
  });
});

describe('MemorySecretStore', () => {
  it('behaves like a keychain, and like a dead one when failing', async () => {
    const ok = new MemorySecretStore();
    await ok.set('a', '1');
    expect(await ok.get('a')).toBe('1');
    expect((await ok.probe()).available).toBe(true);
    const dead = new MemorySecretStore({ failing: true });
    await expect(dead.get('a')).rejects.toBeInstanceOf(KeychainUnavailableError);
    expect(await dead.probe()).toMatchObject({ available: false, backend: 'none' });
  });
});
