import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../database';
import { migrate, schemaVersion } from '../migrations';
import { tempDir } from '../test-support';
import { MIGRATIONS } from './index';

let db: Db;
let cleanup: () => void;
beforeEach(() => {
  const t = tempDir('hd-migration-005-');
  cleanup = t.cleanup;
  db = openDatabase({ file: join(t.dir, 'desk.db'), key: 'c'.repeat(64) });
});
afterEach(() => {
  db.close();
  cleanup();
});

const indexesOf = (table: string) =>
  db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`,
    )
    .pluck()
    .all(table);

describe('005-numbers-by-batch', () => {
  it('drops only numbers_by_batch and keeps the rows and the batch foreign key', () => {
    migrate(db, MIGRATIONS, 4);
    expect(indexesOf('numbers')).toEqual(['numbers_by_batch', 'numbers_by_state']);
    db.prepare(
      `INSERT INTO batches (id, label, created_at, accepted_rows, rejected_rows) VALUES ('b1', 'x', 0, 1, 0)`,
    ).run();
    db.prepare(
      `INSERT INTO numbers (phone, region, toll_free, state, batch_id, updated_at) VALUES ('+12025550100', 'US', 0, 'planned', 'b1', 0)`,
    ).run();

    migrate(db, MIGRATIONS, 5);
    expect(schemaVersion(db)).toBe(5);
    expect(indexesOf('numbers')).toEqual(['numbers_by_state']);
    expect(db.prepare(`SELECT batch_id FROM numbers WHERE phone = '+12025550100'`).pluck().get()).toBe('b1');
    // the reference still holds without the index (SQLite scans the child table instead)
    expect(() => db.prepare(`DELETE FROM batches WHERE id = 'b1'`).run()).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO numbers (phone, region, toll_free, state, batch_id, updated_at) VALUES ('+12025550101', 'US', 0, 'planned', 'nope', 0)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
