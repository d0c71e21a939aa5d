import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AppStatus, EventPayload, KeychainStatus } from '../../shared/contract';
import type { HandlerTable } from '../../shared/contract/dispatch';
import { EventBus, type EventListener } from './events';
import { createHandlers, type EngineContext, syncStateOf } from './handlers';
import { createFileLogger, type Logger } from './log';
import { orderCounts } from './readmodel/order-views';
import { engineSecrets } from './secrets/engine-secrets';
import type { SecretStore } from './secrets/secret-store';
import { type EmbeddedSimulator, embeddedSimulator } from './simulator-host/embedded';
import type { EmbeddedSimulatorOptions, SimulatorHost } from './simulator-host/simulator-host';
import { acquireDataDirLock } from './store/lock';
import { type SyncClock, type SyncHooks, type SyncLoop, systemClock } from './sync';
import { type WorkspaceSessions, workspaceSessions } from './workspace-session';
import { testSinchConnection } from './workspaces/connection-test';
import { type Credentials, createCredentials, type TestConnection } from './workspaces/credentials';
import type { WorkspaceProfile } from './workspaces/registry';
import { budgetRegistry, type ClientTuning } from './workspaces/sync-session';
import { type Endpoint, Workspaces } from './workspaces/workspaces';

/** Everything the engine needs from the outside world, passed in so tests can substitute each part. */
export type EngineDeps = {
  dataDir: string;
  secretStore: SecretStore;
  shell: AppStatus['shell'];
  clock?: { now(): Date };
  fetch?: typeof fetch;
  logger?: Logger;
  /**
   * Base and token URLs of an EXTERNAL Sandbox simulator. Only used with `simulator: false`; by
   * default the engine runs the simulator itself while the Sandbox is open.
   */
  externalSimulator?: () => Endpoint | null;
  /** Try credentials with one authenticated call. Default: the real Sinch client (workspaces/connection-test). */
  testConnection?: TestConnection;
  /** better-sqlite3 addon built for Electron's ABI (DESIGN.md "Electron and the native module"). */
  sqliteNativeBinding?: string;
  /**
   * The in-process Sandbox simulator: options (default `{ clock: { fast: 60 } }`), or `false` to not
   * run it (then the Sandbox has no Sinch to talk to and says so).
   */
  simulator?: EmbeddedSimulatorOptions | false;
  /** The sync loop's timers (default: real time). Tests pass a manual clock and move it. */
  syncClock?: SyncClock;
  /** Budget/retry/timeout of the Sinch clients the engine builds (default: the client's own). */
  sinchClient?: ClientTuning;
  /** Crash-test seams of the sync loop (after the intent is committed, after the response arrived). */
  syncHooks?: SyncHooks;
  /** What the Sinch clients' retries and budgets wait on (default: the sync clock's timers); harnesses move simulated time. */
  sinchSleep?: (ms: number) => Promise<void>;
  /** Jitter source of the queues, clients and sync loop (default Math.random); harnesses seed it. */
  random?: () => number;
};

export type Engine = {
  /** The contract's handler table; shells call it only through `dispatch` (shared/contract/dispatch). */
  handlers: HandlerTable;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
  /** Engine-internal parts for tests and harnesses; never exposed to a shell. */
  internals: {
    workspaces: Workspaces;
    credentials: Credentials;
    sessions: WorkspaceSessions;
    emit: EventBus['emit'];
    logger: Logger;
    /** the Sandbox's simulator + callback receiver while the Sandbox is open */
    simulator(): SimulatorHost | null;
    /** the sync loop of the open workspace */
    sync(): SyncLoop | null;
  };
};

const MAX_EVENT_IDS = 1000;
const MAX_CHANGED_PHONES = 500;
const unionIds = <T>(a: T[], b: T[]): T[] => [...new Set([...a, ...b])].slice(0, MAX_EVENT_IDS);
/** Phones are capped by the contract (a 100k batch changes them all: the count says so, the list cannot). */
const mergeNumbersChanged = (
  a: EventPayload<'numbers.changed'>,
  b: EventPayload<'numbers.changed'>,
): EventPayload<'numbers.changed'> => ({
  phones: [...new Set([...a.phones, ...b.phones])].slice(0, MAX_CHANGED_PHONES),
  changed: a.changed + b.changed,
});

/**
 * The composition root: builds the engine's long-lived parts once and hands them to the concept
 * handlers (./handlers). Never imports `electron`: the same engine runs in Electron's utilityProcess,
 * in the browser shell's server process and in tests.
 */
