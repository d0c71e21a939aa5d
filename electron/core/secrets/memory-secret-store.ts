import type { KeychainStatus } from '../../../shared/contract';
import { KeychainUnavailableError, type SecretStore } from './secret-store';

/** In-memory adapter for tests. `failing` simulates a keychain that does not answer. */
export class MemorySecretStore implements SecretStore {
  readonly backend = 'memory' as const;
  private readonly values = new Map<string, string>();
  constructor(private readonly options: { failing?: boolean; now?: () => Date } = {}) {}

  private check(): void {
    if (this.options.failing) throw new KeychainUnavailableError('The in-memory keychain is set to fail.');
  }
  async get(name: string): Promise<string | null> {
    this.check();
    return this.values.get(name) ?? null;
  }
  async set(name: string, value: string): Promise<void> {
    this.check();
    this.values.set(name, value);
  }
  async delete(name: string): Promise<boolean> {
    this.check();
    return this.values.delete(name);
  }
  async probe(): Promise<KeychainStatus> {
    const checkedAt = (this.options.now?.() ?? new Date()).toISOString();
    if (this.options.failing) {
      return {
        available: false,
        backend: 'none',
        detail: 'The in-memory keychain is set to fail.',
        checkedAt,
      };
    }
    return { available: true, backend: 'memory', detail: 'In-memory keychain (tests only).', checkedAt };
  }
}
