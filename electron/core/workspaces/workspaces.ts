import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { DeskFailure, type KeychainStatus, type Workspace } from '../../../shared/contract';
import type { z } from 'zod';
import type { workspaceCreateSchema, workspaceUpdateSchema } from '../../../shared/contract/workspaces';
import { type AuditLog, createAuditLog } from '../audit/audit-log';
import type { Logger } from '../log';
import { JobQueue } from '../queue/job-queue';
import type { SecretStore } from '../secrets/secret-store';
import type { Db } from '../store/database';
import { openWorkspaceStore, type StorageStatus } from '../store/workspace-store';
import {
  type Endpoint,
  endpointOrigins,
  liveEndpoint,
  liveEndpointProblem,
  sameBinding,
} from './endpoint-policy';
import {
  databaseFile,
  loadRegistry,
  newWorkspaceId,
  type Registry,
  SANDBOX_ID,
  saveRegistry,
  secretName,
  type WorkspaceProfile,
} from './registry';

export { type Endpoint, LIVE_ENDPOINT } from './endpoint-policy';

/** The active workspace with its open database, queue and audit log. */
export type OpenWorkspace = {
  profile: WorkspaceProfile;
  db: Db;
  queue: JobQueue;
  audit: AuditLog;
  storage: StorageStatus;
  /** the queue name jobs of this workspace use: one per project, so a 429 pauses that project */
  queueName: string;
  /** set by its sync engine while the disk refuses writes to this database (issue 10, finding 2) */
  storageTrouble?: string | null;
};

export type WorkspacesDeps = {
  dataDir: string;
  secretStore: SecretStore;
  clock: { now(): Date };
  logger: Logger;
  keychain(): KeychainStatus;
  nativeBinding?: string;
  sandboxEndpoint?: () => Endpoint | null;
  onJobsChanged?: (ids: number[], queue: JobQueue) => void;
  /** jitter source of the queues' backoff (default Math.random; harnesses seed it) */
  random?: () => number;
  onChanged?: (ids: string[], activeId: string) => void;
};

type CreateInput = z.output<typeof workspaceCreateSchema>;
type UpdateInput = z.output<typeof workspaceUpdateSchema>;

/**
 * The workspaces of one data directory and the one that is open. Switching closes the current
 * database and opens the other; a Live workspace without a keychain is refused and the current
 * one stays open. Lifecycle state, hence a class.
 */
export class Workspaces {
  private registry!: Registry;
  private current: OpenWorkspace | null = null;
  /** why the active workspace has no open database (e.g. its key is gone) */
  private failure: DeskFailure | null = null;

  constructor(private readonly deps: WorkspacesDeps) {}

  /**
   * Load the list and open the active workspace. One that cannot open stays the active (and saved)
   * choice with the reason in `storage()` / app.status — never a silent switch to the Sandbox
   * (issue 10, finding 9); the user switches when they choose to.
   */
  async start(): Promise<void> {
    this.registry = loadRegistry(this.deps.dataDir, this.deps.clock.now());
    saveRegistry(this.deps.dataDir, this.registry);
    const wanted = this.profile(this.registry.activeId);
    try {
      await this.open(wanted);
    } catch (error) {
      this.failure = asFailure(error);
      this.deps.logger.log('error', 'active workspace database unavailable', {
        workspace: wanted.id,
        reason: this.failure.message,
      });
    }
  }

  get activeId(): string {
    return this.registry.activeId;
  }

  activeProfile(): WorkspaceProfile {
    return this.profile(this.registry.activeId);
  }

  /** The open active workspace, or the reason it could not be opened (thrown as a DeskFailure). */
  active(): OpenWorkspace {
    if (this.current) return this.current;
    throw this.failure ?? new DeskFailure('INTERNAL', 'No workspace is open.');
  }

