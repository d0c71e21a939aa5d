import type { Db } from './database';

/** The open workspace's remembered settings (`workspace_settings`): raw JSON per key; callers validate. */
export function readWorkspaceSettings(db: Db, keys: readonly string[]): Map<string, unknown> {
  const rows = db
    .prepare('SELECT key, value FROM workspace_settings WHERE key IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(keys)) as Array<{ key: string; value: string }>;
  return new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

export function writeWorkspaceSetting(db: Db, key: string, value: unknown, at: number): void {
  db.prepare(
    `INSERT INTO workspace_settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, JSON.stringify(value), at);
}
