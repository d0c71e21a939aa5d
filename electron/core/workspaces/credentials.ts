import { type CredentialStatus, DeskFailure } from '../../../shared/contract';
import type { Logger } from '../log';
import type { ConnectionTestResult } from './connection-test';
import { KeychainUnavailableError, type SecretStore } from '../secrets/secret-store';
import { secretName, type WorkspaceProfile } from './registry';
import type { Endpoint, Workspaces } from './workspaces';

/**
 * The seam to the Sinch client: try one cheap authenticated call with these credentials.
 * The engine passes it in; until then `credentials.test` says it is not available.
 */
export type TestConnection = (
  workspace: WorkspaceProfile,
  secret: { keyId: string; keySecret: string; endpoint: BoundEndpoint },
) => Promise<ConnectionTestResult>;

/** The endpoint a key secret is bound to, with the origins the client may send it to. */
export type BoundEndpoint = Endpoint & { origins: string[] };

/**
 * Key secret and callback secret per workspace, in the OS keychain only (DESIGN.md "Secrets").
 * Every value read or written is registered with the log redactor first.
 */
export function createCredentials(deps: {
  workspaces: Workspaces;
  secretStore: SecretStore;
  logger: Logger;
  keychainAvailable(): boolean;
  testConnection?: TestConnection;
  now(): Date;
}) {
  const { workspaces, secretStore, logger } = deps;

  const guard = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof KeychainUnavailableError)
        throw new DeskFailure(
          'KEYCHAIN_UNAVAILABLE',
          `The OS keychain is not available, so ${what}: ${error.message}`,
        );
      throw error;
    }
  };

  const status = async (workspaceId: string): Promise<CredentialStatus> => {
    const profile = workspaces.profile(workspaceId);
    const base = { workspaceId, keyId: profile.keyId, keychainAvailable: deps.keychainAvailable() };
    if (!base.keychainAvailable) return { ...base, keySecret: false, callbackSecret: false };
    try {
      const [keySecret, callbackSecret] = await Promise.all([
        secretStore.get(secretName(workspaceId, 'key-secret')),
        secretStore.get(secretName(workspaceId, 'callback-secret')),
      ]);
      if (keySecret) logger.redact(keySecret);
      if (callbackSecret) logger.redact(callbackSecret);
      // A secret not bound to the current endpoint is as good as none: it will never be sent.
      const usable = keySecret !== null && workspaces.boundEndpoint(workspaceId) !== null;
      return { ...base, keySecret: usable, callbackSecret: callbackSecret !== null };
    } catch (error) {
      if (error instanceof KeychainUnavailableError)
        return { ...base, keychainAvailable: false, keySecret: false, callbackSecret: false };
      throw error;
    }
  };

  const requireLive = (workspaceId: string) => {
    const profile = workspaces.profile(workspaceId);
    if (profile.kind === 'sandbox')
      throw new DeskFailure(
        'VALIDATION',
        'The Sandbox needs no credentials: the simulator provides its own.',
      );
    return profile;
  };

  return {
    status,

    async set(input: {
      workspaceId: string;
      keyId?: string | undefined;
      keySecret?: string | undefined;
      callbackSecret?: string | undefined;
    }) {
      requireLive(input.workspaceId);
      if (input.keySecret) logger.redact(input.keySecret);
      if (input.callbackSecret) logger.redact(input.callbackSecret);
      if (!deps.keychainAvailable())
        throw new DeskFailure(
          'KEYCHAIN_UNAVAILABLE',
          'The OS keychain is not available, so nothing was stored. Unlock or start it and probe again.',
        );
      // The endpoint must pass the policy before a secret is stored for it; the binding follows the store.
      if (input.keySecret) workspaces.assertSecretEndpoint(input.workspaceId);
      await guard('nothing was stored', async () => {
        if (input.keySecret)
          await secretStore.set(secretName(input.workspaceId, 'key-secret'), input.keySecret);
        if (input.callbackSecret)
          await secretStore.set(secretName(input.workspaceId, 'callback-secret'), input.callbackSecret);
      });
      if (input.keySecret) workspaces.bindSecret(input.workspaceId);
      if (input.keyId) workspaces.setKeyId(input.workspaceId, input.keyId);
      logger.log('info', 'credentials stored', { workspace: input.workspaceId });
      return status(input.workspaceId);
    },

    async delete(input: { workspaceId: string; which: 'keySecret' | 'callbackSecret' | 'all' }) {
      requireLive(input.workspaceId);
      await guard('nothing was deleted', async () => {
        if (input.which !== 'callbackSecret')
          await secretStore.delete(secretName(input.workspaceId, 'key-secret'));
        if (input.which !== 'keySecret')
          await secretStore.delete(secretName(input.workspaceId, 'callback-secret'));
      });
      return status(input.workspaceId);
    },

    /**
     * The key secret, for the Sinch client only (never crosses the contract); null unless it is
     * bound to the workspace's current endpoint.
     */
    async keySecret(workspaceId: string): Promise<string | null> {
      return (await this.bound(workspaceId))?.keySecret ?? null;
    },

    /**
     * The key secret together with the endpoint it is bound to, checked AFTER the keychain answered:
     * an edit that repointed the workspace meanwhile makes this null, never secret + new endpoint.
     */
    async bound(workspaceId: string): Promise<{ keySecret: string; endpoint: BoundEndpoint } | null> {
      if (!workspaces.boundEndpoint(workspaceId)) return null;
      const value = await guard('the key secret cannot be read', () =>
        secretStore.get(secretName(workspaceId, 'key-secret')),
      );
      if (!value) return null;
      logger.redact(value);
      const endpoint = workspaces.boundEndpoint(workspaceId);
      return endpoint ? { keySecret: value, endpoint } : null;
    },

    async callbackSecret(workspaceId: string): Promise<string | null> {
      const value = await guard('the callback secret cannot be read', () =>
        secretStore.get(secretName(workspaceId, 'callback-secret')),
      );
      if (value) logger.redact(value);
      return value;
    },

    async test(workspaceId: string): Promise<ConnectionTestResult & { checkedAt: string }> {
      const profile = requireLive(workspaceId);
      const checkedAt = deps.now().toISOString();
      if (!profile.keyId) return { ok: false, detail: 'Enter the key ID first.', checkedAt };
      const bound = await this.bound(workspaceId);
      if (!bound)
        return {
          ok: false,
          detail:
            'No key secret is stored for this workspace and its current base and token URL. Enter it again.',
          checkedAt,
        };
      if (!deps.testConnection)
        return { ok: false, detail: 'Testing credentials is not available in this build yet.', checkedAt };
      try {
        const result = await deps.testConnection(profile, { keyId: profile.keyId, ...bound });
        return { ...result, checkedAt };
      } catch (error) {
        return {
          ok: false,
          detail: error instanceof Error ? error.message.slice(0, 300) : 'The test failed.',
          checkedAt,
        };
      }
    },
  };
}
export type Credentials = ReturnType<typeof createCredentials>;
