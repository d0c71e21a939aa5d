import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../store/database';
import { migrate, schemaVersion } from '../store/migrations';
import { MIGRATIONS } from '../store/migrations/index';
import { tempDir } from '../store/test-support';

/** 004-loa-profiles, in the pattern of store/migrations/migrations.test.ts: schema before, step, survivors. */
let db: Db;
let cleanup: () => void;
beforeEach(() => {
  const t = tempDir('hd-migration-loa-');
  cleanup = t.cleanup;
  db = openDatabase({ file: join(t.dir, 'desk.db'), key: 'c'.repeat(64) });
});
afterEach(() => {
  db.close();
  cleanup();
});

const insert = (id: string, label: string, kind: string, info: unknown) =>
  db
    .prepare(
      'INSERT INTO loa_profiles (id, label, kind, info, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)',
    )
    .run(id, label, kind, typeof info === 'string' ? info : JSON.stringify(info));

describe('004-loa-profiles', () => {
  it('adds loa_profiles (STRICT, checked) and keeps earlier rows', () => {
    migrate(db, MIGRATIONS, 3);
    db.prepare(
      `INSERT INTO jobs (queue, task, job_key, run_at, created_at, updated_at) VALUES ('q', 'task', 'before-loa', 0, 0, 0)`,
    ).run();
    migrate(db, MIGRATIONS, 4);
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare(`SELECT count(*) FROM jobs WHERE job_key = 'before-loa'`).pluck().get()).toBe(1);

    insert('a', 'Acme', 'reseller', { businessName: 'Acme, Inc.' });
    insert('b', 'Own', 'direct', { currentVoiceCarrier: 'Verizon' });
    // label unique regardless of case
    expect(() => insert('c', 'ACME', 'reseller', { businessName: 'x' })).toThrow(/UNIQUE/);
    expect(() => insert('d', 'Bad kind', 'blanket', {})).toThrow(/CHECK/);
    expect(() => insert('e', 'Not JSON', 'direct', '{oops')).toThrow(/CHECK/);
    // a reseller info is the one with a business name, both ways
    expect(() =>
      insert('f', 'Reseller without business', 'reseller', { currentVoiceCarrier: 'TMO' }),
    ).toThrow(/CHECK/);
    expect(() => insert('g', 'Direct with business', 'direct', { businessName: 'x' })).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE loa_profiles SET created_at = 'soon' WHERE id = 'a'`).run()).toThrow(
      /cannot store TEXT/,
    ); // STRICT
    expect(db.prepare('SELECT count(*) FROM loa_profiles').pluck().get()).toBe(2);
  });
});
