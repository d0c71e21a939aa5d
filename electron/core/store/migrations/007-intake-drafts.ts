import type { Migration } from '../migrations';

/**
 * Intake drafts (issue 8 §1, electron/core/intake/drafts.ts owns both tables): a list brought in,
 * from its first chunk on, with its rows — original text, normalised E.164, status and reason, the
 * optional fields — so review survives restarts. `loading` drafts belong to the engine that loads
 * them (`loader`); another engine's loading draft was interrupted and is deleted.
 * Rows are keyed by their spreadsheet row number; the indexes serve the status filter and sorts of
 * the per-row table and the duplicate check of an edit.
 */
export const intakeDraftsMigration: Migration = {
  version: 7,
  name: '007-intake-drafts',
  up(db) {
    db.exec(`
      CREATE TABLE intake_drafts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('import', 'qualify', 'text-enable')),
        state TEXT NOT NULL CHECK (state IN ('loading', 'ready', 'queued')),
        loader TEXT,
        source TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(source)),
        mapping TEXT CHECK (mapping IS NULL OR json_valid(mapping)),
        draft_values TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(draft_values)),
        revision INTEGER NOT NULL DEFAULT 0,
        batch_id TEXT,
        -- JSON: the rows as they were before the last bulk action (intake.undo)
        undo TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE intake_rows (
        draft_id TEXT NOT NULL REFERENCES intake_drafts(id) ON DELETE CASCADE,
        row INTEGER NOT NULL,
        original TEXT NOT NULL,
        e164 TEXT,
        region TEXT,
        toll_free INTEGER NOT NULL DEFAULT 0,
        extension TEXT,
        status TEXT NOT NULL CHECK (status IN ('valid', 'fixed', 'error', 'duplicate')),
        reason TEXT,
        skips_qualification INTEGER NOT NULL DEFAULT 0,
        fields TEXT CHECK (fields IS NULL OR json_valid(fields)),
        -- JSON {field: message} for optional cells that could not be used
        problems TEXT CHECK (problems IS NULL OR json_valid(problems)),
        PRIMARY KEY (draft_id, row)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX intake_rows_by_status ON intake_rows (draft_id, status, row);
      CREATE INDEX intake_rows_by_e164 ON intake_rows (draft_id, e164);
    `);
  },
};
