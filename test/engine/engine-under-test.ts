import { join } from 'node:path';
import { createAuditLog } from '../../electron/core/audit/audit-log';
import type { Logger } from '../../electron/core/log';
import { JobQueue } from '../../electron/core/queue/job-queue';
import type { SecretStore } from '../../electron/core/secrets/secret-store';
import { type BudgetOptions, createSinchClient } from '../../electron/core/sinch';
import type { Db } from '../../electron/core/store/database';
import { acquireDataDirLock } from '../../electron/core/store/lock';
import { openWorkspaceStore } from '../../electron/core/store/workspace-store';
import type { SyncClock } from '../../electron/core/sync/clock';
import { createSyncLoop, type SyncLoop, type LoopState } from '../../electron/core/sync/loop';
import type { SyncHooks } from '../../electron/core/sync/tasks';

/**
 * THE one place the harnesses build the engine under test. Today: the workspace store (encrypted,
 * key in the given keychain), the job queue, the Sinch client and the sync engine, assembled by hand
 * the way the engine's composition root does. When the full `createEngine` drives sync through the
 * contract channels, only this file changes: callers use `db`, `sync`, `now` and `close`.
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
  /** keychain entry that holds the workspace database key */
  keyName: string;
  /** another workspace's database (default: the harness workspace under `dataDir`) */
  file?: string;
  /** the queue (= project) the jobs were committed to; default QUEUE */
  queue?: string;
  secretStore: SecretStore;
  sinch: SimulatorEndpoint;
  clock: SyncClock;
  /** what the client's retries and budget wait on; the harness moves simulated time instead of sleeping */
  sleep: (ms: number) => Promise<void>;
  /** default: practically unlimited (the crash and fault tests are not about pacing) */
  budget?: BudgetOptions;
  concurrency?: number;
  hooks?: SyncHooks;
  logger?: Logger;
  fetch?: typeof fetch;
  onJobsChanged?: (ids: number[]) => void;
  onState?: (state: LoopState) => void;
  /** seeded jitter, so a run is repeatable */
  random?: () => number;
};

export type EngineUnderTest = {
  db: Db;
  file: string;
  queue: JobQueue;
  sync: SyncLoop;
  close(): Promise<void>;
};

export const QUEUE = 'harness-project';
export const WORKSPACE_ID = 'harness';

export const workspaceFile = (dataDir: string): string =>
  join(dataDir, 'workspaces', WORKSPACE_ID, 'desk.db');

/** Open (or create) the harness workspace database with its key from `secretStore`. */
export async function openHarnessWorkspace(options: {
  dataDir: string;
  keyName: string;
  secretStore: SecretStore;
  file?: string;
}): Promise<{ db: Db; file: string; encrypted: boolean }> {
  const file = options.file ?? workspaceFile(options.dataDir);
  const store = await openWorkspaceStore({
    file,
    kind: 'sandbox',
    label: 'Harness workspace',
    keyName: options.keyName,
    secretStore: options.secretStore,
    keychainAvailable: true,
  });
  return { db: store.db, file, encrypted: store.storage.encrypted };
}

export async function openEngineUnderTest(options: EngineUnderTestOptions): Promise<EngineUnderTest> {
  const lock = acquireDataDirLock(options.dataDir);
  const { db, file } = await openHarnessWorkspace(options);
  const now = () => options.clock.now();
  const audit = createAuditLog(db, WORKSPACE_ID, now);
  const queue = new JobQueue(db, {
    clock: { now },
    ...(options.random ? { random: options.random } : {}),
  });
  const client = createSinchClient({
    projectId: options.sinch.projectId,
    auth: {
      kind: 'oauth',
      keyId: options.sinch.keyId,
      keySecret: options.sinch.keySecret,
      tokenUrl: options.sinch.authUrl,
    },
    baseUrl: options.sinch.baseUrl,
    budget: options.budget ?? { ratePerSec: 1_000_000, burst: 1_000_000 },
    now,
    sleep: options.sleep,
    onAudit: (record) => audit.recordAudit(record),
    ...(options.random ? { random: options.random } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const sync = createSyncLoop({
    db,
    queue,
    client,
    clock: options.clock,
    queues: [options.queue ?? QUEUE],
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.hooks ? { hooks: options.hooks } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.onJobsChanged ? { onJobsChanged: options.onJobsChanged } : {}),
    ...(options.onState ? { onState: options.onState } : {}),
  });
  return {
    db,
    file,
    queue,
    sync,
    async close() {
      await sync.stop();
      db.close();
      lock.release();
    },
  };
}
