/**
 * The engine process of the fault-at-rest suite (issue 10, finding 2): the real `createEngine`,
 * driven through its contract channels, syncing a Live workspace against the simulator in the parent
 * on real time. The parent injects disk faults and asks what the engine says:
 *
 * parent → child: `{type:'fault', code:'ENOSPC'|'EIO'}` makes the store AND the engine log refuse
 *   writes (store ENOSPC: `PRAGMA max_page_count` pinned to the current size → SQLITE_FULL; store EIO:
 *   every write statement throws SQLITE_IOERR_WRITE; log: the logger's file-system seam throws),
 *   `{type:'heal'}` gives the space back, `{type:'status'}`, `{type:'finish'}`.
 * child → parent: `{type:'ready', jobCount}`, `{type:'status', app, sync, counts}`,
 *   `{type:'finished', file, key}` (the throwaway database's fake key, so the parent can judge the run).
 */
import { createEngine, type Engine } from '../../electron/core/engine';
import { createFileLogger } from '../../electron/core/log';
import { faultyFs, nodeLogFs } from '../../electron/core/log-file';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store';
import type { Db } from '../../electron/core/store/database';
import { databaseFile, secretName } from '../../electron/core/workspaces/registry';
import type { ChannelName, Input, Output } from '../../shared/contract';
import { dispatch } from '../../shared/contract/dispatch';
import { workload } from './workload';

export type FaultParentMessage =
  | { type: 'fault'; code: 'ENOSPC' | 'EIO' }
  | { type: 'heal' }
  | { type: 'status' }
  | { type: 'finish' };
export type FaultChildMessage =
  | { type: 'ready'; jobCount: number }
  | {
      type: 'status';
      app: Output<'app.status'>;
      sync: Output<'sync.status'>;
      counts: Record<string, number>;
    }
  | { type: 'finished'; file: string; key: string }
  | { type: 'failed'; error: string };

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`fault child: ${name} is not set`);
  return value;
};

/** Store EIO: every write statement of this process throws, as a failing disk would make SQLite do. */
function writesFail(db: Db, failing: () => boolean): void {
  const statement = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, unknown>;
  for (const method of ['run', 'get', 'all'] as const) {
    const original = statement[method] as (...args: unknown[]) => unknown;
    statement[method] = function (this: { source: string }, ...args: unknown[]) {
      if (failing() && /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(this.source))
        throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
      return original.apply(this, args);
    };
  }
}

async function main(): Promise<void> {
  const send = (m: FaultChildMessage) => process.send?.(m);
  const sinch = JSON.parse(env('HD_SINCH')) as {
    baseUrl: string;
    authUrl: string;
    projectId: string;
    keyId: string;
    keySecret: string;
  };
  const dataDir = env('HD_DATA_DIR');
  const numbers = Number(env('HD_NUMBERS'));
  const logFs = faultyFs(nodeLogFs);
  const secretStore = new MemorySecretStore();
  const engine: Engine = await createEngine({
    dataDir,
    secretStore,
    shell: 'test',
    simulator: false,
    logger: createFileLogger(dataDir, 'info', { fs: logFs }),
    sinchClient: { budget: { ratePerSec: 1_000, burst: 1_000 } },
  });
  const call = async <C extends ChannelName>(channel: C, input: Input<C>): Promise<Output<C>> => {
    const result = await dispatch(engine.handlers, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as Output<C>;
  };
  const live = await call('workspaces.create', {
    name: 'Fault at rest',
    projectId: sinch.projectId,
    keyId: sinch.keyId,
    baseUrl: sinch.baseUrl,
    tokenUrl: sinch.authUrl,
    testEndpoint: true,
  });
  await call('credentials.set', { workspaceId: live.id, keySecret: sinch.keySecret });
  await call('workspaces.switch', { id: live.id });
  const db = engine.internals.workspaces.active().db;
  let storeEio = false;
  writesFail(db, () => storeEio);
  const committed = await call('plan.commit', {
    intentId: 'fault-at-rest',
    label: 'fault at rest',
    rows: workload(numbers, 70_000).rows,
  });
  await call('sync.start', {});
  send({ type: 'ready', jobCount: committed.jobCount });

  process.on('message', (m: FaultParentMessage) => {
    void (async () => {
      try {
        if (m.type === 'fault') {
          logFs.fail(m.code);
          if (m.code === 'EIO') storeEio = true;
          else db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
        } else if (m.type === 'heal') {
          logFs.heal();
          storeEio = false;
          db.pragma('max_page_count = 1073741823');
        } else if (m.type === 'status') {
          const jobs = await call('jobs.list', { limit: 1 } as Input<'jobs.list'>);
          send({
            type: 'status',
            app: await call('app.status', {}),
            sync: await call('sync.status', {}),
            counts: jobs.counts as Record<string, number>,
          });
        } else if (m.type === 'finish') {
          const key = (await secretStore.get(secretName(live.id, 'db-key'))) ?? '';
          await engine.close();
          send({ type: 'finished', file: databaseFile(dataDir, live.id), key });
          process.disconnect?.();
        }
      } catch (error) {
        send({
          type: 'failed',
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      }
    })();
  });
}

main().catch((error: unknown) => {
  process.send?.({
    type: 'failed',
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  process.exitCode = 1;
});
