import { dispatch } from '../../shared/contract/dispatch';
import type { ChannelName, Input } from '../../shared/contract';
import { createEngine, type Engine } from '../../electron/core/engine';
import { type Logger, silentLogger } from '../../electron/core/log';
import type { JobQueue } from '../../electron/core/queue/job-queue';
import type { SecretStore } from '../../electron/core/secrets/secret-store';
import type { BudgetOptions } from '../../electron/core/sinch';
import type { Db } from '../../electron/core/store/database';
import { openWorkspaceStore } from '../../electron/core/store/workspace-store';
import type { SyncClock } from '../../electron/core/sync/clock';
import type { SyncLoop } from '../../electron/core/sync/loop';
import type { SyncHooks } from '../../electron/core/sync/tasks';
import { databaseFile, loadRegistry, secretName } from '../../electron/core/workspaces/registry';

/**
 * THE one place the harnesses build the engine under test: the real `createEngine`, with a Live
 * workspace "Harness" pointed at the simulator (its key secret set through `credentials.set`), the
 * sync clock, the client's `sleep`, seeded jitter and the crash seams passed as `EngineDeps`. The
 * harness reaches into the open workspace only to commit its workload and to read the outcome.
 */
export type SimulatorEndpoint = {
  baseUrl: string;
  authUrl: string;
  projectId: string;
  keyId: string;
  keySecret: string;
};

export type EngineUnderTestOptions = {
  dataDir: string;
  secretStore: SecretStore;
  sinch: SimulatorEndpoint;
  clock: SyncClock;
  /** what the client's retries and budget wait on; the harness moves simulated time instead of sleeping */
  sleep: (ms: number) => Promise<void>;
  /** default: practically unlimited (the crash and fault tests are not about pacing) */
  budget?: BudgetOptions;
  hooks?: SyncHooks;
  logger?: Logger;
  fetch?: typeof fetch;
  /** every job change of the sync loop, unthrottled */
  onJobsChanged?: (ids: number[]) => void;
  /** every state change of the sync loop, unthrottled */
  onState?: (state: { status: string }) => void;
  /** seeded jitter, so a run is repeatable */
  random?: () => number;
};

export type EngineUnderTest = {
  engine: Engine;
  db: Db;
  queue: JobQueue;
  /** the queue (= project) the workspace's jobs go to */
  queueName: string;
  sync: SyncLoop;
  close(): Promise<void>;
};

export const HARNESS_WORKSPACE = 'Harness';

async function call<C extends ChannelName>(engine: Engine, channel: C, input: Input<C>): Promise<unknown> {
  const result = await dispatch(engine.handlers, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

export async function openEngineUnderTest(options: EngineUnderTestOptions): Promise<EngineUnderTest> {
  const hooks: SyncHooks = {
    ...options.hooks,
    ...(options.onJobsChanged ? { jobsChanged: options.onJobsChanged } : {}),
    ...(options.onState ? { stateChanged: options.onState } : {}),
  };
  const engine = await createEngine({
    dataDir: options.dataDir,
    secretStore: options.secretStore,
    shell: 'test',
    logger: options.logger ?? silentLogger,
    clock: { now: () => new Date(options.clock.now()) },
    simulator: false,
    syncClock: options.clock,
    sinchClient: { budget: options.budget ?? { ratePerSec: 1_000_000, burst: 1_000_000 } },
    syncHooks: hooks,
    sinchSleep: options.sleep,
    ...(options.random ? { random: options.random } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  try {
    const { workspaces } = engine.internals;
    // First start: the user's setup through the contract. A restart finds it in the registry.
    if (workspaces.activeProfile().name !== HARNESS_WORKSPACE) {
      const { sinch } = options;
      const ws = (await call(engine, 'workspaces.create', {
        name: HARNESS_WORKSPACE,
        projectId: sinch.projectId,
        authMode: 'oauth',
        keyId: sinch.keyId,
        baseUrl: sinch.baseUrl,
        tokenUrl: sinch.authUrl,
        // the simulator on loopback: plain http only for a test endpoint (workspaces/endpoint-policy.ts)
        testEndpoint: true,
      })) as { id: string };
      await call(engine, 'credentials.set', {
        workspaceId: ws.id,
        keyId: sinch.keyId,
        keySecret: sinch.keySecret,
      });
      await call(engine, 'workspaces.switch', { id: ws.id });
    }
    const ws = workspaces.active();
    const sync = engine.internals.sync();
    if (!sync) throw new Error('the harness workspace has no sync loop');
    return {
      engine,
      db: ws.db,
      queue: ws.queue,
      queueName: ws.queueName,
      sync,
      close: () => engine.close(),
    };
  } catch (error) {
    await engine.close();
    throw error;
  }
}

/** The harness workspace's id, database file and keychain names, from the data directory's registry. */
export function harnessWorkspace(dataDir: string): { id: string; file: string; secrets: string[] } {
  const registry = loadRegistry(dataDir, new Date());
  const profile = registry.workspaces.find((w) => w.name === HARNESS_WORKSPACE);
  if (!profile) throw new Error(`no ${HARNESS_WORKSPACE} workspace in ${dataDir}`);
  return {
    id: profile.id,
    file: databaseFile(dataDir, profile.id),
    secrets: [secretName(profile.id, 'db-key'), secretName(profile.id, 'key-secret')],
  };
}

/**
 * Open a workspace database with its key from `secretStore` (to judge a run after the engine is gone):
 * the harness workspace of `dataDir`, or the given `file` and `keyName`.
 */
export async function openHarnessWorkspace(options: {
  dataDir: string;
  file?: string;
  keyName?: string;
  secretStore: SecretStore;
}): Promise<{ db: Db; file: string; encrypted: boolean }> {
  const harness = options.file && options.keyName ? null : harnessWorkspace(options.dataDir);
  const file = options.file ?? (harness as { file: string }).file;
  const store = await openWorkspaceStore({
    file,
    kind: 'live',
    label: 'Harness workspace',
    keyName: options.keyName ?? (harness as { secrets: string[] }).secrets[0] ?? '',
    secretStore: options.secretStore,
    keychainAvailable: true,
  });
  return { db: store.db, file, encrypted: store.storage.encrypted };
}