  /** For app.status: never throws. `trouble`: the disk refuses writes to the database or the log. */
  storage(): { encrypted: boolean; available: boolean; reason: string; trouble?: string; damaged?: boolean } {
    const log = this.deps.logger.health?.() ?? null;
    const troubles = [
      this.current?.storageTrouble
        ? `Database of ${this.current.profile.name}: ${this.current.storageTrouble}`
        : null,
      log ? `Engine log: ${log.detail}` : null,
    ].filter((t): t is string => t !== null);
    const trouble = troubles.length
      ? { trouble: `${troubles.join(' ')} Data directory: ${this.deps.dataDir}.` }
      : {};
    if (this.current) return { ...this.current.storage, available: true, ...trouble };
    const damaged = (this.failure?.details as { damaged?: boolean } | undefined)?.damaged === true;
    return {
      encrypted: false,
      available: false,
      reason: this.failure?.message ?? 'No workspace is open.',
      ...(damaged ? { damaged } : {}),
      ...trouble,
    };
  }

  list(kind?: 'sandbox' | 'live'): Workspace[] {
    return this.registry.workspaces.filter((w) => !kind || w.kind === kind).map((w) => this.view(w));
  }

  get(id: string): Workspace {
    return this.view(this.profile(id));
  }

  profile(id: string): WorkspaceProfile {
    const found = this.registry.workspaces.find((w) => w.id === id);
    if (!found) throw new DeskFailure('NOT_FOUND', `There is no workspace "${id}".`);
    return found;
  }

  endpointFor(id: string): Endpoint | null {
    const profile = this.profile(id);
    if (profile.kind === 'sandbox') return this.deps.sandboxEndpoint?.() ?? null;
    return liveEndpoint(profile);
  }

  /** Refuse (VALIDATION) to store a key secret for an endpoint that breaks the policy. */
  assertSecretEndpoint(id: string): void {
    const problem = liveEndpointProblem(this.profile(id));
    if (problem) throw new DeskFailure('VALIDATION', `${problem} Nothing was stored.`);
  }

  /** A key secret was stored for this Live workspace: bind it to the endpoint it was entered for. */
  bindSecret(id: string): void {
    this.assertSecretEndpoint(id);
    const profile = this.profile(id);
    profile.secretBoundTo = endpointOrigins(liveEndpoint(profile));
    this.save([id]);
  }

