import { join } from 'node:path';
import { type Db, openDatabase } from '../store/database';
import { migrate } from '../store/migrations';
import { MIGRATIONS } from '../store/migrations/index';
import { tempDir } from '../store/test-support';

/** A migrated, encrypted database in a temp dir, a controllable clock, and cleanup (tests only). */
export function queueFixture() {
  const t = tempDir('hd-queue-');
  const file = join(t.dir, 'desk.db');
  const key = 'e'.repeat(64);
  const db = openDatabase({ file, key });
  migrate(db, MIGRATIONS);
  const clock = {
    t: 1_800_000_000_000,
    now() {
      return this.t;
    },
  };
  const extra: Db[] = [];
  return {
    db,
    file,
    clock,
    /** a second connection to the same file: a second worker */
    connect(): Db {
      const other = openDatabase({ file, key });
      extra.push(other);
      return other;
    },
    cleanup() {
      for (const d of extra) d.close();
      db.close();
      t.cleanup();
    },
  };
}
