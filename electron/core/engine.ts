import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AppStatus, DeskFailure, type EventPayload, type KeychainStatus } from '../../shared/contract';
import type { HandlerTable } from '../../shared/contract/dispatch';
import { planBatch, summarizePlan } from '../../shared/domain/planner';
import packageJson from '../../package.json' with { type: 'json' };
import { EventBus, type EventListener } from './events';
import { createFileLogger, type Logger } from './log';
import { commitPlan } from './queue/commit-plan';
import { jobDetail, jobSummary, listJobs } from './queue/job-views';
import { readSyncFlag, writeSyncFlag } from './queue/sync-flag';
import type { SecretStore } from './secrets/secret-store';
import { acquireDataDirLock } from './store/lock';
import { type Credentials, createCredentials, type TestConnection } from './workspaces/credentials';
import { type Endpoint, Workspaces } from './workspaces/workspaces';

/** Everything the engine needs from the outside world, passed in so tests can substitute each part. */
export type EngineDeps = {
  dataDir: string;
  secretStore: SecretStore;
  shell: AppStatus['shell'];
  clock?: { now(): Date };
  fetch?: typeof fetch;
  logger?: Logger;
  /** Base and token URLs of the Sandbox simulator once it runs; null/absent = not running (yet). */
  sandboxEndpoint?: () => Endpoint | null;
  /** Try credentials with one authenticated call (wired to the Sinch client by the sync engine). */
  testConnection?: TestConnection;
  /** better-sqlite3 addon built for Electron's ABI (DESIGN.md "Electron and the native module"). */
  sqliteNativeBinding?: string;
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
  });
  const emit: EventBus['emit'] = (event, payload) => bus.emit(event, payload);
  const startedAt = clock.now().toISOString();

  let keychain: KeychainStatus = await deps.secretStore.probe();
  logger.log('info', 'engine started', { shell: deps.shell, keychain: keychain.available });

  const nativeBinding = deps.sqliteNativeBinding ?? process.env.HOSTING_DESK_SQLITE_BINDING;
  const workspaces = new Workspaces({
    dataDir,
    secretStore: deps.secretStore,
    clock,
    logger,
    keychain: () => keychain,
    ...(nativeBinding ? { nativeBinding } : {}),
    ...(deps.sandboxEndpoint ? { sandboxEndpoint: deps.sandboxEndpoint } : {}),
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
    ...(deps.testConnection ? { testConnection: deps.testConnection } : {}),
  });

  const nowMs = () => clock.now().getTime();
  const active = () => workspaces.active();

  const syncState = (): EventPayload<'sync.state'> => {
    const ws = active();
    const flag = readSyncFlag(ws.db);
    const pausedUntil = ws.queue.pausedUntil(ws.queueName);
    const detail = !flag.running
      ? 'Paused: nothing is sent until you start syncing. Preparation works as usual.'
      : pausedUntil
        ? 'Sinch asked us to slow down (429): sending resumes automatically.'
        : 'Sending the queue.';
    return {
      workspaceId: ws.profile.id,
      running: flag.running,
      rateLimitedUntil: pausedUntil ? new Date(pausedUntil).toISOString() : null,
      detail,
      changedAt: flag.changedAt === null ? null : new Date(flag.changedAt).toISOString(),
    };
  };
  const setSync = (running: boolean) => {
    writeSyncFlag(active().db, running, nowMs());
    const state = syncState();
    emit('sync.state', state);
    return state;
  };
  const requireJob = <T>(value: T | null, id: number): T => {
    if (value === null) throw new DeskFailure('NOT_FOUND', `There is no job ${id}.`);
    return value;
  };
  const switched = () => {
    emit('app.statusChanged', { reason: 'workspace' });
    try {
      emit('sync.state', syncState());
    } catch {
      // the new workspace has no open database: app.status says why
    }
  };

  const handlers: HandlerTable = {
    'app.status': () => {
      const profile = workspaces.activeProfile();
      const endpoint = profile.kind === 'sandbox' ? workspaces.endpointFor(profile.id) : null;
      return {
        version: packageJson.version,
        shell: deps.shell,
        dataDir,
        workspace: { id: profile.id, name: profile.name, kind: profile.kind },
        simulator: endpoint
          ? {
              state: 'running',
              detail: `The Sinch simulator listens on ${endpoint.baseUrl}.`,
              baseUrl: endpoint.baseUrl,
            }
          : { state: 'not-available', detail: 'The Sinch simulator is not available yet in this build.' },
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

    'workspaces.list': (input) => {
      const all = workspaces.list(input.kind);
      const start = decodeOffset(input.cursor);
      const items = all.slice(start, start + input.limit);
      const next = start + input.limit < all.length ? encodeOffset(start + input.limit) : null;
      return { items, nextCursor: next, total: all.length };
    },
    'workspaces.get': (input) => workspaces.get(input.id),
    'workspaces.create': (input) => workspaces.create(input),
    'workspaces.update': (input) => workspaces.update(input),
    'workspaces.delete': async (input) => {
      const wasActive = workspaces.activeId === input.id;
      const result = await workspaces.remove(input.id);
      if (wasActive) switched();
      return result;
    },
    'workspaces.switch': async (input) => {
      const before = workspaces.activeId;
      const workspace = await workspaces.switchTo(input.id);
      if (before !== input.id) switched();
      return workspace;
    },

    'credentials.status': (input) => credentials.status(input.workspaceId ?? workspaces.activeId),
    'credentials.set': (input) => credentials.set(input),
    'credentials.delete': (input) => credentials.delete(input),
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
      return requireJob(jobSummary(ws.db, input.id), input.id);
    },
    'jobs.cancel': (input) => {
      const ws = active();
      ws.queue.cancel(input.id);
      return requireJob(jobSummary(ws.db, input.id), input.id);
    },
    'plan.preview': (input) => {
      const limit = input.importOrderLimit ?? workspaces.activeProfile().importOrderLimit;
      return summarizePlan(planBatch(input.rows, { intentId: 'preview', importOrderLimit: limit }));
    },
    'plan.commit': (input) => {
      const ws = active();
      const limit = input.importOrderLimit ?? ws.profile.importOrderLimit;
      const plan = planBatch(input.rows, { intentId: input.intentId, importOrderLimit: limit });
      const summary = summarizePlan(plan);
      if (plan.calls.length === 0)
        throw new DeskFailure(
          'VALIDATION',
          'No row of this batch can be sent; nothing was queued.',
          summary.rejected,
        );
      const committed = commitPlan(ws.db, plan, { queue: ws.queueName, label: input.label, now: nowMs() });
      if (committed.created) ws.queue.notify(committed.jobIds);
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

  let closed = false;
  return {
    handlers,
    subscribe: (listener) => bus.subscribe(listener),
    close: async () => {
      if (closed) return;
      closed = true;
      bus.close();
      workspaces.close();
      lock.release();
      logger.log('info', 'engine stopped');
    },
    internals: { workspaces, credentials, emit, logger },
  };
}

const encodeOffset = (n: number) => Buffer.from(`o:${n}`).toString('base64url');
function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? Number(match[1]) : 0;
}

/** A fresh intent id for callers that do not bring their own (tests, scripts). */
export const newIntentId = (): string => `b${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
