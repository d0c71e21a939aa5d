import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../database';
import { migrate, schemaVersion } from '../migrations';
import { tempDir } from '../test-support';
import { MIGRATIONS } from './index';

/** One describe per migration: the schema before it, the step, the data that must survive it. */
let db: Db;
let cleanup: () => void;
beforeEach(() => {
  const t = tempDir('hd-migration-');
  cleanup = t.cleanup;
  db = openDatabase({ file: join(t.dir, 'desk.db'), key: 'c'.repeat(64) });
});
afterEach(() => {
  db.close();
  cleanup();
});

const tables = () =>
  db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all();
const insertJob = (key: string, queue = 'q') =>
  db
    .prepare(
      `INSERT INTO jobs (queue, task, job_key, run_at, created_at, updated_at) VALUES (?, 'task', ?, 0, 0, 0) RETURNING id`,
    )
    .pluck()
    .get(queue, key) as number;

describe('001-queue', () => {
  it('creates the queue tables with their constraints', () => {
    migrate(db, MIGRATIONS, 1);
    expect(schemaVersion(db)).toBe(1);
    expect(tables()).toEqual(['job_attempts', 'job_dependencies', 'jobs', 'queue_pauses', 'settings']);
    const id = insertJob('k1');
    expect(() => insertJob('k1')).toThrow(/UNIQUE/); // UNIQUE(queue, job_key)
    expect(insertJob('k1', 'other-queue')).toBeGreaterThan(id);
    expect(() => db.prepare(`UPDATE jobs SET state = 'bogus' WHERE id = ?`).run(id)).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE jobs SET attempts = 'x' WHERE id = ?`).run(id)).toThrow(
      /cannot store TEXT/,
    ); // STRICT
    expect(() => db.prepare('INSERT INTO job_dependencies VALUES (?, 999)').run(id)).toThrow(/FOREIGN KEY/);
  });
});

describe('002-numbers', () => {
  it('adds the domain tables and keeps existing jobs', () => {
    migrate(db, MIGRATIONS, 1);
    const job = insertJob('survivor');
    migrate(db, MIGRATIONS, 2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT job_key FROM jobs WHERE id = ?').pluck().get(job)).toBe('survivor');
    for (const t of ['batches', 'numbers', 'number_states', 'orders']) expect(tables()).toContain(t);
    db.prepare(
      `INSERT INTO numbers (phone, region, toll_free, state, updated_at) VALUES ('+12025550100', 'US', 0, 'planned', 0)`,
    ).run();
    db.prepare(
      `INSERT INTO number_states (phone, at, state, job_id) VALUES ('+12025550100', 0, 'planned', ?)`,
    ).run(job);
    expect(() =>
      db
        .prepare(
          `INSERT INTO numbers (phone, region, toll_free, state, updated_at) VALUES ('+12025550101', 'MX', 0, 'planned', 0)`,
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare(`INSERT INTO number_states (phone, at, state) VALUES ('+19999999999', 0, 'planned')`).run(),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('003-audit', () => {
  it('adds the audit log and keeps existing rows of earlier tables', () => {
    migrate(db, MIGRATIONS, 2);
    const job = insertJob('before-audit');
    migrate(db, MIGRATIONS, 3);
    expect(schemaVersion(db)).toBe(3);
    expect(tables()).toContain('audit_log');
    expect(db.prepare('SELECT count(*) FROM jobs WHERE id = ?').pluck().get(job)).toBe(1);
    // no foreign key to jobs: an audit row for a job that does not (or no longer) exist is fine
    db.prepare(
      `INSERT INTO audit_log (at, workspace_id, operation, method, path, status, duration_ms, job) VALUES (0, 'w', 'op', 'GET', '/x', 200, 5, 'gone-job-key')`,
    ).run();
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1);
  });
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

describe('006-workspace-settings', () => {
  it('adds workspace_settings (JSON values) and keeps the engine’s own settings', () => {
    migrate(db, MIGRATIONS, 5);
    db.prepare(`INSERT INTO settings (key, value) VALUES ('sync.running', '1')`).run();
    migrate(db, MIGRATIONS, 6);
    expect(schemaVersion(db)).toBe(6);
    expect(tables()).toContain('workspace_settings');
    expect(db.prepare(`SELECT value FROM settings WHERE key = 'sync.running'`).pluck().get()).toBe('1');
    db.prepare(
      `INSERT INTO workspace_settings (key, value, updated_at) VALUES ('voice.maxAttempts', '3', 1)`,
    ).run();
    expect(() =>
      db.prepare(`INSERT INTO workspace_settings (key, value, updated_at) VALUES ('x', 'not json', 1)`).run(),
    ).toThrow(/CHECK/);
  });
});

describe('007-intake-drafts', () => {
  it('adds the draft tables; earlier rows survive; rows go with their draft', () => {
    migrate(db, MIGRATIONS, 6);
    const job = insertJob('k1');
    migrate(db, MIGRATIONS, 7);
    expect(schemaVersion(db)).toBe(7);
    expect(tables()).toEqual(expect.arrayContaining(['intake_drafts', 'intake_rows']));
    expect(db.prepare('SELECT id FROM jobs').pluck().all()).toEqual([job]);
    db.prepare(
      `INSERT INTO intake_drafts (id, name, action, state, created_at, updated_at) VALUES ('d1', 'List', 'import', 'ready', 0, 0)`,
    ).run();
    db.prepare(
      `INSERT INTO intake_rows (draft_id, row, original, e164, status) VALUES ('d1', 2, '202-555-0134', '+12025550134', 'fixed')`,
    ).run();
    expect(() =>
      db
        .prepare(`INSERT INTO intake_rows (draft_id, row, original, status) VALUES ('d1', 3, 'x', 'maybe')`)
        .run(),
    ).toThrow(/CHECK/);
    db.prepare(`DELETE FROM intake_drafts WHERE id = 'd1'`).run();
    expect(db.prepare('SELECT count(*) FROM intake_rows').pluck().get()).toBe(0);
  });
});

describe('008-read-model', () => {
  it('extends orders and numbers in place, adds order_numbers and number_steps, and keeps the rows', () => {
    migrate(db, MIGRATIONS, 7);
    const job = insertJob('text-enable-1');
    db.prepare(
      `INSERT INTO numbers (phone, region, toll_free, state, updated_at) VALUES ('+12025550100', 'US', 0, 'ordered', 7)`,
    ).run();
    db.prepare(
      `INSERT INTO orders (job_id, remote_id, kind, display_name, state, created_at, updated_at)
       VALUES (?, 'order-1', 'text-enable', 'hd text-enable-1', 'SUBMITTED', 1, 2)`,
    ).run(job);

    migrate(db, MIGRATIONS, 8);
    expect(schemaVersion(db)).toBe(8);
    // old rows survive with the new columns' defaults: what the app created is 'app', numbers are 'local'
    expect(
      db.prepare(`SELECT job_id, state, origin, report FROM orders WHERE remote_id = 'order-1'`).get(),
    ).toEqual({
      job_id: job,
      state: 'SUBMITTED',
      origin: 'app',
      report: null,
    });
    expect(db.prepare(`SELECT state, kind, origin, updated_at FROM numbers`).get()).toEqual({
      state: 'ordered',
      kind: 'local',
      origin: 'app',
      updated_at: 7,
    });
    expect(indexesOf('orders')).toEqual(['orders_by_batch', 'orders_by_job', 'orders_by_state']);
    expect(tables()).toEqual(expect.arrayContaining(['order_numbers', 'number_steps']));
    const orderId = db.prepare(`SELECT id FROM orders`).pluck().get() as number;
    db.prepare(
      `INSERT INTO order_numbers (order_id, phone, osr_state, platform_state, campaign_state, detail, updated_at)
       VALUES (?, '+12025550100', 'done', 'in-progress', 'waiting', '{}', 3)`,
    ).run(orderId);
    db.prepare(
      `INSERT INTO number_steps (phone, at, order_id, step, state) VALUES ('+12025550100', 3, ?, 'osrUpdate', 'done')`,
    ).run(orderId);
    // an adopted order has no job; origin and kind are closed vocabularies
    expect(() => db.prepare(`UPDATE orders SET origin = 'elsewhere'`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE numbers SET kind = 'ported'`).run()).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO order_numbers (order_id, phone, osr_state, platform_state, campaign_state, detail, updated_at)
           VALUES (999, '+12025550100', 'done', 'done', 'done', '{}', 3)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    // deleting an order takes its numbers' rows with it and keeps the observed history
    db.prepare(`DELETE FROM orders`).run();
    expect(db.prepare(`SELECT count(*) FROM order_numbers`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT order_id FROM number_steps`).pluck().get()).toBeNull();
  });
});
