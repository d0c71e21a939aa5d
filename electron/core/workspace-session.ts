import type { Logger } from './log';
import type { CallbackPayload } from '../../shared/sinch';
import { foldCallback } from './readmodel/callbacks';
import { createObserver, observingClient, type ReadModelChange } from './readmodel/observe';
import type { EngineSecrets } from './secrets/engine-secrets';
import type { EmbeddedSimulator } from './simulator-host/embedded';
import type { SinchClient } from './sinch';
import type { SyncClock, SyncHooks, SyncLoop } from './sync';
import type { Credentials } from './workspaces/credentials';
import { SANDBOX_ID, secretName, type WorkspaceProfile } from './workspaces/registry';
import {
  type budgetRegistry,
  type ClientIdentity,
  type ClientTuning,
  startSyncSession,
  workspaceClient,
} from './workspaces/sync-session';
import type { OpenWorkspace, Workspaces } from './workspaces/workspaces';
import { readSyncFlag } from './queue/sync-flag';

/**
 * What lives exactly as long as an open workspace: its Sinch client and its sync loop (and, for the
 * Sandbox, the embedded simulator). Opened when the engine starts or a workspace is switched to,
 * closed — sending stopped, in-flight requests awaited — BEFORE the workspace's database closes.
 */
export type WorkspaceSession = {
  ws: OpenWorkspace;
  /** null when the workspace has no credentials: nothing is sent, preparation works */
  client: SinchClient | null;
  sync: SyncLoop;
};

export type WorkspaceSessions = {
  current(): WorkspaceSession | null;
  /** Start the active workspace's session (simulator first when it is the Sandbox). Never throws. */
  open(): Promise<void>;
  close(): Promise<void>;
  /** Credentials or the profile of the workspace changed: a new client (and queue name) if it is open. */
  restart(workspaceId: string): Promise<void>;
  /** Stop the old session, run `fn` (switch, delete), start the new one — also when `fn` refuses. */
  around<T>(fn: () => Promise<T>): Promise<T>;
  /** Session changes (switch, delete, credentials) run one at a time. */
  serial<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Stop sending (in-flight requests awaited), run `fn`, then start the session again with a NEW
   * client — whatever `fn` did to the workspace or its Sinch (a Sandbox reset) is seen fresh.
   */
  suspended<T>(fn: (ws: OpenWorkspace) => Promise<T> | T): Promise<T>;
  /** Something changed remotely (a callback, a simulator control): jobs following it poll now. */
  hint(resourceId?: string): void;
  /**
   * A verified callback for the active workspace (the Sandbox's receiver, or one pasted and verified
   * on a Live workspace): its failure code goes to the read model, then it is a hint like any other.
   */
  callback(payload: CallbackPayload): void;
};

