import type { KeychainStatus } from '../../../shared/contract';
import type { Logger } from '../log';
import type { SecretStore } from './secret-store';

/**
 * Secrets the engine itself keeps (the Sandbox's key, its callback HMAC secret). Like any credential:
 * in the keychain when there is one; in memory only when there is none, because the Sandbox must work
 * without a keychain. Never in a database. Every value is registered with the log's redaction first.
 */
export type EngineSecrets = {
  keep(name: string, value: string): Promise<void>;
  read(name: string): Promise<string | null>;
};

export function engineSecrets(deps: {
  secretStore: SecretStore;
  logger: Logger;
  keychain(): KeychainStatus;
}): EngineSecrets {
  const memory = new Map<string, string>();
  return {
    async keep(name, value) {
      deps.logger.redact(value);
      if (deps.keychain().available) {
        try {
          await deps.secretStore.set(name, value);
          memory.delete(name);
          return;
        } catch {
          // the keychain stopped answering: keep it for this run only
        }
      }
      memory.set(name, value);
    },
    async read(name) {
      const remembered = memory.get(name);
      if (remembered) return remembered;
      if (!deps.keychain().available) return null;
      try {
        const value = await deps.secretStore.get(name);
        if (value) deps.logger.redact(value);
        return value;
      } catch {
        return null;
      }
    },
  };
}
