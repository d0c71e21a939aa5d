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
  databaseFile,
  loadRegistry,
  newWorkspaceId,
  type Registry,
  SANDBOX_ID,
  saveRegistry,
  secretName,
  type WorkspaceProfile,
} from './registry';

/** Where a workspace sends its requests. The Sandbox's comes from the simulator, once it runs. */
export type Endpoint = { baseUrl: string; tokenUrl?: string };
export const LIVE_ENDPOINT: Required<Endpoint> = {
  baseUrl: 'https://imported.numbers.api.sinch.com',
  tokenUrl: 'https://auth.sinch.com/oauth2/token',
};

/** The active workspace with its open database, queue and audit log. */
export type OpenWorkspace = {
  profile: WorkspaceProfile;
  db: Db;
  queue: JobQueue;
  audit: AuditLog;
  storage: StorageStatus;
  /** the queue name jobs of this workspace use: one per project, so a 429 pauses that project */
  queueName: string;
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

  /** Load the list and open the active workspace; if it cannot open, fall back to the Sandbox. */
  async start(): Promise<void> {
    this.registry = loadRegistry(this.deps.dataDir, this.deps.clock.now());
    saveRegistry(this.deps.dataDir, this.registry);
    const wanted = this.profile(this.registry.activeId);
    try {
      await this.open(wanted);
    } catch (error) {
      if (wanted.id === SANDBOX_ID) {
        this.failure = asFailure(error);
        this.deps.logger.log('error', 'sandbox database unavailable', { reason: this.failure.message });
        return;
      }
      this.deps.logger.log('warn', 'active workspace unavailable, opening the Sandbox', {
        workspace: wanted.id,
        reason: asFailure(error).message,
      });
      this.registry.activeId = SANDBOX_ID;
      saveRegistry(this.deps.dataDir, this.registry);
      try {
        await this.open(this.profile(SANDBOX_ID));
      } catch (sandboxError) {
        this.failure = asFailure(sandboxError);
      }
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

  /** For app.status: never throws. */
  storage(): { encrypted: boolean; available: boolean; reason: string } {
    if (this.current) return { ...this.current.storage, available: true };
    return { encrypted: false, available: false, reason: this.failure?.message ?? 'No workspace is open.' };
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
    return {
      baseUrl: profile.baseUrl ?? LIVE_ENDPOINT.baseUrl,
      tokenUrl: profile.tokenUrl ?? LIVE_ENDPOINT.tokenUrl,
    };
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
      createdAt: this.deps.clock.now().toISOString(),
    };
    this.registry.workspaces.push(profile);
    this.save([profile.id]);
    return this.view(profile);
  }

  update({ id, patch }: UpdateInput): Workspace {
    const profile = this.profile(id);
    if (profile.kind === 'sandbox') {
      const locked = (['projectId', 'authMode', 'keyId', 'baseUrl', 'tokenUrl'] as const).filter(
        (k) => patch[k] !== undefined,
      );
      if (locked.length)
        throw new DeskFailure(
          'VALIDATION',
          `The Sandbox's ${locked.join(', ')} cannot be changed: the simulator sets them.`,
        );
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
    this.save([id]);
    return this.view(profile);
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

  private view(profile: WorkspaceProfile): Workspace {
    return { ...profile, active: profile.id === this.registry.activeId };
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