  create(input: CreateInput): Workspace {
    const profile: WorkspaceProfile = {
      id: newWorkspaceId(),
      name: input.name,
      kind: 'live',
      projectId: input.projectId,
      authMode: input.authMode,
      keyId: input.keyId ?? null,
      importOrderLimit: input.importOrderLimit,
      defaults: input.defaults,
      ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}),
      ...(input.tokenUrl ? { tokenUrl: input.tokenUrl } : {}),
      ...(input.testEndpoint ? { testEndpoint: true } : {}),
      secretBoundTo: [],
      createdAt: this.deps.clock.now().toISOString(),
    };
    const problem = liveEndpointProblem(profile);
    if (problem) throw new DeskFailure('VALIDATION', problem);
    this.registry.workspaces.push(profile);
    this.save([profile.id]);
    return this.view(profile);
  }

  /**
   * Edit a profile. A Live workspace whose base or token URL changes loses its key secret in the same
   * step: the binding goes first (saved), so the secret is unusable even when the keychain then fails
   * to delete it (issue 10, finding 1).
   */
  async update({ id, patch }: UpdateInput): Promise<Workspace & { secretCleared: boolean }> {
    const profile = this.profile(id);
    if (profile.kind === 'sandbox') {
      const locked = (
        ['projectId', 'authMode', 'keyId', 'baseUrl', 'tokenUrl', 'testEndpoint'] as const
      ).filter((k) => patch[k] !== undefined);
      if (locked.length)
        throw new DeskFailure(
          'VALIDATION',
          `The Sandbox's ${locked.join(', ')} cannot be changed: the simulator sets them.`,
        );
    }
    const endpoints = {
      baseUrl: patch.baseUrl === null ? undefined : (patch.baseUrl ?? profile.baseUrl),
      tokenUrl: patch.tokenUrl === null ? undefined : (patch.tokenUrl ?? profile.tokenUrl),
      testEndpoint: patch.testEndpoint ?? profile.testEndpoint,
    };
    const endpointProblem = profile.kind === 'live' ? liveEndpointProblem(endpoints) : null;
    if (endpointProblem) throw new DeskFailure('VALIDATION', `${endpointProblem} Nothing was changed.`);
    const before = liveEndpoint(profile);
    const after = liveEndpoint(endpoints);
    const repointed =
      profile.kind === 'live' && (before.baseUrl !== after.baseUrl || before.tokenUrl !== after.tokenUrl);
    if (patch.testEndpoint !== undefined) {
      if (patch.testEndpoint) profile.testEndpoint = true;
      else delete profile.testEndpoint;
    }
    if (patch.name !== undefined) profile.name = patch.name;
    if (patch.projectId !== undefined) profile.projectId = patch.projectId;
    if (patch.authMode !== undefined) profile.authMode = patch.authMode;
    if (patch.keyId !== undefined) profile.keyId = patch.keyId;
    if (patch.importOrderLimit !== undefined) profile.importOrderLimit = patch.importOrderLimit;
    if (patch.defaults !== undefined) profile.defaults = patch.defaults;
    if (patch.baseUrl === null) delete profile.baseUrl;
    else if (patch.baseUrl !== undefined) profile.baseUrl = patch.baseUrl;
    if (patch.tokenUrl === null) delete profile.tokenUrl;
    else if (patch.tokenUrl !== undefined) profile.tokenUrl = patch.tokenUrl;
    if (this.current?.profile.id === id && patch.projectId !== undefined)
      this.current.queueName = queueNameFor(profile);
    const hadBinding = (profile.secretBoundTo?.length ?? 0) > 0;
    if (repointed) profile.secretBoundTo = [];
    this.save([id]);
    if (repointed) await this.forgetKeySecret(id);
    return { ...this.view(profile), secretCleared: repointed && hadBinding };
  }

  private async forgetKeySecret(id: string): Promise<void> {
    try {
      await this.deps.secretStore.delete(secretName(id, 'key-secret'));
      this.deps.logger.log('info', 'key secret deleted: the workspace endpoint changed', { workspace: id });
    } catch (error) {
      // Unbound already (saved above): the stale entry can never be sent; a later credentials.set overwrites it.
      this.deps.logger.log('warn', 'key secret unbound but not deleted from the keychain', {
        workspace: id,
        reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown',
      });
    }
  }

  setKeyId(id: string, keyId: string): void {
    this.profile(id).keyId = keyId;
    this.save([id]);
  }

  async switchTo(id: string): Promise<Workspace> {
    const target = this.profile(id);
    if (this.current?.profile.id === id) return this.view(target);
    // Open the target first: if it cannot open, the current workspace stays as it was.
    const previous = this.current;
    const opened = await this.openStore(target);
    previous?.db.close();
    this.current = opened;
    this.failure = null;
    this.registry.activeId = id;
    this.save([id, ...(previous ? [previous.profile.id] : [])]);
    return this.view(target);
  }

  /** Delete a Live workspace: its database files and its keychain entries. */
  async remove(id: string): Promise<{ id: string; activeId: string }> {
    const profile = this.profile(id);
    if (profile.kind === 'sandbox')
      throw new DeskFailure('CONFLICT', 'The Sandbox is built in and cannot be deleted.');
    if (this.registry.activeId === id) await this.switchTo(SANDBOX_ID);
    this.registry.workspaces = this.registry.workspaces.filter((w) => w.id !== id);
    this.save([id]);
    rmSync(dirname(databaseFile(this.deps.dataDir, id)), { recursive: true, force: true });
    for (const what of ['db-key', 'key-secret', 'callback-secret'] as const) {
      try {
        await this.deps.secretStore.delete(secretName(id, what));
      } catch {
        // Keychain unavailable: an orphaned entry without its database is harmless; the files are gone.
      }
    }
    return { id, activeId: this.registry.activeId };
  }

  /**
   * Run `use` on another workspace's database (a draft copied there), opened for the call and closed
   * after. The active workspace stays open; the target's keychain rules apply (Live needs one).
   */
  async withDatabase<T>(id: string, use: (db: Db) => T): Promise<T> {
    const profile = this.profile(id);
    if (id === this.registry.activeId) return use(this.active().db);
    const opened = await openWorkspaceStore({
      file: databaseFile(this.deps.dataDir, profile.id),
      kind: profile.kind,
      label: profile.kind === 'sandbox' ? 'Sandbox' : `workspace "${profile.name}"`,
      keyName: secretName(profile.id, 'db-key'),
      secretStore: this.deps.secretStore,
      keychainAvailable: this.deps.keychain().available,
      ...(this.deps.nativeBinding ? { nativeBinding: this.deps.nativeBinding } : {}),
    });
    try {
      return use(opened.db);
    } finally {
      opened.db.close();
    }
  }

  close(): void {
    this.current?.db.close();
    this.current = null;
  }

  private async open(profile: WorkspaceProfile): Promise<void> {
    this.current = await this.openStore(profile);
    this.failure = null;
  }

  private async openStore(profile: WorkspaceProfile): Promise<OpenWorkspace> {
    const opened = await openWorkspaceStore({
      file: databaseFile(this.deps.dataDir, profile.id),
      kind: profile.kind,
      label: profile.kind === 'sandbox' ? 'Sandbox' : `workspace "${profile.name}"`,
      keyName: secretName(profile.id, 'db-key'),
      secretStore: this.deps.secretStore,
      keychainAvailable: this.deps.keychain().available,
      ...(this.deps.nativeBinding ? { nativeBinding: this.deps.nativeBinding } : {}),
    });
    const now = () => this.deps.clock.now().getTime();
    const queue = new JobQueue(opened.db, {
      clock: { now },
      ...(this.deps.random ? { random: this.deps.random } : {}),
      ...(this.deps.onJobsChanged ? { onChange: this.deps.onJobsChanged } : {}),
    });
    // Crash recovery: one engine per data directory, so every lease found now is a dead engine's.
    const reclaimed = queue.recover();
    if (reclaimed.length)
      this.deps.logger.log('info', 'reclaimed jobs after restart', { count: reclaimed.length });
    return {
      profile,
      db: opened.db,
      queue,
      audit: createAuditLog(opened.db, profile.id, now),
      storage: opened.storage,
      queueName: queueNameFor(profile),
    };
  }

  private save(changed: string[]): void {
    saveRegistry(this.deps.dataDir, this.registry);
    this.deps.onChanged?.(changed, this.registry.activeId);
  }

  /**
   * The endpoint a Live workspace's key secret may be sent to right now, or why not: null when the
   * secret is not bound to the current endpoint or the endpoint breaks the policy.
   */
  boundEndpoint(id: string): (Endpoint & { origins: string[] }) | null {
    const profile = this.profile(id);
    if (profile.kind !== 'live' || liveEndpointProblem(profile)) return null;
    const endpoint = liveEndpoint(profile);
    const origins = endpointOrigins(endpoint);
    return sameBinding(profile.secretBoundTo, origins) ? { ...endpoint, origins } : null;
  }

  private view(profile: WorkspaceProfile): Workspace {
    const { secretBoundTo: _binding, ...visible } = profile;
    return { ...visible, active: profile.id === this.registry.activeId };
  }
}

const queueNameFor = (profile: WorkspaceProfile): string =>
  profile.kind === 'sandbox' ? 'sandbox' : `project:${profile.projectId ?? profile.id}`;

const asFailure = (error: unknown): DeskFailure =>
  error instanceof DeskFailure
    ? error
    : new DeskFailure(
        'INTERNAL',
        error instanceof Error ? error.message.slice(0, 300) : 'The database could not be opened.',
      );
