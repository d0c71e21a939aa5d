import type { Draft, IntakeRowItem } from '../../../shared/contract';
import {
  emptyCounts,
  type IntakeCounts,
  type IntakeFields,
  type RowStatus,
} from '../../../shared/domain/intake';
import type { PageInput } from '../paging';
import { decodeCursor, encodeCursor } from '../paging';
import type { Db } from '../store/database';

/**
 * The owner of `intake_drafts` and `intake_rows` (migration 007): every SQL statement on them is
 * here. Handlers (handlers/intake.ts, handlers/jobs.ts for plan.*) decide; this module stores.
 */
export type DraftRow = {
  id: string;
  name: string;
  action: Draft['action'];
  state: Draft['state'];
  loader: string | null;
  source: string;
  mapping: string | null;
  draft_values: string;
  revision: number;
  batch_id: string | null;
  undo: string | null;
  created_at: number;
  updated_at: number;
};

type RowRecord = {
  row: number;
  original: string;
  e164: string | null;
  region: 'US' | 'CA' | null;
  toll_free: 0 | 1;
  extension: string | null;
  status: RowStatus;
  reason: string | null;
  skips_qualification: 0 | 1;
  fields: string | null;
  problems: string | null;
};

const toItem = (r: RowRecord): IntakeRowItem => ({
  row: r.row,
  original: r.original,
  e164: r.e164,
  region: r.region,
  tollFree: r.toll_free === 1,
  extension: r.extension,
  status: r.status,
  reason: r.reason,
  skipsQualification: r.skips_qualification === 1,
  fields: r.fields === null ? {} : (JSON.parse(r.fields) as IntakeRowItem['fields']),
  ...(r.problems === null ? {} : { problems: JSON.parse(r.problems) as IntakeRowItem['problems'] }),
});

/** Loading drafts of another engine (a restart while loading): deleted. */
export const sweepAbandonedDrafts = (db: Db, loader: string): number =>
  db
    .prepare(`DELETE FROM intake_drafts WHERE state = 'loading' AND (loader IS NULL OR loader <> ?)`)
    .run(loader).changes;

export function insertDraft(
  db: Db,
  d: {
    id: string;
    name: string;
    action: Draft['action'];
    loader: string;
    source: unknown;
    mapping: unknown;
    values: unknown;
    now: number;
  },
): void {
  db.prepare(
    `INSERT INTO intake_drafts (id, name, action, state, loader, source, mapping, draft_values, created_at, updated_at)
     VALUES (?, ?, ?, 'loading', ?, ?, ?, ?, ?, ?)`,
  ).run(
    d.id,
    d.name,
    d.action,
    d.loader,
    JSON.stringify(d.source ?? {}),
    d.mapping === undefined ? null : JSON.stringify(d.mapping),
    JSON.stringify(d.values ?? {}),
    d.now,
    d.now,
  );
}

export const draftRow = (db: Db, id: string): DraftRow | null =>
  (db.prepare('SELECT * FROM intake_drafts WHERE id = ?').get(id) as DraftRow | undefined) ?? null;

export function rowCounts(db: Db, id: string): IntakeCounts & { rows: number } {
  const counts = emptyCounts();
  let rows = 0;
  for (const [status, n] of db
    .prepare('SELECT status, count(*) FROM intake_rows WHERE draft_id = ? GROUP BY status')
    .raw()
    .iterate(id) as IterableIterator<[RowStatus, number]>) {
    counts[status] = n;
    rows += n;
  }
  return { ...counts, rows };
}

/** `known`: counts the caller already has (a loading draft's running totals), saving the count query. */
export function draftView(db: Db, d: DraftRow, known?: IntakeCounts & { rows: number }): Draft {
  const { rows, ...counts } = known ?? rowCounts(db, d.id);
  return {
    id: d.id,
    name: d.name,
    action: d.action,
    state: d.state,
    source: JSON.parse(d.source),
    mapping: d.mapping === null ? null : JSON.parse(d.mapping),
    values: JSON.parse(d.draft_values),
    counts,
    rows,
    revision: d.revision,
    batchId: d.batch_id,
    canUndo: d.undo !== null,
    createdAt: new Date(d.created_at).toISOString(),
    updatedAt: new Date(d.updated_at).toISOString(),
  };
}

