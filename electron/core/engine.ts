import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AppStatus, DeskFailure, type EventPayload, type KeychainStatus } from '../../shared/contract';
import type { HandlerTable } from '../../shared/contract/dispatch';
import { summarizePlan } from '../../shared/domain/planner';
import packageJson from '../../package.json' with { type: 'json' };
import { EventBus, type EventListener } from './events';
import { loaProfileHandlers } from './loa/handlers';
import { planWithLoaProfiles } from './loa/plan-check';
import { profileKind } from './loa/profiles';
import { createFileLogger, type Logger } from './log';
import { pageOfArray } from './paging';
import { commitPlan } from './queue/commit-plan';
import { jobDetail, jobSummary, listJobs } from './queue/job-views';
import { readSyncFlag, writeSyncFlag } from './queue/sync-flag';
import { sandboxControls } from './sandbox-host/controls';
import {
  type SandboxHost,
  type EmbeddedSimulatorOptions,
  type SimulatorStatus,
  simulatorRunning,
  startSandboxHost,
} from './sandbox-host/simulator-host';
import type { SecretStore } from './secrets/secret-store';
import type { SinchClient } from './sinch';
import { acquireDataDirLock } from './store/lock';
import { type SyncClock, type SyncLoop, systemClock } from './sync';
import { testSinchConnection } from './workspaces/connection-test';
import { type Credentials, createCredentials, type TestConnection } from './workspaces/credentials';
import { SANDBOX_ID, secretName, type WorkspaceProfile } from './workspaces/registry';
import {
  budgetRegistry,
  type ClientIdentity,
  type ClientTuning,
  startSyncSession,
  workspaceClient,
} from './workspaces/sync-session';
import { type Endpoint, type OpenWorkspace, Workspaces } from './workspaces/workspaces';

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
  sandboxEndpoint?: () => Endpoint | null;
  /** Try credentials with one authenticated call. Default: the real Sinch client (workspaces/connection-test). */
  testConnection?: TestConnection;
  /** better-sqlite3 addon built for Electron's ABI (DESIGN.md "Electron and the native module"). */
  sqliteNativeBinding?: string;
  /**
   * The in-process Sandbox simulator: options (default `{ clock: { fast: 60 } }`), or `false` to not
   * run it (then the Sandbox has no Sinch to talk to and says so).
   */
  simulator?: EmbeddedSimulatorOptions | false;
  /** The sync engine's timers (default: real time). Tests pass a manual clock and move it. */
  syncClock?: SyncClock;
  /** Budget/retry/timeout of the Sinch clients the engine builds (default: the client's own). */
  sinchClient?: ClientTuning;
};

export type Engine = {
  /** The contract's handler table; shells call it only through `dispatch` (shared/contract/dispatch). */
  handlers: HandlerTable;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
  /** Engine-internal parts for the sync engine and tests; never exposed to a shell. */
  internals: {
    workspaces: Workspaces;
    credentials: Credentials;
    emit: EventBus['emit'];
    logger: Logger;
    /** the Sandbox's simulator + callback receiver while the Sandbox is open */
    sandbox(): SandboxHost | null;
    /** the sync engine of the open workspace */
    sync(): SyncLoop | null;
  };
};

const MAX_EVENT_IDS = 1000;
const unionIds = <T>(a: T[], b: T[]): T[] => [...new Set([...a, ...b])].slice(0, MAX_EVENT_IDS);

