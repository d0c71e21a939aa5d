import type { Db } from './database';

/**
 * A numbered, forward-only schema step. `up` runs inside a transaction together with the
 * `user_version` bump, so a migration is applied completely or not at all.
 * Never edit a released migration: add the next number.
 */
export type Migration = { version: number; name: string; up(db: Db): void };

export class NewerDatabaseError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This database was written by a newer version of Hosting Desk (schema ${found}; this version knows up to ${supported}). ` +
        'Update Hosting Desk to open it; nothing was changed.',
    );
    this.name = 'NewerDatabaseError';
  }
}

export const schemaVersion = (db: Db): number => db.pragma('user_version', { simple: true }) as number;

/** Bring `db` up to the last migration (or `target`). Refuses a database newer than the code. */
export function migrate(db: Db, migrations: readonly Migration[], target?: number): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}.`);
  });
  const latest = target ?? migrations.length;
  const current = schemaVersion(db);
  if (current > migrations.length) throw new NewerDatabaseError(current, migrations.length);
  for (const m of migrations) {
    if (m.version <= current || m.version > latest) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return schemaVersion(db);
}