/** Drafts newest first; keyset cursor on (updated_at, id), or an offset window. */
export function listDraftRows(
  db: Db,
  input: PageInput,
): { items: DraftRow[]; nextCursor: string | null; total: number } {
  const total = db
    .prepare(`SELECT count(*) FROM intake_drafts WHERE state <> 'loading'`)
    .pluck()
    .get() as number;
  let items: DraftRow[];
  if (input.offset !== undefined) {
    items = db
      .prepare(
        `SELECT * FROM intake_drafts WHERE state <> 'loading' ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?`,
      )
      .all(input.limit, input.offset) as DraftRow[];
    return { items, nextCursor: null, total };
  }
  const after = decodeCursor<[number, string]>('drafts', input.cursor, ['number', 'string']);
  items = (
    after
      ? db
          .prepare(
            `SELECT * FROM intake_drafts WHERE state <> 'loading' AND (updated_at, id) < (?, ?)
             ORDER BY updated_at DESC, id DESC LIMIT ?`,
          )
          .all(after[0], after[1], input.limit + 1)
      : db
          .prepare(
            `SELECT * FROM intake_drafts WHERE state <> 'loading' ORDER BY updated_at DESC, id DESC LIMIT ?`,
          )
          .all(input.limit + 1)
  ) as DraftRow[];
  const more = items.length > input.limit;
  if (more) items.pop();
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: more && last ? encodeCursor('drafts', [last.updated_at, last.id]) : null,
    total,
  };
}

/** A change to the draft: new revision (plan.commit compares it), new time. */
export const touchDraft = (db: Db, id: string, now: number): void => {
  db.prepare('UPDATE intake_drafts SET revision = revision + 1, updated_at = ? WHERE id = ?').run(now, id);
};

export function insertRows(db: Db, id: string, rows: readonly IntakeRowItem[]): void {
  const insert = db.prepare(
    `INSERT INTO intake_rows (draft_id, row, original, e164, region, toll_free, extension, status, reason, skips_qualification, fields, problems)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (draft_id, row) DO UPDATE SET original = excluded.original, e164 = excluded.e164,
       region = excluded.region, toll_free = excluded.toll_free, extension = excluded.extension,
       status = excluded.status, reason = excluded.reason, skips_qualification = excluded.skips_qualification,
       fields = excluded.fields, problems = excluded.problems`,
  );
  for (const r of rows) {
    let hasFields = false;
    for (const _ in r.fields) {
      hasFields = true;
      break;
    }
    insert.run(
      id,
      r.row,
      r.original,
      r.e164,
      r.region,
      r.tollFree ? 1 : 0,
      r.extension,
      r.status,
      r.reason,
      r.skipsQualification ? 1 : 0,
      hasFields ? JSON.stringify(r.fields) : null,
      r.problems ? JSON.stringify(r.problems) : null,
    );
  }
}

export const setDraftState = (
  db: Db,
  id: string,
  state: Draft['state'],
  now: number,
  batchId?: string,
): void => {
  db.prepare(
    'UPDATE intake_drafts SET state = ?, loader = NULL, batch_id = coalesce(?, batch_id), updated_at = ? WHERE id = ?',
  ).run(state, batchId ?? null, now, id);
};

export const updateDraftFields = (
  db: Db,
  id: string,
  change: { name?: string; values?: unknown },
  now: number,
): void => {
  if (change.name !== undefined)
    db.prepare('UPDATE intake_drafts SET name = ? WHERE id = ?').run(change.name, id);
  if (change.values !== undefined)
    db.prepare('UPDATE intake_drafts SET draft_values = ? WHERE id = ?').run(
      JSON.stringify(change.values),
      id,
    );
  touchDraft(db, id, now);
};

/** Forget every draft and its rows (a Sandbox reset; rows go with their draft). */
export function clearDrafts(db: Db): void {
  db.prepare('DELETE FROM intake_drafts').run();
}

export const deleteDraft = (db: Db, id: string): boolean =>
  db.prepare('DELETE FROM intake_drafts WHERE id = ?').run(id).changes === 1;

export const setUndo = (db: Db, id: string, undo: unknown): void => {
  db.prepare('UPDATE intake_drafts SET undo = ? WHERE id = ?').run(
    undo === null ? null : JSON.stringify(undo),
    id,
  );
};

