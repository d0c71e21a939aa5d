import type { Migration } from '../migrations';

/**
 * Reusable LOA profiles (electron/core/loa): personal data, not a secret, so here and not in the
 * keychain. `info` is the JSON of exactly the wire object of REFERENCE.md §6.8 (validated on write by
 * the code; the CHECKs are the last line: valid JSON, and a reseller info is the one with a business name).
 */
export const loaProfilesMigration: Migration = {
  version: 4,
  name: '004-loa-profiles',
  up(db) {
    db.exec(`
      CREATE TABLE loa_profiles (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(label) BETWEEN 1 AND 120),
        kind TEXT NOT NULL CHECK (kind IN ('direct', 'reseller')),
        info TEXT NOT NULL CHECK (json_valid(info)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK ((kind = 'reseller') = (json_extract(info, '$.businessName') IS NOT NULL))
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