export function workspaceSessions(deps: {
  workspaces: Workspaces;
  credentials: Credentials;
  simulator: EmbeddedSimulator;
  secrets: EngineSecrets;
  logger: Logger;
  syncClock: SyncClock;
  tuning: ClientTuning;
  budgetFor: ReturnType<typeof budgetRegistry>;
  fetch?: typeof fetch | undefined;
  /** crash-test seams of the sync loop (EngineDeps.syncHooks) */
  syncHooks?: SyncHooks | undefined;
  /** what the clients' retries and budget wait on (EngineDeps.sinchSleep) */
  sleep?: ((ms: number) => Promise<void>) | undefined;
  /** jitter source of clients and the sync loop (EngineDeps.random) */
  random?: (() => number) | undefined;
  onSyncState(): void;
  /** the disk started or stopped refusing writes: app.status' `storage.trouble` changed */
  onStorageChanged?(): void;
  onJobsChanged(ids: number[], ws: OpenWorkspace): void;
  /** the read model folded in something Sinch answered (orders.changed / numbers.changed) */
  onReadModelChanged(change: ReadModelChange, ws: OpenWorkspace): void;
}): WorkspaceSessions {
  const { workspaces, simulator, logger } = deps;
  let session: WorkspaceSession | null = null;

  const identityFor = async (profile: WorkspaceProfile): Promise<ClientIdentity | null> => {
    if (profile.kind === 'sandbox') {
      const host = simulator.host();
      if (!host) return null;
      const { project, baseUrl, authUrl } = host.simulator;
      const name = secretName(SANDBOX_ID, 'key-secret');
      if ((await deps.secrets.read(name)) !== project.keySecret)
        await deps.secrets.keep(name, project.keySecret);
      const keySecret = await deps.secrets.read(name);
      if (!keySecret) return null;
      return {
        projectId: project.projectId,
        authMode: 'oauth',
        keyId: project.keyId,
        keySecret,
        endpoint: { baseUrl, tokenUrl: authUrl },
      };
    }
    // The secret comes with the endpoint it is bound to (workspaces/endpoint-policy.ts), never the current one.
    const bound = await deps.credentials.bound(profile.id).catch(() => null);
    if (!bound || !profile.keyId || !profile.projectId) return null;
    return { projectId: profile.projectId, authMode: profile.authMode, keyId: profile.keyId, ...bound };
  };

  const clientFor = async (ws: OpenWorkspace, withCallbacks = true): Promise<SinchClient | null> => {
    const identity = await identityFor(ws.profile);
    if (!identity) return null;
    const host = simulator.host();
    const client = workspaceClient({
      identity,
      workspace: ws,
      clock: deps.syncClock,
      budget: deps.budgetFor(identity.projectId),
      tuning: deps.tuning,
      logger,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
      ...(deps.random ? { random: deps.random } : {}),
      // Live workspaces have no public URL: they poll (DESIGN.md "Callbacks").
      ...(withCallbacks && ws.profile.kind === 'sandbox' && host ? { callbackUrl: host.receiver.url } : {}),
      // Live: the workspace's default callback URL (a public endpoint the user runs), when one is set
      ...(withCallbacks && ws.profile.kind === 'live' && ws.profile.defaults.callbackUrl
        ? { callbackUrl: ws.profile.defaults.callbackUrl }
        : {}),
    });
    // Every answer about an order or a number feeds the read model (electron/core/readmodel).
    const observer = createObserver(
      ws.db,
      () => deps.syncClock.now(),
      (change) => deps.onReadModelChanged(change, ws),
    );
    return observingClient(client, observer);
  };

  /**
   * Live: the keychain's callback secret goes to Sinch with PATCH callbackConfiguration (REFERENCE
   * §5.4: it sets the project's HMAC secret only). Sinch answers with the secret in clear; that answer
   * is dropped here — the secret never leaves the engine. A failure does not stop sync (callbacks are
   * only hints; the pollers follow everything).
   */
  const configureLiveCallbacks = async (client: SinchClient, workspaceId: string) => {
    const secret = await deps.credentials.callbackSecret(workspaceId).catch(() => null);
    if (!secret) return;
    try {
      await client.updateCallbackConfiguration({ hmacSecret: secret }, { job: 'callback-configuration' });
    } catch (error) {
      logger.log('warn', 'callback secret not sent to Sinch', {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  };

  const startSync = async () => {
    if (session) return;
    let ws: OpenWorkspace;
    try {
      ws = workspaces.active();
    } catch {
      return; // no open database: nothing to sync, app.status says why
    }
    const client = await clientFor(ws);
    if (client && ws.profile.kind === 'sandbox') await simulator.configureCallbacks(client);
    if (client && ws.profile.kind === 'live') await configureLiveCallbacks(client, ws.profile.id);
    session = {
      ws,
      client,
      sync: startSyncSession({
        workspace: ws,
        client,
        clock: deps.syncClock,
        logger,
        running: readSyncFlag(ws.db, ws.profile.kind).running,
        ...(deps.syncHooks ? { hooks: deps.syncHooks } : {}),
        ...(deps.random ? { random: deps.random } : {}),
        onState: (_state, { storageChanged }) => {
          deps.onSyncState();
          if (storageChanged) deps.onStorageChanged?.();
        },
        onJobsChanged: (ids) => deps.onJobsChanged(ids, ws),
      }),
    };
    deps.onSyncState();
  };
  const stopSync = async () => {
    const current = session;
    session = null;
    if (current) await current.sync.stop();
  };

  const open = async () => {
    try {
      if (workspaces.activeProfile().kind === 'sandbox') await simulator.open();
      await startSync();
    } catch (error) {
      logger.log('error', 'workspace session failed to start', {
        reason: error instanceof Error ? error.message.slice(0, 300) : 'unknown',
      });
    }
  };
  const close = async () => {
    await stopSync();
    await simulator.close();
  };

  let chain: Promise<unknown> = Promise.resolve();
  return {
    current: () => session,
    open,
    close,
    async restart(workspaceId) {
      if (workspaceId !== workspaces.activeId) return;
      await stopSync();
      await startSync();
    },
    async around(fn) {
      await close();
      try {
        return await fn();
      } finally {
        await open();
      }
    },
    serial(fn) {
      const next = chain.then(fn, fn);
      chain = next.catch(() => {});
      return next;
    },
    hint(resourceId) {
      const current = session;
      if (current?.ws.profile.kind !== 'sandbox') return;
      const ids = current.ws.queue.pollNow(current.ws.queueName, resourceId);
      if (ids.length) current.sync.remoteChanged();
    },
    callback(payload) {
      const current = session;
      if (!current) return;
      // a Live callback names its project; the Sandbox's receiver hears only the simulator's own
      if (current.ws.profile.kind === 'live' && payload.projectId !== current.ws.profile.projectId) return;
      const change = foldCallback(current.ws.db, payload, deps.syncClock.now());
      if (change) deps.onReadModelChanged(change, current.ws);
      this.hint(payload.resourceId);
    },
    async suspended(fn) {
      const ws = workspaces.active();
      await stopSync();
      try {
        return await fn(ws);
      } finally {
        await startSync();
      }
    },
  };
}
