import type { Migration } from '../migrations';

/**
 * Every API call, without secrets (DESIGN.md "Sinch client"). No foreign key to jobs: the audit
 * trail outlives any job row and must never block one from being written.
 */
export const auditMigration: Migration = {
  version: 3,
  name: '003-audit',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        workspace_id TEXT NOT NULL,
        operation TEXT NOT NULL,
        method TEXT NOT NULL,
        -- path and query as sent, secret-looking query values already redacted by the client
        path TEXT NOT NULL,
        -- NULL when no response arrived (network error, timeout); error_code says which
        status INTEGER,
        error_code TEXT,
        duration_ms INTEGER NOT NULL,
        request_bytes INTEGER NOT NULL DEFAULT 0,
        attempt INTEGER NOT NULL DEFAULT 1,
        -- the job key the call was made for, if any
        job TEXT
      ) STRICT;
      CREATE INDEX audit_log_by_at ON audit_log (at);
      CREATE INDEX audit_log_by_job ON audit_log (job) WHERE job IS NOT NULL;
    `);
  },
};
