import type { Migration } from '../migrations';

/**
 * Drops `numbers_by_batch`: no query reads numbers by batch (a batch's numbers are found through its
 * jobs' payloads, jobs_by_batch), and the index was a tenth of what committing 100,000 numbers
 * writes (3.5 of ~32 MB of encrypted pages, DESIGN.md "Performance budgets"). Its only other use
 * would be the foreign-key check when a batch row is deleted or re-keyed, which nothing does.
 * A query by batch added later brings the index back in its own migration.
 */
export const dropNumbersByBatchMigration: Migration = {
  version: 5,
  name: '005-numbers-by-batch',
  up(db) {
    db.exec('DROP INDEX IF EXISTS numbers_by_batch;');
  },
};
