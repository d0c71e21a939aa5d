import type { Migration } from '../migrations';

/**
 * Domain rows the planner's output needs: the batch (one user intent), one row per number with its
 * current state and the full state history (timelines), and the hosting orders we created.
 * Which numbers a job carries is its payload's `numbers` (read with json_each), not a link table:
 * 100,000 extra rows per batch would cost a fifth of the enqueue budget for nothing the payload lacks.
 */
export const numbersMigration: Migration = {
  version: 2,
  name: '002-numbers',
  up(db) {
    db.exec(`
      CREATE TABLE batches (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        accepted_rows INTEGER NOT NULL,
        rejected_rows INTEGER NOT NULL,
        intent TEXT NOT NULL DEFAULT 'user',
        repeat_of TEXT REFERENCES batches(id)
      ) STRICT;

      CREATE TABLE numbers (
        phone TEXT PRIMARY KEY,
        region TEXT NOT NULL CHECK (region IN ('US', 'CA')),
        toll_free INTEGER NOT NULL CHECK (toll_free IN (0, 1)),
        state TEXT NOT NULL,
        batch_id TEXT REFERENCES batches(id),
        service_plan_id TEXT,
        campaign_id TEXT,
        loa_profile_id TEXT,
        loa_type TEXT,
        updated_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX numbers_by_state ON numbers (state);
      CREATE INDEX numbers_by_batch ON numbers (batch_id);

      CREATE TABLE number_states (
        id INTEGER PRIMARY KEY,
        phone TEXT NOT NULL REFERENCES numbers(phone) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        state TEXT NOT NULL,
        job_id INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
        note TEXT
      ) STRICT;
      CREATE INDEX number_states_by_phone ON number_states (phone, id);

      CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        job_id INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
        -- Sinch's hostingOrderId, once known; NULL between "intent recorded" and "response stored"
        remote_id TEXT UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('import', 'text-enable', 'text-enable-toll-free')),
        display_name TEXT,
        state TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX orders_by_job ON orders (job_id);
    `);
  },
};
