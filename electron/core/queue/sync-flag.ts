import type { Db } from '../store/database';

/**
 * The user's "send the queue" switch, persisted in the workspace database so a restart resumes
 * what the user last chose. The sync engine reads it; `sync.start`/`sync.pause` write it.
 */
export function readSyncFlag(db: Db): { running: boolean; changedAt: number | null } {
  const rows = db
    .prepare(`SELECT key, value FROM settings WHERE key IN ('sync.running', 'sync.changedAt')`)
    .all() as Array<{ key: string; value: string }>;
  const get = (k: string) => rows.find((r) => r.key === k)?.value;
  const changedAt = get('sync.changedAt');
  return {
    running: get('sync.running') === '1',
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
