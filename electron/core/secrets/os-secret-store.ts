import { randomBytes } from 'node:crypto';
import { AsyncEntry } from '@napi-rs/keyring';
import type { KeychainStatus } from '../../../shared/contract';
import { KEYCHAIN_SERVICE, KeychainUnavailableError, type SecretStore } from './secret-store';

/**
 * The OS keychain through @napi-rs/keyring.
 *
 * On Linux every entry is pinned to the Secret Service (`store: 'secret-service'`). Without that pin
 * the library silently falls back to the kernel keyring, which forgets everything on reboot and is
 * not a keychain (TOOLCHAIN.md §3). With the pin, no Secret Service means an error — which we
 * report as "unavailable" and then store nothing.
 */
const entryOptions = { linux: { store: 'secret-service' as const } };

function backendFor(platform: NodeJS.Platform): KeychainStatus['backend'] {
  if (platform === 'darwin') return 'macos-keychain';
  if (platform === 'win32') return 'windows-credential-manager';
  return 'secret-service';
}

/** Turn the library's raw errors (TOOLCHAIN.md §3 table) into one sentence a user can act on. */
export function explainKeychainError(error: unknown, platform: NodeJS.Platform = process.platform): string {
  const raw = error instanceof Error ? error.message : String(error);
  if (platform === 'linux') {
    if (/DBUS_SESSION_BUS_ADDRESS|autolaunch|X11/i.test(raw))
      return 'No D-Bus session: start the app from a desktop session, or run it under dbus-run-session with gnome-keyring.';
    if (/org\.freedesktop\.secrets/i.test(raw))
      return 'No Secret Service on the D-Bus session: install and start gnome-keyring (or KeePassXC with Secret Service enabled).';
    if (/no result found/i.test(raw))
      return 'The Secret Service has no default keyring: create or unlock the login keyring.';
    if (/prompt was dismissed|locked/i.test(raw)) return 'The keyring is locked: unlock it and probe again.';
  }
  return `The OS keychain did not answer: ${raw.slice(0, 200)}`;
}

export class OsSecretStore implements SecretStore {
  readonly backend: KeychainStatus['backend'];
  constructor(
    private readonly service: string = KEYCHAIN_SERVICE,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.backend = backendFor(platform);
  }

  private entry(name: string): AsyncEntry {
    return new AsyncEntry(this.service, name, entryOptions);
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new KeychainUnavailableError(explainKeychainError(error, this.platform), { cause: error });
    }
  }

  get(name: string): Promise<string | null> {
    return this.guard(async () => (await this.entry(name).getPassword()) ?? null);
  }
  set(name: string, value: string): Promise<void> {
    return this.guard(() => this.entry(name).setPassword(value));
  }
  delete(name: string): Promise<boolean> {
    return this.guard(() => this.entry(name).deletePassword());
  }

  /** Write a random value, read it back, delete it: only a full round trip counts as available. */
  async probe(): Promise<KeychainStatus> {
    const checkedAt = new Date().toISOString();
    const name = `probe-${randomBytes(6).toString('hex')}`;
    const value = randomBytes(16).toString('hex');
    try {
      await this.set(name, value);
      const read = await this.get(name);
      await this.delete(name);
      if (read !== value) {
        return {
          available: false,
          backend: 'none',
          detail: 'The OS keychain accepted a value but returned a different one.',
          checkedAt,
        };
      }
      const where =
        this.backend === 'secret-service'
          ? 'Secret Service (D-Bus org.freedesktop.secrets)'
          : this.backend === 'macos-keychain'
            ? 'macOS Keychain'
            : 'Windows Credential Manager';
      return {
        available: true,
        backend: this.backend,
        detail: `OS keychain available: ${where}.`,
        checkedAt,
      };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { available: false, backend: 'none', detail, checkedAt };
    }
  }
}
