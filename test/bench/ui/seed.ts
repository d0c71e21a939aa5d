import { commitPlan } from '../../../electron/core/queue/commit-plan';
import { writeSyncFlag } from '../../../electron/core/queue/sync-flag';
import { OsSecretStore } from '../../../electron/core/secrets/os-secret-store';
import { openWorkspaceStore } from '../../../electron/core/store/workspace-store';
import { databaseFile, SANDBOX_ID, secretName } from '../../../electron/core/workspaces/registry';
import { planBatch } from '../../../shared/domain/planner';
import { phoneNumbers, SERVICE_PLAN } from '../../engine/workload';

/**
 * Puts `count` jobs (and as many numbers) into the Sandbox workspace database of `dataDir` BEFORE a
 * shell starts on it, the way the engine itself would find them: the file and keychain entry the
 * engine uses (electron/core/workspaces/registry.ts: `<dataDir>/workspaces/sandbox/desk.db`, key
 * `workspace/sandbox/db-key`), opened by the engine's own `openWorkspaceStore` (encrypted when a
 * keychain answers, as the shell will then be), filled by planBatch + commitPlan as `plan.commit`
 * does. An import order limit of 1 makes one call, hence one job, per number. Sync is written paused,
 * so the shell sends nothing (the Sandbox simulator never sees these).
 */
export async function seedSandboxQueue(dataDir: string, count: number): Promise<{ jobs: number }> {
  const secretStore = new OsSecretStore();
  const keychain = await secretStore.probe();
  const opened = await openWorkspaceStore({
    file: databaseFile(dataDir, SANDBOX_ID),
    kind: 'sandbox',
    label: 'Sandbox',
    keyName: secretName(SANDBOX_ID, 'db-key'),
    secretStore,
    keychainAvailable: keychain.available,
  });
  try {
    const rows = phoneNumbers(count, 700_000).map((phoneNumber) => ({
      phoneNumber,
      action: 'import' as const,
      servicePlanId: SERVICE_PLAN,
    }));
    const plan = planBatch(rows, { intentId: 'bench-ui-100k', importOrderLimit: 1 });
    const now = Date.now();
    const committed = commitPlan(opened.db, plan, { queue: 'sandbox', label: 'Bench 100k', now });
    writeSyncFlag(opened.db, false, now);
    if (committed.jobIds.length !== count)
      throw new Error(`ui bench seed: ${committed.jobIds.length} jobs committed, expected ${count}`);
    return { jobs: committed.jobIds.length };
  } finally {
    opened.db.close();
  }
}
