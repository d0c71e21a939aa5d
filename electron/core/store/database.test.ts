import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskFailure } from '../../../shared/contract';
import { bigWrite, type Db, isPlaintextDatabase, openDatabase } from './database';
import { acquireDataDirLock } from './lock';
import { migrate, NewerDatabaseError, schemaVersion } from './migrations';
import { LATEST_SCHEMA, MIGRATIONS } from './migrations/index';
import { tempDir } from './test-support';

const KEY = 'a'.repeat(64);
let cleanups: Array<() => void> = [];
const temp = () => {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
};
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

describe('openDatabase', () => {
  it('encrypts: the file has no SQLite header and no plaintext, and the right key reads it back', () => {
    const file = join(temp(), 'desk.db');
    const db = openDatabase({ file, key: KEY });
    db.exec("CREATE TABLE t (v TEXT) STRICT; INSERT INTO t VALUES ('needle-plaintext-marker')");
    db.close();
    const raw = readFileSync(file);
    expect(raw.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(raw.includes(Buffer.from('needle-plaintext-marker'))).toBe(false);
    expect(isPlaintextDatabase(file)).toBe(false);
    const again = openDatabase({ file, key: KEY });
    expect(again.prepare('SELECT v FROM t').pluck().get()).toBe('needle-plaintext-marker');
    again.close();
  });

  it('refuses a wrong key or no key with SQLITE_NOTADB', () => {
    const file = join(temp(), 'desk.db');
    openDatabase({ file, key: KEY }).close();
    expect(() => openDatabase({ file, key: 'b'.repeat(64) })).toThrow(/not a database/);
    expect(() => openDatabase({ file, key: null })).toThrow(/not a database/);
  });

  it('sets WAL, synchronous=FULL and foreign keys', () => {
    const db = openDatabase({ file: join(temp(), 'desk.db'), key: KEY });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('an unencrypted database is a plain SQLite file', () => {
    const file = join(temp(), 'plain.db');
    openDatabase({ file, key: null }).close();
    expect(isPlaintextDatabase(file)).toBe(true);
  });
});

describe('migrate', () => {
  let db: Db;
  afterEach(() => db?.close());

  it('applies every migration in order and is idempotent', () => {
    db = openDatabase({ file: join(temp(), 'desk.db'), key: KEY });
    expect(migrate(db, MIGRATIONS)).toBe(LATEST_SCHEMA);
    expect(migrate(db, MIGRATIONS)).toBe(LATEST_SCHEMA);
    const strict = db
      .prepare(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 0 AND name NOT LIKE 'sqlite_%'",
      )
      .pluck()
      .all();
    expect(strict).toEqual([]); // every table is STRICT
  });

  it('refuses a database from a newer version and leaves it unchanged', () => {
    db = openDatabase({ file: join(temp(), 'desk.db'), key: KEY });
    db.pragma(`user_version = ${LATEST_SCHEMA + 1}`);
    expect(() => migrate(db, MIGRATIONS)).toThrow(NewerDatabaseError);
    expect(() => migrate(db, MIGRATIONS)).toThrow(/newer version of Hosting Desk/);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA + 1);
  });

  it('rolls a failing migration back completely', () => {
    db = openDatabase({ file: join(temp(), 'desk.db'), key: KEY });
    const broken = [
      {
        version: 1,
        name: 'broken',
        up: (d: Db) => d.exec('CREATE TABLE half (a INTEGER) STRICT; CREATE TABLE half (b INTEGER) STRICT;'),
      },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
  });
});

describe('acquireDataDirLock', () => {
  it('refuses a second engine while the first holds the directory, and frees it on release', () => {
    const dir = temp();
    const first = acquireDataDirLock(dir);
    expect(readFileSync(first.file, 'utf8').split(' ')[0]).toBe(String(process.pid)); // pid + nonce
    expect(() => acquireDataDirLock(dir)).toThrow(DeskFailure);
    expect(() => acquireDataDirLock(dir)).toThrow(/already using/);
    first.release();
    acquireDataDirLock(dir).release();
  });

  it('refuses a lock held by another live process', () => {
    const dir = temp();
    writeFileSync(join(dir, 'engine.lock'), `${process.ppid}\n`); // our parent: alive, not us
    expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`process ${process.ppid}`));
  });

  it('takes over a stale lock whose owner is dead', () => {
    const dir = temp();
    writeFileSync(join(dir, 'engine.lock'), '999999999\n'); // above pid_max: never a live process
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(lock.file, 'utf8').split(' ')[0]).toBe(String(process.pid));
    lock.release();
  });

  it('takes over a lock left by an abandoned engine of this same process', () => {
    const dir = temp();
    writeFileSync(join(dir, 'engine.lock'), `${process.pid}\n`);
    acquireDataDirLock(dir).release();
  });
});

describe('bigWrite', () => {
  it('defers the checkpoint and keeps dirty pages in memory while it runs, then restores both, even after a throw', () => {
    const db = openDatabase({ file: join(temp(), 'desk.db'), key: KEY });
    db.exec('CREATE TABLE t (v TEXT) STRICT');
    const settings = () => [
      db.pragma('wal_autocheckpoint', { simple: true }),
      db.pragma('cache_spill', { simple: true }) !== 0,
    ];
    const before = settings();
    expect(before).toEqual([1000, true]);
    let inside: unknown[] = [];
    bigWrite(db, () =>
      db.transaction(() => {
        inside = settings();
        db.prepare(`INSERT INTO t VALUES ('x')`).run();
      })(),
    );
    expect(inside).toEqual([0, false]);
    expect(settings()).toEqual(before);
    expect(() =>
      bigWrite(db, () => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(settings()).toEqual(before);
    db.close();
  });
});