/**
 * The composition root. Never imports `electron`: the same engine runs in Electron's utilityProcess,
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
  });
  const emit: EventBus['emit'] = (event, payload) => bus.emit(event, payload);
  const startedAt = clock.now().toISOString();

  let keychain: KeychainStatus = await deps.secretStore.probe();
  logger.log('info', 'engine started', { shell: deps.shell, keychain: keychain.available });

  const nativeBinding = deps.sqliteNativeBinding ?? process.env.HOSTING_DESK_SQLITE_BINDING;
  const simulatorOptions = deps.simulator ?? {};
  const syncClock = deps.syncClock ?? systemClock;
  const tuning = deps.sinchClient ?? {};
  const budgetFor = budgetRegistry(syncClock, tuning);
  /** the Sandbox's simulator + callback receiver, while the Sandbox is open */
  let host: SandboxHost | null = null;
  let simulatorStatus: SimulatorStatus =
    simulatorOptions === false
      ? { state: 'not-available', detail: 'The simulated Sinch is turned off in this engine.' }
      : { state: 'stopped', detail: 'The simulated Sinch runs only while the Sandbox is open.' };
  /** the open workspace's sync engine */
  let session: { ws: OpenWorkspace; sync: SyncLoop } | null = null;
  const workspaces = new Workspaces({
    dataDir,
    secretStore: deps.secretStore,
    clock,
    logger,
    keychain: () => keychain,
    ...(nativeBinding ? { nativeBinding } : {}),
    sandboxEndpoint: () => {
      if (simulatorOptions === false) return deps.sandboxEndpoint?.() ?? null;
      return host ? { baseUrl: host.simulator.baseUrl, tokenUrl: host.simulator.authUrl } : null;
    },
    onJobsChanged: (ids, queue) => emit('jobs.changed', { ids, counts: queue.counts() }),
    onChanged: (ids, activeId) => emit('workspaces.changed', { ids, activeId }),
  });
  try {
    await workspaces.start();
  } catch (error) {
    lock.release();
    throw error;
  }
  const credentials = createCredentials({
    workspaces,
    secretStore: deps.secretStore,
    logger,
    keychainAvailable: () => keychain.available,
    now: () => clock.now(),
    testConnection: deps.testConnection ?? ((profile, secret) => defaultTestConnection(profile, secret)),
  });

  const nowMs = () => clock.now().getTime();
  const active = () => workspaces.active();

  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const syncState = (): EventPayload<'sync.state'> => {
    const ws = active();
    const flag = readSyncFlag(ws.db);
    const live = session?.ws === ws ? session.sync.state() : null;
    const pausedUntil = ws.queue.pausedUntil(ws.queueName);
    const rateLimitedUntil =
      live?.status === 'rate-limited' && live.until !== null ? live.until : (pausedUntil ?? null);
    const detail = !flag.running
      ? 'Paused: nothing is sent until you start syncing. Preparation works as usual.'
      : live
        ? live.detail
        : rateLimitedUntil
          ? 'Sinch asked us to slow down (429): sending resumes automatically.'
          : 'Sending the queue.';
    return {
      workspaceId: ws.profile.id,
      running: flag.running,
      rateLimitedUntil: iso(rateLimitedUntil),
      detail,
      changedAt: iso(flag.changedAt),
      ...(live ? { status: live.status, until: iso(live.until) } : {}),
    };
  };
  const emitSyncState = () => {
    try {
      emit('sync.state', syncState());
    } catch {
      // no open database: app.status says why
    }
  };
  const setSync = (running: boolean) => {
    writeSyncFlag(active().db, running, nowMs());
    if (session) running ? session.sync.start() : session.sync.pause();
    const state = syncState();
    emit('sync.state', state);
    return state;
  };

  // ── secrets the engine itself keeps (Sandbox key, callback HMAC secret) ──────────────────────────
  // Like any credential: in the keychain when there is one; in memory only when there is none,
  // because the Sandbox must work without a keychain. Never in a database.
  const memorySecrets = new Map<string, string>();
  const keepSecret = async (name: string, value: string) => {
    logger.redact(value);
    if (keychain.available) {
      try {
        await deps.secretStore.set(name, value);
        memorySecrets.delete(name);
        return;
      } catch {
        // the keychain stopped answering: keep it for this run only
      }
    }
    memorySecrets.set(name, value);
  };
  const readSecret = async (name: string): Promise<string | null> => {
    const remembered = memorySecrets.get(name);
    if (remembered) return remembered;
    if (!keychain.available) return null;
    try {
      const value = await deps.secretStore.get(name);
      if (value) logger.redact(value);
      return value;
    } catch {
      return null;
    }
  };

  // ── the Sandbox's simulator and callbacks ─────────────────────────────────────────────────────────
  const setSimulatorStatus = (status: SimulatorStatus) => {
    simulatorStatus = status;
    emit('app.statusChanged', { reason: 'simulator' });
  };
  /** A verified callback is a hint: the jobs following that resource poll now (the poll decides). */
  const hint = (resource?: string) => {
    const current = session;
    if (current?.ws.profile.kind !== 'sandbox') return;
    const ids = current.ws.queue.pollNow(current.ws.queueName, resource);
    if (ids.length) current.sync.wake();
  };
  const openSandboxHost = async () => {
    if (simulatorOptions === false || host) return;
    simulatorStatus = { state: 'starting', detail: 'The simulated Sinch is starting.' };
    try {
      host = await startSandboxHost({
        dataDir,
        nativeBinding,
        options: simulatorOptions,
        logger,
        onCallback: (payload) => hint(payload.resourceId),
      });
      setSimulatorStatus(simulatorRunning(host.simulator, simulatorOptions.clock ?? { fast: 60 }));
    } catch (error) {
      const reason = error instanceof Error ? error.message.slice(0, 300) : 'unknown error';
      logger.log('error', 'sandbox simulator failed to start', { reason });
      setSimulatorStatus({
        state: 'failed',
        detail: `The simulated Sinch could not start (${reason}). Preparation works; nothing can be sent in the Sandbox.`,
      });
    }
  };
  const closeSandboxHost = async () => {
    const h = host;
    if (!h) return;
    host = null;
    await h.close();
    setSimulatorStatus({
      state: 'stopped',
      detail: 'The simulated Sinch runs only while the Sandbox is open.',
    });
  };
  /** PATCH callbackConfiguration with the Sandbox's HMAC secret (REFERENCE.md §5.4 (23), §8.3). */
  const configureCallbacks = async (client: SinchClient) => {
    const h = host;
    if (!h) return;
    const name = secretName(SANDBOX_ID, 'callback-secret');
    let secret = await readSecret(name);
    if (!secret) {
      secret = randomBytes(32).toString('hex');
      await keepSecret(name, secret);
    }
    h.setCallbackSecret(secret);
    try {
      await client.updateCallbackConfiguration({ hmacSecret: secret }, { job: 'callback-configuration' });
    } catch (error) {
      logger.log(
        'warn',
        'sandbox callback secret not configured; callbacks will be refused, polls still work',
        {
          reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown',
        },
      );
    }
  };

  // ── the open workspace's Sinch client and sync engine ─────────────────────────────────────────────
  const identityFor = async (profile: WorkspaceProfile): Promise<ClientIdentity | null> => {
    if (profile.kind === 'sandbox') {
      if (!host) return null;
      const { project, baseUrl, authUrl } = host.simulator;
      const name = secretName(SANDBOX_ID, 'key-secret');
      if ((await readSecret(name)) !== project.keySecret) await keepSecret(name, project.keySecret);
      const keySecret = await readSecret(name);
      if (!keySecret) return null;
      return {
        projectId: project.projectId,
        authMode: 'oauth',
        keyId: project.keyId,
        keySecret,
        endpoint: { baseUrl, tokenUrl: authUrl },
      };
    }
    const keySecret = await credentials.keySecret(profile.id).catch(() => null);
    const endpoint = workspaces.endpointFor(profile.id);
    if (!keySecret || !profile.keyId || !profile.projectId || !endpoint) return null;
    return {
      projectId: profile.projectId,
      authMode: profile.authMode,
      keyId: profile.keyId,
      keySecret,
      endpoint,
    };
  };
  const startSync = async () => {
    if (session) return;
    let ws: OpenWorkspace;
    try {
      ws = active();
    } catch {
      return; // no open database: nothing to sync, app.status says why
    }
    const identity = await identityFor(ws.profile);
    const sandbox = ws.profile.kind === 'sandbox';
    const client = identity
      ? workspaceClient({
          identity,
          workspace: ws,
          clock: syncClock,
          budget: budgetFor(identity.projectId),
          tuning,
          logger,
          ...(deps.fetch ? { fetch: deps.fetch } : {}),
          // Live workspaces have no public URL: they poll (DESIGN.md "Callbacks").
          ...(sandbox && host ? { callbackUrl: host.receiver.url } : {}),
        })
      : null;
    if (client && sandbox) await configureCallbacks(client);
    session = {
      ws,
      sync: startSyncSession({
        workspace: ws,
        client,
        clock: syncClock,
        logger,
        running: readSyncFlag(ws.db).running,
        onState: () => emitSyncState(),
        onJobsChanged: (ids) => emit('jobs.changed', { ids, counts: ws.queue.counts() }),
      }),
    };
    emitSyncState();
  };
  /** Stop sending (in-flight requests awaited) BEFORE the workspace's database closes. */
  const stopSync = async () => {
    const current = session;
    session = null;
    if (current) await current.sync.stop();
  };
  const openSession = async () => {
    try {
      if (workspaces.activeProfile().kind === 'sandbox') await openSandboxHost();
      await startSync();
    } catch (error) {
      logger.log('error', 'workspace session failed to start', {
        reason: error instanceof Error ? error.message.slice(0, 300) : 'unknown',
      });
    }
  };
  const closeSession = async () => {
    await stopSync();
    await closeSandboxHost();
  };
  /** Credentials or the profile of the open workspace changed: a new client (and queue name). */
  const restartSync = async (workspaceId: string) => {
    if (workspaceId !== workspaces.activeId) return;
    await stopSync();
    await startSync();
  };
  // Session changes (switch, delete, credentials) run one at a time.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => {});
    return next;
  };

  async function defaultTestConnection(
    profile: WorkspaceProfile,
    secret: { keyId: string; keySecret: string },
  ) {
    const endpoint = workspaces.endpointFor(profile.id);
    if (!endpoint || !profile.projectId)
      return { ok: false, detail: 'This workspace has no Sinch endpoint or project ID to test against.' };
    return testSinchConnection({
      endpoint,
      projectId: profile.projectId,
      authMode: profile.authMode,
      ...secret,
      logger,
      budget: budgetFor(profile.projectId),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
  }

  const controls = sandboxControls({
    simulator: () => host?.simulator ?? null,
    isSandboxOpen: () => workspaces.activeProfile().kind === 'sandbox',
    changed: (resource) => hint(resource),
    afterReset: async () => {
      const client = session?.ws.profile.kind === 'sandbox' ? await identityFor(session.ws.profile) : null;
      if (client && session)
        await configureCallbacks(
          workspaceClient({
            identity: client,
            workspace: session.ws,
            clock: syncClock,
            budget: budgetFor(client.projectId),
            tuning,
            logger,
            ...(deps.fetch ? { fetch: deps.fetch } : {}),
          }),
        );
    },
  });

  /** The open workspace's LOA profile kinds for plan checks; null (no check) when no database is open. */
  const loaKindOrSkip = () => {
    try {
      const { db } = active();
      return (id: string) => profileKind(db, id);
    } catch {
      return null;
    }
  };
  const requireJob = <T>(value: T | null, id: number): T => {
    if (value === null) throw new DeskFailure('NOT_FOUND', `There is no job ${id}.`);
    return value;
  };
  const switched = () => {
    emit('app.statusChanged', { reason: 'workspace' });
    emitSyncState();
  };
  /** Stop the old workspace's sync (and simulator), switch, start the new one's; on refusal reopen the old. */
  const switchWorkspace = async <T>(fn: () => Promise<T>): Promise<T> => {
    await closeSession();
    try {
      return await fn();
    } finally {
      await openSession();
    }
  };

  const handlers: HandlerTable = {
    'app.status': () => {
      const profile = workspaces.activeProfile();
      const external =
        simulatorOptions === false && profile.kind === 'sandbox' ? workspaces.endpointFor(profile.id) : null;
      const simulator: SimulatorStatus = external
        ? {
            state: 'running',
            detail: `The simulated Sinch listens on ${external.baseUrl}.`,
            baseUrl: external.baseUrl,
          }
        : profile.kind === 'live' && simulatorOptions !== false
          ? { state: 'stopped', detail: 'The simulated Sinch runs only while the Sandbox is open.' }
          : simulatorStatus;
      return {
        version: packageJson.version,
        shell: deps.shell,
        dataDir,
        workspace: { id: profile.id, name: profile.name, kind: profile.kind },
        simulator,
        keychain,
        storage: workspaces.storage(),
        startedAt,
      };
    },
    'keychain.probe': async () => {
      keychain = await deps.secretStore.probe();
      emit('app.statusChanged', { reason: 'keychain' });
      return keychain;
    },

    'workspaces.list': (input) => pageOfArray('workspaces', workspaces.list(input.kind), input),
    'workspaces.get': (input) => workspaces.get(input.id),
    'workspaces.create': (input) => workspaces.create(input),
    'workspaces.update': (input) =>
      serial(async () => {
        const workspace = workspaces.update(input);
        await restartSync(input.id);
        return workspace;
      }),
    'workspaces.delete': (input) =>
      serial(async () => {
        const wasActive = workspaces.activeId === input.id;
        workspaces.profile(input.id);
        const result = wasActive
          ? await switchWorkspace(() => workspaces.remove(input.id))
          : await workspaces.remove(input.id);
        if (wasActive) switched();
        return result;
      }),
    'workspaces.switch': (input) =>
      serial(async () => {
        if (workspaces.activeId === input.id) return workspaces.switchTo(input.id);
        workspaces.profile(input.id); // NOT_FOUND before anything stops
        const workspace = await switchWorkspace(() => workspaces.switchTo(input.id));
        switched();
        return workspace;
      }),

    'credentials.status': (input) => credentials.status(input.workspaceId ?? workspaces.activeId),
    'credentials.set': (input) =>
      serial(async () => {
        const status = await credentials.set(input);
        await restartSync(input.workspaceId);
        return status;
      }),
    'credentials.delete': (input) =>
      serial(async () => {
        const status = await credentials.delete(input);
        await restartSync(input.workspaceId);
        return status;
      }),
    'credentials.test': (input) => credentials.test(input.workspaceId ?? workspaces.activeId),

    'jobs.list': (input) => {
      const ws = active();
      return {
        ...listJobs(ws.db, { states: input.states, task: input.task, batchId: input.batchId }, input),
        counts: ws.queue.counts(),
      };
    },
    'jobs.get': (input) => {
      const ws = active();
      return requireJob(jobDetail(ws.db, ws.queue, input.id), input.id);
    },
    'jobs.retry': (input) => {
      const ws = active();
      ws.queue.retry(input.id);
      session?.sync.wake();
      return requireJob(jobSummary(ws.db, input.id), input.id);
    },
    'jobs.cancel': (input) => {
      const ws = active();
      ws.queue.cancel(input.id);
      return requireJob(jobSummary(ws.db, input.id), input.id);
    },
    'plan.preview': (input) => {
      const limit = input.importOrderLimit ?? workspaces.activeProfile().importOrderLimit;
      return summarizePlan(
        planWithLoaProfiles(input.rows, { intentId: 'preview', importOrderLimit: limit }, loaKindOrSkip()),
      );
    },
    'plan.commit': (input) => {
      const ws = active();
      const limit = input.importOrderLimit ?? ws.profile.importOrderLimit;
      // Rows naming a missing LOA profile (or one of the other kind) are rejected here, not at send time.
      const plan = planWithLoaProfiles(
        input.rows,
        { intentId: input.intentId, importOrderLimit: limit },
        (id) => profileKind(ws.db, id),
      );
      const summary = summarizePlan(plan);
      if (plan.calls.length === 0)
        throw new DeskFailure(
          'VALIDATION',
          'No row of this batch can be sent; nothing was queued.',
          summary.rejected,
        );
      const committed = commitPlan(ws.db, plan, { queue: ws.queueName, label: input.label, now: nowMs() });
      if (committed.created) {
        ws.queue.notify(committed.jobIds);
        session?.sync.wake();
      }
      return {
        batchId: committed.batchId,
        created: committed.created,
        jobCount: committed.jobIds.length,
        summary,
      };
    },

    'sync.status': () => syncState(),
    'sync.start': async () => {
      const ws = active();
      if (ws.profile.kind === 'live' && !(await credentials.keySecret(ws.profile.id).catch(() => null)))
        throw new DeskFailure(
          'UNAUTHENTICATED',
          `Add the key secret of "${ws.profile.name}" before sending. Everything else keeps working without it.`,
        );
      return setSync(true);
    },
    'sync.pause': () => setSync(false),

    ...controls,

    ...loaProfileHandlers({
      db: () => active().db,
      now: nowMs,
      changed: (payload) => emit('loaProfiles.changed', payload),
    }),

    'audit.query': (input) => {
      const ws = active();
      const result = ws.audit.query(
        {
          ...(input.operation ? { operation: input.operation } : {}),
          ...(input.method ? { method: input.method } : {}),
          ...(input.status !== undefined ? { status: input.status } : {}),
          ...(input.job ? { job: input.job } : {}),
          ...(input.since ? { since: Date.parse(input.since) } : {}),
          ...(input.until ? { until: Date.parse(input.until) } : {}),
        },
        input,
      );
      return {
        ...result,
        items: result.items.map((r) => ({
          id: r.id,
          at: new Date(r.at).toISOString(),
          workspaceId: r.workspace_id,
          operation: r.operation,
          method: r.method,
          path: r.path,
          status: r.status,
          errorCode: r.error_code,
          durationMs: r.duration_ms,
          requestBytes: r.request_bytes,
          attempt: r.attempt,
          job: r.job,
        })),
      };
    },
  };

  await openSession();

  let closed = false;
  return {
    handlers,
    subscribe: (listener) => bus.subscribe(listener),
    close: async () => {
      if (closed) return;
      closed = true;
      await serial(closeSession);
      bus.close();
      workspaces.close();
      lock.release();
      logger.log('info', 'engine stopped');
    },
    internals: {
      workspaces,
      credentials,
      emit,
      logger,
      sandbox: () => host,
      sync: () => session?.sync ?? null,
    },
  };
}

/** A fresh intent id for callers that do not bring their own (tests, scripts). */
export const newIntentId = (): string => `b${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
