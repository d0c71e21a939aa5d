import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { type Db, openDatabase } from '../store/database';
import { migrate } from '../store/migrations';
import { MIGRATIONS } from '../store/migrations/index';
import { tempDir } from '../store/test-support';

/**
 * What the LOA tests share (tests only): obviously fake LOA details (REFERENCE.md §6.8's shape) and
 * a migrated workspace database per test. The values are examples, not data any test depends on.
 */

export const LOA_PERSON = { firstName: 'Jane', lastName: 'Roe', email: 'jane.roe@acme.example' };
export const LOA_ADDRESS = {
  buildingNumber: '1234',
  street: 'Main St',
  city: 'Springfield',
  state: 'IL',
  postalCode: '01002',
  country: 'US',
};
export const DIRECT_LOA = {
  authorisedPerson: LOA_PERSON,
  address: LOA_ADDRESS,
  currentVoiceCarrier: 'Verizon',
};
export const RESELLER_LOA = { businessName: 'Acme, Inc.', ...DIRECT_LOA };

/**
 * A fresh migrated database before each test of the calling file, closed and removed after it.
 * Call once at the file's top; read the database through the returned function inside a test.
 */
export function migratedDbPerTest(prefix: string): () => Db {
  let db: Db | null = null;
  let cleanup = () => {};
  beforeEach(() => {
    const t = tempDir(prefix);
    cleanup = t.cleanup;
    db = openDatabase({ file: join(t.dir, 'desk.db'), key: null });
    migrate(db, MIGRATIONS);
  });
  afterEach(() => {
    db?.close();
    db = null;
    cleanup();
  });
  return () => {
    if (!db) throw new Error('the database is open only inside a test');
    return db;
  };
}
