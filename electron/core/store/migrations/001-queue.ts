import type { Migration } from '../migrations';

/**
 * The job queue (DESIGN.md "Store and queue"), in Graphile Worker's vocabulary: job_key, run_at,
 * attempts, max_attempts, locked_by, locked_at. Times are epoch milliseconds (INTEGER); JSON is TEXT.
 */
export const queueMigration: Migration = {
  version: 1,
  name: '001-queue',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY,
        queue TEXT NOT NULL,
        task TEXT NOT NULL,
        -- idempotency key per user intent: enqueueing the same intent twice yields one job
        job_key TEXT NOT NULL,
        payload TEXT NOT NULL DEFAULT '{}',
        state TEXT NOT NULL DEFAULT 'pending'
          CHECK (state IN ('pending', 'running', 'waiting_remote', 'done', 'failed', 'dead', 'cancelled')),
        run_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL DEFAULT 8 CHECK (max_attempts >= 1),
        locked_by TEXT,
        locked_at INTEGER,
        -- unique per claim: finishing compares it, so a worker whose lease was reclaimed cannot finish
        lease_token TEXT,
        lease_expires_at INTEGER,
        -- JSON: the remote condition being polled while state = 'waiting_remote'
        remote_wait TEXT,
        last_error TEXT,
        result TEXT,
        -- why this job exists: 'user' (first intent) or a deliberate repeat ('reissue', 'requalify', ...)
        intent TEXT NOT NULL DEFAULT 'user',
        repeat_of INTEGER REFERENCES jobs(id),
        batch_id TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (queue, job_key)
      ) STRICT;
      CREATE INDEX jobs_runnable ON jobs (run_at, id) WHERE state IN ('pending', 'waiting_remote');
      CREATE INDEX jobs_by_state ON jobs (state, id);
      CREATE INDEX jobs_by_batch ON jobs (batch_id) WHERE batch_id IS NOT NULL;

      CREATE TABLE job_dependencies (
        job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        depends_on INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        PRIMARY KEY (job_id, depends_on),
        CHECK (job_id <> depends_on)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX job_dependencies_reverse ON job_dependencies (depends_on);

      -- Per-job history. 'intent' is written (and committed) before a request leaves, 'response'
      -- after its outcome is stored: an intent without a response is an ambiguous send to reconcile.
      CREATE TABLE job_attempts (
        id INTEGER PRIMARY KEY,
        job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        attempt INTEGER NOT NULL,
        phase TEXT NOT NULL CHECK (phase IN ('intent', 'response', 'note')),
        at INTEGER NOT NULL,
        worker TEXT,
        summary TEXT NOT NULL,
        outcome TEXT,
        http_status INTEGER
      ) STRICT;
      CREATE INDEX job_attempts_by_job ON job_attempts (job_id, id);

      -- A 429 pauses all sending of a queue (= a project) until Retry-After; stored so it survives restart.
      CREATE TABLE queue_pauses (
        queue TEXT PRIMARY KEY,
        until INTEGER NOT NULL,
        reason TEXT NOT NULL,
        set_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
