import type { Migration } from '../migrations';

/**
 * What is sent is what was shown (issue 8, "LOA entry"): at commit each text-enable job gets its own
 * copy of the LOA profile it names, and the job's payload names the copy. Editing the profile later
 * changes no queued job until the user applies the edit to them (electron/core/loa/job-copies.ts).
 * `profile_id` is where the copy came from; the profile may since have been deleted (no foreign key).
 */
export const loaJobCopiesMigration: Migration = {
  version: 9,
  name: '009-loa-job-copies',
  up(db) {
    db.exec(`
      CREATE TABLE loa_job_copies (
        id TEXT PRIMARY KEY,
        profile_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('direct', 'reseller')),
        info TEXT NOT NULL CHECK (json_valid(info)),
        copied_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX loa_job_copies_by_profile ON loa_job_copies (profile_id);
    `);
  },
};
