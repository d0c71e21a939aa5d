import type { KeychainStatus } from '../../../shared/contract';

/**
 * The port every secret goes through: the key secret, the database key, the callback HMAC secret.
 * Values never leave the engine; the renderer only ever learns whether a secret exists.
 * Any failure of the backing store is a `KeychainUnavailableError` — callers must then store
 * nothing rather than fall back to plaintext (DESIGN.md, "Secrets").
 */
export interface SecretStore {
  readonly backend: KeychainStatus['backend'];
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  /** true if something was deleted */
  delete(name: string): Promise<boolean>;
  /** A real write → read → delete round trip; never throws. */
  probe(): Promise<KeychainStatus>;
}

export class KeychainUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeychainUnavailableError';
  }
}

/** The service name under which every entry of this app is stored in the OS keychain. */
export const KEYCHAIN_SERVICE = 'hosting-desk';
