import type { Migration } from '../migrations';

/**
 * What screens remember per workspace (`settings.*` channels with scope `workspace`, e.g. column
 * mappings per file shape): one JSON value per setting key, validated by the key's schema in
 * shared/contract/settings.ts on write and again on read. Separate from `settings` (001), which holds
 * the engine's own switches (the sync flag) and is not exposed as a setting.
 */
export const workspaceSettingsMigration: Migration = {
  version: 6,
  name: '006-workspace-settings',
  up(db) {
    db.exec(`
      CREATE TABLE workspace_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
