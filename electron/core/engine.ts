import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AppStatus, KeychainStatus } from '../../shared/contract';
import type { HandlerTable } from '../../shared/contract/dispatch';
import packageJson from '../../package.json' with { type: 'json' };
import { EventBus, type EventListener } from './events';
import { createFileLogger, type Logger } from './log';
import type { SecretStore } from './secrets/secret-store';

/** Everything the engine needs from the outside world, passed in so tests can substitute each part. */
export type EngineDeps = {
  dataDir: string;
  secretStore: SecretStore;
  shell: AppStatus['shell'];
  clock?: { now(): Date };
  fetch?: typeof fetch;
  logger?: Logger;
};

export type Engine = {
  /** The contract's handler table; shells call it only through `dispatch` (shared/contract/dispatch). */
  handlers: HandlerTable;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
};

/**
 * The composition root. Never imports `electron`: the same engine runs in Electron's utilityProcess,
 * in the browser shell's server process and in tests.
 */
export async function createEngine(deps: EngineDeps): Promise<Engine> {
  const dataDir = resolve(deps.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const clock = deps.clock ?? { now: () => new Date() };
  const logger = deps.logger ?? createFileLogger(dataDir);
  const bus = new EventBus();
  const startedAt = clock.now().toISOString();

  let keychain: KeychainStatus = await deps.secretStore.probe();
  logger.log('info', 'engine started', { shell: deps.shell, keychain: keychain.available });

  const handlers: HandlerTable = {
    'app.status': () => ({
      version: packageJson.version,
      shell: deps.shell,
      dataDir,
      workspace: { id: 'sandbox', name: 'Sandbox', kind: 'sandbox' },
      simulator: {
        state: 'not-available',
        detail: 'The Sinch simulator is not available yet in this build.',
      },
      keychain,
      startedAt,
    }),
    'keychain.probe': async () => {
      keychain = await deps.secretStore.probe();
      bus.emit('app.statusChanged', { reason: 'keychain' });
      return keychain;
    },
  };

  return {
    handlers,
    subscribe: (listener) => bus.subscribe(listener),
    close: async () => {
      bus.close();
      logger.log('info', 'engine stopped');
    },
  };
}
