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
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        status INTEGER,
        duration_ms INTEGER NOT NULL,
        request_bytes INTEGER NOT NULL DEFAULT 0,
        operation TEXT,
        attempt INTEGER,
        job_id INTEGER,
        outcome TEXT
      ) STRICT;
      CREATE INDEX audit_log_by_at ON audit_log (at);
      CREATE INDEX audit_log_by_job ON audit_log (job_id) WHERE job_id IS NOT NULL;
    `);
  },
};