export async function createEngine(deps: EngineDeps): Promise<Engine> {
  const dataDir = resolve(deps.dataDir);
  mkdirSync(dataDir, { recursive: true });
  // One engine per data directory: a second one is refused here, before anything is opened.
  const lock = acquireDataDirLock(dataDir);
  const clock = deps.clock ?? { now: () => new Date() };
  const logger = deps.logger ?? createFileLogger(dataDir);
  const bus = new EventBus(100, {
    'jobs.changed': (a, b) => ({ ids: unionIds(a.ids, b.ids), counts: b.counts }),
    'workspaces.changed': (a, b) => ({ ids: unionIds(a.ids, b.ids), activeId: b.activeId }),
    // Any reason means "re-query app.status"; a workspace switch changes everything, so it wins.
    'app.statusChanged': (a, b) => (a.reason === 'workspace' ? a : b),
    'loaProfiles.changed': (a, b) => ({ ids: unionIds(a.ids, b.ids) }),
    // a key's scope is fixed, so the union of keys says everything; workspaceId names the workspace
    'settings.changed': (a, b) => ({
      keys: unionIds(a.keys, b.keys),
      workspaceId: b.workspaceId ?? a.workspaceId,
    }),
    'intake.changed': (a, b) => ({ draftIds: unionIds(a.draftIds, b.draftIds) }),
    'orders.changed': (a, b) => ({ ids: unionIds(a.ids, b.ids), counts: b.counts }),
    'numbers.changed': mergeNumbersChanged,
  });
  const emit: EventBus['emit'] = (event, payload) => bus.emit(event, payload);
  const startedAt = clock.now().toISOString();
  const now = () => clock.now().getTime();

  let keychain: KeychainStatus = await deps.secretStore.probe();
  logger.log('info', 'engine started', { shell: deps.shell, keychain: keychain.available });

  const nativeBinding = deps.sqliteNativeBinding ?? process.env.HOSTING_DESK_SQLITE_BINDING;
  const simulatorOptions = deps.simulator ?? {};
  const syncClock = deps.syncClock ?? systemClock;
  const tuning = deps.sinchClient ?? {};
  const budgetFor = budgetRegistry(syncClock, tuning, deps.sinchSleep);
  const secrets = engineSecrets({ secretStore: deps.secretStore, logger, keychain: () => keychain });

  // The simulator's callbacks need the sessions, which need the simulator: tie the knot lazily.
  let sessions: WorkspaceSessions | null = null;
  const simulator: EmbeddedSimulator = embeddedSimulator({
    dataDir,
    nativeBinding,
    options: simulatorOptions,
    logger,
    secrets,
    onStatus: () => emit('app.statusChanged', { reason: 'simulator' }),
    // A verified callback is a hint: the jobs following that resource poll now (the poll decides);
    // only its failure code is kept (readmodel/callbacks.ts).
    onCallback: (payload) => sessions?.callback(payload),
  });
  const workspaces = new Workspaces({
    dataDir,
    secretStore: deps.secretStore,
    clock,
    logger,
    keychain: () => keychain,
    ...(nativeBinding ? { nativeBinding } : {}),
    ...(deps.random ? { random: deps.random } : {}),
    sandboxEndpoint: () =>
      simulatorOptions === false ? (deps.externalSimulator?.() ?? null) : simulator.endpoint(),
    onJobsChanged: (ids, queue) => emit('jobs.changed', { ids, counts: queue.counts() }),
    onChanged: (ids, activeId) => emit('workspaces.changed', { ids, activeId }),
  });
  try {
    await workspaces.start();
  } catch (error) {
    lock.release();
    throw error;
  }
  // The endpoint comes with the secret it is bound to (workspaces/endpoint-policy.ts), never the current one.
  const testConnection: TestConnection = (profile: WorkspaceProfile, { endpoint, ...secret }) => {
    if (!profile.projectId)
      return Promise.resolve({
        ok: false,
        detail: 'This workspace has no Sinch endpoint or project ID to test against.',
      });
    return testSinchConnection({
      endpoint,
      projectId: profile.projectId,
      authMode: profile.authMode,
      ...secret,
      logger,
      budget: budgetFor(profile.projectId),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
  };
  const credentials = createCredentials({
    workspaces,
    secretStore: deps.secretStore,
    logger,
    keychainAvailable: () => keychain.available,
    now: () => clock.now(),
    testConnection: deps.testConnection ?? testConnection,
  });

  const syncState = () => syncStateOf(workspaces.active(), live.current());
  const live = workspaceSessions({
    workspaces,
    credentials,
    simulator,
    secrets,
    logger,
    syncClock,
    tuning,
    budgetFor,
    fetch: deps.fetch,
    syncHooks: deps.syncHooks,
    sleep: deps.sinchSleep,
    random: deps.random,
    onStorageChanged: () => emit('app.statusChanged', { reason: 'storage' }),
    onSyncState: () => {
      try {
        emit('sync.state', syncState());
      } catch {
        // no open database: app.status says why
      }
    },
    onJobsChanged: (ids, ws) => emit('jobs.changed', { ids, counts: ws.queue.counts() }),
    onReadModelChanged: (change, ws) => {
      if (change.orderIds.length)
        emit('orders.changed', { ids: change.orderIds, counts: orderCounts(ws.db) });
      if (change.phones.length)
        emit('numbers.changed', {
          phones: change.phones.slice(0, MAX_CHANGED_PHONES),
          changed: change.phones.length,
        });
    },
  });
  sessions = live;

  const ctx: EngineContext = {
    shell: deps.shell,
    dataDir,
    startedAt,
    embedsSimulator: simulatorOptions !== false,
    workspaces,
    credentials,
    sessions: live,
    simulator,
    emit,
    logger,
    now,
    keychain: () => keychain,
    probeKeychain: async () => {
      keychain = await deps.secretStore.probe();
      return keychain;
    },
    active: () => workspaces.active(),
    syncState,
  };
  const handlers = createHandlers(ctx);

  await live.open();

  let closed = false;
  return {
    handlers,
    subscribe: (listener) => bus.subscribe(listener),
    close: async () => {
      if (closed) return;
      closed = true;
      await live.serial(() => live.close());
      bus.close();
      workspaces.close();
      lock.release();
      logger.log('info', 'engine stopped');
    },
    internals: {
      workspaces,
      credentials,
      sessions: live,
      emit,
      logger,
      simulator: () => simulator.host(),
      sync: () => live.current()?.sync ?? null,
    },
  };
}

/** A fresh intent id for callers that do not bring their own (tests, scripts). */
export const newIntentId = (): string => `b${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
