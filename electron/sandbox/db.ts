import Database from 'better-sqlite3-multiple-ciphers';

/**
 * The simulator's persistence: one SQLite file (or `:memory:`) holding JSON documents by kind and key,
 * plus a small key/value table for the clock and PRNG state. Everything is kept in memory as well and
 * written through, so reads stay cheap and a Sandbox workspace survives an app restart.
 * Unencrypted on purpose: it holds only simulated data and fake credentials.
 */
export class DocStore {
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement<[string, string, string]>;
  private readonly remove: Database.Statement<[string, string]>;
  private readonly metaPut: Database.Statement<[string, string]>;
  private readonly cache = new Map<string, Map<string, unknown>>();

  /** `nativeBinding`: the addon built for the running ABI (Electron's), as the engine's own store does. */
  constructor(file: string | undefined, nativeBinding?: string) {
    this.db = new Database(file ?? ':memory:', nativeBinding ? { nativeBinding } : {});
    if (file) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
    }
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS docs (kind TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL,
        PRIMARY KEY (kind, key)) STRICT;
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
    `);
    this.upsert = this.db.prepare(
      'INSERT INTO docs (kind, key, json) VALUES (?, ?, ?) ON CONFLICT (kind, key) DO UPDATE SET json = excluded.json',
    );
    this.remove = this.db.prepare('DELETE FROM docs WHERE kind = ? AND key = ?');
    this.metaPut = this.db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    const rows = this.db.prepare('SELECT kind, key, json FROM docs').all() as {
      kind: string;
      key: string;
      json: string;
    }[];
    for (const row of rows) this.kind(row.kind).set(row.key, JSON.parse(row.json));
  }

  private kind(kind: string): Map<string, unknown> {
    let map = this.cache.get(kind);
    if (!map) {
      map = new Map();
      this.cache.set(kind, map);
    }
    return map;
  }

  get<T>(kind: string, key: string): T | undefined {
    return this.kind(kind).get(key) as T | undefined;
  }

  /** All documents of a kind, in insertion order. Callers must not mutate without calling `put`. */
  all<T>(kind: string): T[] {
    return [...this.kind(kind).values()] as T[];
  }

  put<T>(kind: string, key: string, value: T): void {
    this.kind(kind).set(key, value);
    this.upsert.run(kind, key, JSON.stringify(value));
  }

  delete(kind: string, key: string): void {
    this.kind(kind).delete(key);
    this.remove.run(kind, key);
  }

  clear(): void {
    this.cache.clear();
    this.db.exec('DELETE FROM docs; DELETE FROM meta;');
  }

  meta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.metaPut.run(key, value);
  }

  /** Runs `fn` in one transaction: a request's or a clock step's writes land together or not at all. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    this.db.close();
  }
}
