import type { Db } from '../store/database';

/** The state of the user's "send the queue" switch; `changedAt` null = never touched in this workspace. */
export type SyncFlag = { running: boolean; changedAt: number | null };

/**
 * The user's "send the queue" switch, persisted in the workspace database so a restart resumes
 * what the user last chose. The sync engine reads it; `sync.start`/`sync.pause` write it.
 *
 * Until the user touches it, the workspace's kind decides: the Sandbox sends (it is simulated, so a
 * newcomer's first plan moves without hunting for Start), a Live workspace waits for one explicit
 * start (sending to Sinch is real). Once written, the stored choice wins either way.
 */
export function readSyncFlag(db: Db, kind: 'sandbox' | 'live'): SyncFlag {
  const rows = db
    .prepare(`SELECT key, value FROM settings WHERE key IN ('sync.running', 'sync.changedAt')`)
    .all() as Array<{ key: string; value: string }>;
  const get = (k: string) => rows.find((r) => r.key === k)?.value;
  const running = get('sync.running');
  const changedAt = get('sync.changedAt');
  return {
    running: running === undefined ? kind === 'sandbox' : running === '1',
    changedAt: changedAt === undefined ? null : Number(changedAt),
  };
}

export function writeSyncFlag(db: Db, running: boolean, at: number): void {
  const put = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  db.transaction(() => {
    put.run('sync.running', running ? '1' : '0');
    put.run('sync.changedAt', String(at));
  }).immediate();
}
