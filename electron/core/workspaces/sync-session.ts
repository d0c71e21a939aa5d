import { loaResolver } from '../loa/job-copies';
import type { Logger } from '../log';
import {
  type BudgetOptions,
  createSinchClient,
  RequestBudget,
  type RetryOptions,
  type SinchClient,
} from '../sinch';
import { REQUEST_BUDGET } from '../../../shared/domain/limits';
import { operationSettingsOf } from './operation-settings';
import { createSyncLoop, type LoopState, type SyncClock, type SyncHooks, type SyncLoop } from '../sync';
import { withCallback } from '../sync/wire-body';
import type { Endpoint, OpenWorkspace } from './workspaces';

/** Who the client authenticates as; null = no credentials (nothing is sent, preparation works). */
export type ClientIdentity = {
  projectId: string;
  authMode: 'oauth' | 'basic';
  keyId: string;
  keySecret: string;
  /** `origins`: the only origins the key secret may go to (its binding); default: the endpoint's own */
  endpoint: Endpoint & { origins?: string[] };
};

/** Knobs of the Sinch client the engine builds (tests make the budget unlimited on a manual clock). */
export type ClientTuning = {
  budget?: BudgetOptions;
  retry?: Partial<RetryOptions>;
  timeoutMs?: number;
};

/**
 * One budget per Sinch project, shared by every client of that project in this engine (sync,
 * credential tests): a 429 pauses the project, not one client (DESIGN.md "Store and queue").
 */
export function budgetRegistry(
  clock: SyncClock,
  tuning: ClientTuning,
  /** what a paced or paused request waits on (default: the clock's timers) */
  sleep?: (ms: number) => Promise<void>,
) {
  const budgets = new Map<string, RequestBudget>();
  return (projectId: string): RequestBudget => {
    let budget = budgets.get(projectId);
    if (!budget) {
      budget = new RequestBudget(tuning.budget ?? REQUEST_BUDGET, {
        now: () => clock.now(),
        sleep: sleep ?? ((ms) => new Promise<void>((resolve) => clock.setTimer(ms, resolve))),
      });
      budgets.set(projectId, budget);
    }
    return budget;
  };
}

/**
 * The Sinch client of one workspace: its audit records go to that workspace's audit log (tagged with
 * the job key the sync engine passes), and in the Sandbox every create request carries the engine's
 * loopback `callbackUrl` (REFERENCE.md §8.1: URLs are per request).
 */
export function workspaceClient(input: {
  identity: ClientIdentity;
  workspace: OpenWorkspace;
  clock: SyncClock;
  budget: RequestBudget;
  tuning: ClientTuning;
  logger: Logger;
  fetch?: typeof fetch;
  /** what retries and the budget wait on (default: the sync clock's timers) */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  callbackUrl?: string;
}): SinchClient {
  const { identity } = input;
  const client = createSinchClient({
    projectId: identity.projectId,
    auth:
      identity.authMode === 'oauth'
        ? {
            kind: 'oauth',
            keyId: identity.keyId,
            keySecret: identity.keySecret,
            ...(identity.endpoint.tokenUrl ? { tokenUrl: identity.endpoint.tokenUrl } : {}),
          }
        : { kind: 'basic', keyId: identity.keyId, keySecret: identity.keySecret },
    baseUrl: identity.endpoint.baseUrl,
    ...(identity.endpoint.origins ? { secretOrigins: identity.endpoint.origins } : {}),
    budget: input.budget,
    now: () => input.clock.now(),
    sleep: input.sleep ?? ((ms) => new Promise<void>((resolve) => input.clock.setTimer(ms, resolve))),
    onAudit: (record) => input.workspace.audit.recordAudit(record),
    logger: input.logger,
    ...(input.random ? { random: input.random } : {}),
    ...(input.tuning.retry ? { retry: input.tuning.retry } : {}),
    ...(input.tuning.timeoutMs ? { timeoutMs: input.tuning.timeoutMs } : {}),
    ...(input.fetch ? { fetch: input.fetch } : {}),
  });
  return input.callbackUrl ? withCallbackUrl(client, input.callbackUrl) : client;
}

/**
 * Adds `callbackUrl` to the bodies of the requests that accept one (REFERENCE.md §5.1 (2), §5.2 (11)–(13),
 * §5.3 (18)–(19)) unless the body already names one (sync/wire-body.ts withCallback, the rule plan.call
 * shows too). The sync engine builds the bodies; this keeps the Sandbox's loopback URL out of it.
 */
export function withCallbackUrl(client: SinchClient, callbackUrl: string): SinchClient {
  const add = <B extends object>(body: B): B => withCallback(body, callbackUrl);
  return {
    ...client,
    importNumber: (body, o) => client.importNumber(add(body), o),
    importNumbersOrder: (body, o) => client.importNumbersOrder(add(body), o),
    textEnableNumbersOrder: (body, o) => client.textEnableNumbersOrder(add(body), o),
    textEnableTollFreeNumbersOrder: (body, o) => client.textEnableTollFreeNumbersOrder(add(body), o),
    textEnableQualifiedNumbers: (body, o) => client.textEnableQualifiedNumbers(add(body), o),
    textEnableTollFreeQualifiedNumbers: (body, o) => client.textEnableTollFreeQualifiedNumbers(add(body), o),
  };
}

/**
 * The sync engine of the open workspace. Created when a workspace opens, stopped (in-flight requests
 * awaited) before its database closes. `running` is the user's persisted choice (sync flag).
 */
export function startSyncSession(input: {
  workspace: OpenWorkspace;
  client: SinchClient | null;
  clock: SyncClock;
  logger: Logger;
  running: boolean;
  hooks?: SyncHooks;
  random?: () => number;
  /** `storageChanged`: the disk started or stopped refusing writes (app.status changed too) */
  onState(state: LoopState, change: { storageChanged: boolean }): void;
  onJobsChanged(ids: number[]): void;
}): SyncLoop {
  const sync = createSyncLoop({
    db: input.workspace.db,
    queue: input.workspace.queue,
    client: input.client,
    clock: input.clock,
    logger: input.logger,
    // Only this workspace's project: a 429 for one project must not stall another's jobs.
    queues: [input.workspace.queueName],
    // Direct and reseller text-enables send the saved profile's info (electron/core/loa).
    loa: loaResolver(input.workspace.db),
    settings: () => operationSettingsOf(input.workspace),
    ...(input.hooks ? { hooks: input.hooks } : {}),
    ...(input.random ? { random: input.random } : {}),
    onState: (state) => {
      // app.status shows it too (Workspaces.storage()), with what to free.
      const trouble = state.status === 'storage-full' ? state.detail : null;
      const storageChanged = (trouble === null) !== (input.workspace.storageTrouble == null);
      input.workspace.storageTrouble = trouble;
      input.onState(state, { storageChanged });
    },
    onJobsChanged: input.onJobsChanged,
  });
  if (input.running) sync.start();
  return sync;
}
