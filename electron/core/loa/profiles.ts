import { randomBytes } from 'node:crypto';
import {
  DeskFailure,
  type LoaProfile,
  type LoaProfileInfo,
  type LoaProfileKind,
  loaInfoSchemaFor,
} from '../../../shared/contract';
import { directLoaInfo, resellerLoaInfo } from '../../../shared/sinch';
import { unfinishedJobsWithLoaProfile } from '../queue/job-queue';
import { decodeCursor, encodeCursor, type PageInput } from '../paging';
import type { Db } from '../store/database';

/**
 * LOA profiles of one workspace (table `loa_profiles`, migration 004). Plain functions over the
 * workspace's Db; the engine passes the open workspace's. Times are epoch ms in the table.
 */

type Row = { id: string; label: string; kind: string; info: string; created_at: number; updated_at: number };

const iso = (ms: number) => new Date(ms).toISOString();

function toProfile(row: Row): LoaProfile {
  return {
    id: row.id,
    label: row.label,
    kind: row.kind as LoaProfileKind,
    info: JSON.parse(row.info) as LoaProfileInfo,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/**
 * The info exactly as it will be sent: the strict contract shape of the kind (no unknown keys, an email
 * that is an email), then the client's own wire schema (REFERENCE.md §6.8) — both must accept it.
 */
export function checkInfo(kind: LoaProfileKind, info: unknown): LoaProfileInfo {
  const strict = loaInfoSchemaFor(kind).safeParse(info);
  if (!strict.success)
    throw new DeskFailure(
      'VALIDATION',
      kind === 'direct'
        ? 'This is not a direct LOA: authorised person, address and current voice carrier, and no business name.'
        : 'This is not a reseller LOA: end business name, authorised person, address and current voice carrier.',
      strict.error.issues,
    );
  const wire = (kind === 'direct' ? directLoaInfo : resellerLoaInfo).safeParse(strict.data);
  if (!wire.success)
    throw new DeskFailure('VALIDATION', 'Sinch would not accept this LOA.', wire.error.issues);
  return strict.data;
}

export const readRow = (db: Db, id: string): Row | undefined =>
  db.prepare('SELECT * FROM loa_profiles WHERE id = ?').get(id) as Row | undefined;

export function getProfile(db: Db, id: string): LoaProfile | null {
  const row = readRow(db, id);
  return row ? toProfile(row) : null;
}

export function requireProfile(db: Db, id: string): LoaProfile {
  const profile = getProfile(db, id);
  if (!profile) throw new DeskFailure('NOT_FOUND', `There is no LOA profile ${id}.`);
  return profile;
}

/** Keyset paging by (label, id): stable while profiles are added or removed between pages. */
export function listProfiles(
  db: Db,
  filter: { kind?: LoaProfileKind | undefined; text?: string | undefined },
  paging: PageInput,
): { items: LoaProfile[]; nextCursor: string | null; total: number } {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (filter.kind) {
    where.push('kind = @kind');
    params.kind = filter.kind;
  }
  if (filter.text) {
    // LIKE is case-insensitive for ASCII; the escape keeps % and _ literal.
    params.text = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      `(label LIKE @text ESCAPE '\\'
        OR info ->> '$.businessName' LIKE @text ESCAPE '\\'
        OR info ->> '$.authorisedPerson.email' LIKE @text ESCAPE '\\'
        OR (info ->> '$.authorisedPerson.firstName') || ' ' || (info ->> '$.authorisedPerson.lastName') LIKE @text ESCAPE '\\')`,
    );
  }
  const filtered = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.prepare(`SELECT count(*) FROM loa_profiles ${filtered}`).pluck().get(params) as number;
  if (paging.offset !== undefined) {
    const rows = db
      .prepare(`SELECT * FROM loa_profiles ${filtered} ORDER BY label, id LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: paging.limit, offset: paging.offset }) as Row[];
    return { items: rows.map(toProfile), nextCursor: null, total };
  }
  const key = decodeCursor<[string, string]>('loaProfiles', paging.cursor, ['string', 'string']);
  const after = key ? { label: key[0], id: key[1] } : null;
  const keyset = after ? `${where.length ? 'AND' : 'WHERE'} (label, id) > (@afterLabel, @afterId)` : '';
  const rows = db
    .prepare(`SELECT * FROM loa_profiles ${filtered} ${keyset} ORDER BY label, id LIMIT @limit`)
    .all({
      ...params,
      ...(after ? { afterLabel: after.label, afterId: after.id } : {}),
      limit: paging.limit + 1,
    }) as Row[];
  const more = rows.length > paging.limit;
  const items = rows.slice(0, paging.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(toProfile),
    nextCursor: more && last ? encodeCursor('loaProfiles', [last.label, last.id]) : null,
    total,
  };
}

const newId = () => `loa-${randomBytes(6).toString('hex')}`;

function labelTaken(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed: loa_profiles\.label/.test(error.message);
}
const labelConflict = (label: string) =>
  new DeskFailure('CONFLICT', `An LOA profile named "${label}" already exists in this workspace.`);

export function createProfile(
  db: Db,
  input: { label: string; kind: LoaProfileKind; info: unknown },
  now: number,
): LoaProfile {
  const info = checkInfo(input.kind, input.info);
  const id = newId();
  try {
    db.prepare(
      'INSERT INTO loa_profiles (id, label, kind, info, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(id, input.label, input.kind, JSON.stringify(info), now, now);
  } catch (error) {
    if (labelTaken(error)) throw labelConflict(input.label);
    throw error;
  }
  return requireProfile(db, id);
}

/**
 * `source` (a profile of another workspace) saved under the same name in `db`; `where` names that
 * workspace for the refusal when it has a profile of that name already.
 */
export function copyProfileTo(db: Db, source: LoaProfile, now: number, where: string): LoaProfile {
  try {
    return createProfile(db, { label: source.label, kind: source.kind, info: source.info }, now);
  } catch (error) {
    if (error instanceof DeskFailure && error.code === 'CONFLICT')
      throw new DeskFailure(
        'CONFLICT',
        `${where} already has an LOA profile with the Name “${source.label}”: rename one of them, then copy again.`,
        { field: 'label' },
      );
    throw error;
  }
}

/** `info` replaces the whole info; the kind never changes (queued jobs were checked against it). */
export function updateProfile(
  db: Db,
  id: string,
  patch: { label?: string | undefined; info?: unknown },
  now: number,
): LoaProfile {
  const current = requireProfile(db, id);
  const label = patch.label ?? current.label;
  const info = patch.info === undefined ? current.info : checkInfo(current.kind, patch.info);
  try {
    db.prepare('UPDATE loa_profiles SET label = ?, info = ?, updated_at = ? WHERE id = ?').run(
      label,
      JSON.stringify(info),
      now,
      id,
    );
  } catch (error) {
    if (labelTaken(error)) throw labelConflict(label);
    throw error;
  }
  return requireProfile(db, id);
}

/** Unfinished jobs that will still read this profile when they send. */
export function jobsUsingProfile(db: Db, id: string): number[] {
  return unfinishedJobsWithLoaProfile(db, id, 100);
}

export function deleteProfile(db: Db, id: string): { id: string } {
  return db
    .transaction(() => {
      const profile = requireProfile(db, id);
      const jobs = jobsUsingProfile(db, id);
      if (jobs.length > 0)
        throw new DeskFailure(
          'CONFLICT',
          `LOA profile "${profile.label}" is still used by ${jobs.length === 100 ? '100 or more' : jobs.length} unfinished job(s); cancel them or let them finish first.`,
          { jobIds: jobs },
        );
      db.prepare('DELETE FROM loa_profiles WHERE id = ?').run(id);
      return { id };
    })
    .immediate();
}

/** The kind of a saved profile, or null when there is none (plan validation). */
export function profileKind(db: Db, id: string): LoaProfileKind | null {
  const kind = db.prepare('SELECT kind FROM loa_profiles WHERE id = ?').pluck().get(id) as string | undefined;
  return kind === 'direct' || kind === 'reseller' ? kind : null;
}

/** The id of the profile with this label (labels are unique, case-insensitive), for rows naming one. */
export const profileIdByLabel = (db: Db, label: string): string | null =>
  (db.prepare('SELECT id FROM loa_profiles WHERE label = ? COLLATE NOCASE').pluck().get(label.trim()) as
    | string
    | undefined) ?? null;