export const getRow = (db: Db, id: string, row: number): IntakeRowItem | null => {
  const r = db.prepare('SELECT * FROM intake_rows WHERE draft_id = ? AND row = ?').get(id, row) as
    | RowRecord
    | undefined;
  return r ? toItem(r) : null;
};

/** Rows by number (a selection), in row order. */
export const getRows = (db: Db, id: string, rows: readonly number[]): IntakeRowItem[] =>
  (
    db
      .prepare(
        'SELECT * FROM intake_rows WHERE draft_id = ? AND row IN (SELECT value FROM json_each(?)) ORDER BY row',
      )
      .all(id, JSON.stringify(rows)) as RowRecord[]
  ).map(toItem);

/** Every row, or those of some statuses, in row order (bulk actions, plans). */
export function* iterateRows(db: Db, id: string, statuses?: readonly RowStatus[]): Generator<IntakeRowItem> {
  const rows = (
    statuses
      ? db
          .prepare(
            'SELECT * FROM intake_rows WHERE draft_id = ? AND status IN (SELECT value FROM json_each(?)) ORDER BY row',
          )
          .iterate(id, JSON.stringify(statuses))
      : db.prepare('SELECT * FROM intake_rows WHERE draft_id = ? ORDER BY row').iterate(id)
  ) as IterableIterator<RowRecord>;
  for (const r of rows) yield toItem(r);
}

/** What planning needs of the valid and fixed rows, in row order, without building row objects. */
export type PlanningRow = [
  row: number,
  original: string,
  e164: string,
  region: 'US' | 'CA',
  tollFree: 0 | 1,
  skips: 0 | 1,
  fields: string | null,
];
export const planningRows = (db: Db, id: string): IterableIterator<PlanningRow> =>
  db
    .prepare(
      `SELECT row, original, e164, region, toll_free, skips_qualification, fields FROM intake_rows
       WHERE draft_id = ? AND status IN ('valid', 'fixed') ORDER BY row`,
    )
    .raw()
    .iterate(id) as IterableIterator<PlanningRow>;

/** Other rows of the draft with this number (an edit's in-file duplicate check). */
export const rowsWithNumber = (db: Db, id: string, e164: string, except: number): number[] =>
  db
    .prepare('SELECT row FROM intake_rows WHERE draft_id = ? AND e164 = ? AND row <> ? ORDER BY row')
    .pluck()
    .all(id, e164, except) as number[];

export const deleteRows = (db: Db, id: string, rows: readonly number[]): number =>
  db
    .prepare('DELETE FROM intake_rows WHERE draft_id = ? AND row IN (SELECT value FROM json_each(?))')
    .run(id, JSON.stringify(rows)).changes;

const SORTS = {
  row: 'row',
  status: `CASE status WHEN 'error' THEN 0 WHEN 'duplicate' THEN 1 WHEN 'fixed' THEN 2 ELSE 3 END, row`,
  e164: 'e164, row',
} as const;

/** One window of a draft's rows: status filter, sort, offset window or keyset-free cursor (position). */
export function pageRows(
  db: Db,
  id: string,
  input: PageInput & {
    statuses?: readonly RowStatus[] | undefined;
    sort: keyof typeof SORTS;
    descending: boolean;
  },
): { items: IntakeRowItem[]; nextCursor: string | null; total: number } {
  const filter = input.statuses ? ' AND status IN (SELECT value FROM json_each(?))' : '';
  const args: unknown[] = [id, ...(input.statuses ? [JSON.stringify(input.statuses)] : [])];
  const total = db
    .prepare(`SELECT count(*) FROM intake_rows WHERE draft_id = ?${filter}`)
    .pluck()
    .get(...args) as number;
  const start = input.offset ?? decodeCursor<[number]>('intake-rows', input.cursor, ['number'])?.[0] ?? 0;
  const order = SORTS[input.sort]
    .split(', ')
    .map((part) => `${part} ${input.descending ? 'DESC' : 'ASC'}`)
    .join(', ');
  const items = (
    db
      .prepare(`SELECT * FROM intake_rows WHERE draft_id = ?${filter} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...args, input.limit, start) as RowRecord[]
  ).map(toItem);
  const more = start + input.limit < total;
  return {
    items,
    nextCursor:
      more && input.offset === undefined ? encodeCursor('intake-rows', [start + input.limit]) : null,
    total,
  };
}

export type { IntakeFields };
