import { existsSync, readFileSync } from 'node:fs';
import type { Db } from '../../electron/core/store/database';

/**
 * The secrets acceptance check: a list of known secret values ("needles") searched in every place
 * the app leaves data ("haystacks"). A hit names the needle and the haystack, never the value.
 */
export type Needle = { name: string; value: string };
export type Haystack = { name: string; content: string | Buffer };
export type Hit = { needle: string; haystack: string; at: number };

/** The four values the issue names, derived from the known credentials. */
export function credentialNeedles(known: {
  keyId: string;
  keySecret: string;
  bearerTokens: Iterable<string>;
  hmacSecret: string;
}): Needle[] {
  const needles: Needle[] = [
    { name: 'key secret', value: known.keySecret },
    {
      name: 'base64(keyId:keySecret)',
      value: Buffer.from(`${known.keyId}:${known.keySecret}`).toString('base64'),
    },
    { name: 'HMAC secret', value: known.hmacSecret },
  ];
  let i = 0;
  for (const token of known.bearerTokens) needles.push({ name: `bearer token #${++i}`, value: token });
  return needles;
}

/** Every needle in every haystack, as UTF-8 and as UTF-16LE bytes (SQLite may store either). */
export function scan(haystacks: readonly Haystack[], needles: readonly Needle[]): Hit[] {
  const hits: Hit[] = [];
  for (const h of haystacks) {
    const bytes = typeof h.content === 'string' ? Buffer.from(h.content, 'utf8') : h.content;
    for (const n of needles) {
      if (n.value.length < 4) throw new Error(`needle "${n.name}" is too short to mean anything`);
      for (const encoded of [Buffer.from(n.value, 'utf8'), Buffer.from(n.value, 'utf16le')]) {
        const at = bytes.indexOf(encoded);
        if (at >= 0) hits.push({ needle: n.name, haystack: h.name, at });
      }
    }
  }
  return hits;
}

/** Every row of every table, decrypted (the caller opened `db` with its key), as one JSON text per table. */
export function dumpTables(db: Db): Haystack[] {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
    .pluck()
    .all() as string[];
  return tables.map((name) => ({
    name: `table ${name}`,
    content: JSON.stringify(db.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).all()),
  }));
}

/** The raw bytes of a database and its WAL/SHM companions, as they are on disk. */
export function rawDatabaseFiles(file: string): Haystack[] {
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]
    .filter((f) => existsSync(f))
    .map((f) => ({ name: `raw ${f}`, content: readFileSync(f) }));
}

export const startsWithSqliteHeader = (file: string): boolean =>
  readFileSync(file).subarray(0, 16).toString('latin1') === 'SQLite format 3\u0000';
