import { randomBytes } from 'node:crypto';
import { DeskFailure, type IntakeRowItem } from '../../../shared/contract';
import type { OptionalFieldKey, WorkspaceLookup } from '../../../shared/domain/intake';
import {
  deleteDraft,
  deleteRows,
  type DraftRow,
  draftRow,
  draftView,
  getRow,
  getRows,
  insertDraft,
  insertRows,
  iterateRows,
  listDraftRows,
  pageRows,
  rowCounts,
  rowsWithNumber,
  setDraftState,
  setUndo,
  sweepAbandonedDrafts,
  touchDraft,
  updateDraftFields,
} from '../intake/drafts';
import { checkAgainstWorkspace, revalidateRow } from '../intake/revalidate';
import { workspaceLookup } from '../intake/workspace-numbers';
import { bigWrite, type Db } from '../store/database';
import type { ConceptHandlers, EngineContext } from './context';

/**
 * `intake.*`: drafts of lists brought in (issue 8 §1). The worker reads the file; these handlers
 * store its chunks, check them against the workspace, and own every later change (fix, remove, bulk
 * values with undo). Loading drafts belong to this engine (`loader`): one left by an engine that
 * stopped while loading is deleted the first time this engine touches that workspace's drafts.
 */
export function intakeHandlers(ctx: EngineContext): ConceptHandlers<'intake'> {
  const loader = randomBytes(8).toString('hex');
  const swept = new WeakSet<Db>();
  /** what the workspace holds, per loading draft: built once at create, used by every append */
  const lookups = new Map<string, WorkspaceLookup>();
  /** running counts of each loading draft: an append answers without counting 100,000 rows again */
  const running = new Map<string, ReturnType<typeof rowCounts>>();

  const db = (): Db => {
    const { db } = ctx.active();
    if (!swept.has(db)) {
      sweepAbandonedDrafts(db, loader);
      swept.add(db);
    }
    return db;
  };
  const changed = (...draftIds: string[]) => ctx.emit('intake.changed', { draftIds });
  const requireDraft = (d: Db, id: string): DraftRow => {
    const found = draftRow(d, id);
    if (!found || (found.state === 'loading' && found.loader !== loader))
      throw new DeskFailure(
        'NOT_FOUND',
        'This list is no longer here: it was discarded, or its loading was interrupted.',
      );
    return found;
  };
  const requireEditable = (d: Db, id: string): DraftRow => {
    const found = requireDraft(d, id);
    if (found.state === 'loading')
      throw new DeskFailure('CONFLICT', 'This list is still loading; wait until it is read.');
    if (found.state === 'queued')
      throw new DeskFailure(
        'CONFLICT',
        'This list was queued and can no longer change. Bring the numbers in again to make another batch.',
      );
    return found;
  };
  /** The first earlier row of the draft with this number (in-file duplicates after a fix). */
  const earlierRowOf = (d: Db, id: string, row: number) => (e164: string) => {
    const others = rowsWithNumber(d, id, e164, row).filter((r) => r < row);
    return others[0];
  };

  /** Rows that shared a number with changed rows: the first one left stops being a duplicate. */
  const recheckNumbers = (d: Db, draft: DraftRow, numbers: Iterable<string>, lookup: WorkspaceLookup) => {
    for (const e164 of new Set(numbers)) {
      const holders = rowsWithNumber(d, draft.id, e164, -1);
      if (holders.length === 0) continue;
      const rows = getRows(d, draft.id, holders);
      const updated = rows.map((r) =>
        revalidateRow(r, draft.action, { earlierRow: earlierRowOf(d, draft.id, r.row), lookup }),
      );
      insertRows(
        d,
        draft.id,
        updated.filter((r, i) => r.status !== rows[i]?.status || r.reason !== rows[i]?.reason),
      );
    }
  };

  const mergeFields = (
    row: IntakeRowItem,
    changes: Partial<Record<OptionalFieldKey, unknown>>,
  ): IntakeRowItem => {
    const fields: Record<string, unknown> = { ...row.fields };
    const problems: Record<string, string> = { ...(row.problems ?? {}) };
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      // a value set (or cleared) replaces whatever the cell said, its problem included
      delete problems[key];
      if (value === null) delete fields[key];
      else fields[key] = value;
    }
    const { problems: _old, ...rest } = row;
    return {
      ...rest,
      fields: fields as IntakeRowItem['fields'],
      ...(Object.keys(problems).length > 0 ? { problems: problems as IntakeRowItem['problems'] } : {}),
    };
  };

  return {
    'intake.create': (input) => {
      const d = db();
      const id = `draft-${randomBytes(6).toString('hex')}`;
      insertDraft(d, {
        id,
        name: input.name,
        action: input.action,
        loader,
        source: input.source,
        mapping: input.mapping,
        values: input.values,
        now: ctx.now(),
      });
      lookups.set(id, workspaceLookup(d));
      running.set(id, { valid: 0, fixed: 0, error: 0, duplicate: 0, rows: 0 });
      changed(id);
      return draftView(d, requireDraft(d, id));
    },
    'intake.append': (input) => {
      const d = db();
      const draft = requireDraft(d, input.draftId);
      if (draft.state !== 'loading')
        throw new DeskFailure(
          'CONFLICT',
          'This list has finished loading; rows are no longer appended to it.',
        );
      for (const row of input.rows)
        if ((row.status === 'valid' || row.status === 'fixed') && (row.e164 === null || row.region === null))
          throw new DeskFailure(
            'VALIDATION',
            `Row ${row.row} is ${row.status} but has no normalised number.`,
            { row: row.row },
          );
      let lookup = lookups.get(draft.id);
      if (!lookup) {
        lookup = workspaceLookup(d);
        lookups.set(draft.id, lookup);
      }
      const checked = input.rows.map((r) =>
        checkAgainstWorkspace(
          { ...r, skipsQualification: r.skipsQualification ?? false },
          draft.action,
          lookup,
        ),
      );
      // A loading list rewrites most pages of its number index with every chunk (numbers come in no
      // order): checkpointing after each chunk copied the same pages into the database file 20 times
      // for 100,000 rows. The WAL is folded in once, at the next commit after the load. A loading
      // draft is deleted by a restart anyway, so nothing of its durability changes.
      bigWrite(d, () =>
        d.transaction(() => {
          insertRows(d, draft.id, checked);
          touchDraft(d, draft.id, ctx.now());
          if (input.last) setDraftState(d, draft.id, 'ready', ctx.now());
        })(),
      );
      let counts = running.get(draft.id);
      if (counts && !input.last) {
        for (const r of checked) counts[r.status]++;
        counts.rows += checked.length;
      } else counts = undefined;
      if (input.last) {
        lookups.delete(draft.id);
        running.delete(draft.id);
      }
      changed(draft.id);
      return draftView(d, requireDraft(d, draft.id), counts);
    },
    'intake.cancel': (input) => {
      const d = db();
      const draft = draftRow(d, input.draftId);
      if (!draft) return { deleted: false };
      if (draft.state !== 'loading')
        throw new DeskFailure('CONFLICT', 'This list has finished loading; discard it instead.');
      lookups.delete(draft.id);
      running.delete(draft.id);
      const deleted = deleteDraft(d, draft.id);
      changed(draft.id);
      return { deleted };
    },
    'intake.list': (input) => {
      const d = db();
      const listed = listDraftRows(d, input);
      return { ...listed, items: listed.items.map((r) => draftView(d, r)) };
    },
    'intake.get': (input) => {
      const d = db();
      return draftView(d, requireDraft(d, input.draftId));
    },
    'intake.rows': (input) => {
      const d = db();
      requireDraft(d, input.draftId);
      return pageRows(d, input.draftId, input);
    },
    'intake.counts': (input) => {
      const d = db();
      requireDraft(d, input.draftId);
      const { rows: _rows, ...counts } = rowCounts(d, input.draftId);
      return counts;
    },
    'intake.edit': (input) => {
      const d = db();
      const draft = requireEditable(d, input.draftId);
      const before = getRow(d, draft.id, input.row);
      if (!before) throw new DeskFailure('NOT_FOUND', `This list has no row ${input.row}.`);
      let row = input.fields ? mergeFields(before, input.fields) : before;
      if (input.original !== undefined) row = { ...row, original: input.original };
      const lookup = workspaceLookup(d);
      const after = revalidateRow(row, draft.action, {
        earlierRow: earlierRowOf(d, draft.id, row.row),
        lookup,
      });
      d.transaction(() => {
        insertRows(d, draft.id, [after]);
        // the row it duplicated, or that duplicated it, may change too
        recheckNumbers(
          d,
          draft,
          [before.e164, after.e164].filter((n): n is string => n !== null),
          lookup,
        );
        touchDraft(d, draft.id, ctx.now());
      })();
      changed(draft.id);
      return getRow(d, draft.id, input.row) as IntakeRowItem;
    },
    'intake.remove': (input) => {
      const d = db();
      const draft = requireEditable(d, input.draftId);
      const removed = getRows(d, draft.id, input.rows);
      const lookup = workspaceLookup(d);
      d.transaction(() => {
        deleteRows(d, draft.id, input.rows);
        setUndo(d, draft.id, { restore: removed, remove: [] });
        recheckNumbers(
          d,
          draft,
          removed.flatMap((r) => (r.e164 ? [r.e164] : [])),
          lookup,
        );
        touchDraft(d, draft.id, ctx.now());
      })();
      changed(draft.id);
      return draftView(d, requireDraft(d, draft.id));
    },
    'intake.apply': (input) => {
      const d = db();
      const draft = requireEditable(d, input.draftId);
      const target = input.target;
      const rows =
        'rows' in target
          ? getRows(d, draft.id, target.rows)
          : [...iterateRows(d, draft.id, 'statuses' in target ? target.statuses : undefined)];
      const lookup = workspaceLookup(d);
      const updated = rows.map((r) => mergeFields(r, input.values));
      d.transaction(() => {
        insertRows(d, draft.id, updated);
        // statuses follow from the new values (a fixed field problem, a region changing toll-free hosting)
        const again = updated.map((r) =>
          revalidateRow(r, draft.action, { earlierRow: earlierRowOf(d, draft.id, r.row), lookup }),
        );
        insertRows(d, draft.id, again);
        setUndo(d, draft.id, { restore: rows, remove: [] });
        touchDraft(d, draft.id, ctx.now());
      })();
      changed(draft.id);
      return { ...draftView(d, requireDraft(d, draft.id)), changed: rows.length };
    },
    'intake.undo': (input) => {
      const d = db();
      const draft = requireEditable(d, input.draftId);
      if (draft.undo === null) throw new DeskFailure('CONFLICT', 'There is nothing to undo.');
      const undo = JSON.parse(draft.undo) as { restore: IntakeRowItem[] };
      const lookup = workspaceLookup(d);
      d.transaction(() => {
        insertRows(d, draft.id, undo.restore);
        recheckNumbers(
          d,
          draft,
          undo.restore.flatMap((r) => (r.e164 ? [r.e164] : [])),
          lookup,
        );
        setUndo(d, draft.id, null);
        touchDraft(d, draft.id, ctx.now());
      })();
      changed(draft.id);
      return draftView(d, requireDraft(d, draft.id));
    },
    'intake.update': (input) => {
      const d = db();
      const draft = requireEditable(d, input.draftId);
      updateDraftFields(
        d,
        draft.id,
        { ...(input.name ? { name: input.name } : {}), ...(input.values ? { values: input.values } : {}) },
        ctx.now(),
      );
      changed(draft.id);
      return draftView(d, requireDraft(d, draft.id));
    },
    'intake.discard': (input) => {
      const d = db();
      const draft = draftRow(d, input.draftId);
      if (!draft) return { deleted: false };
      lookups.delete(draft.id);
      const deleted = deleteDraft(d, draft.id);
      changed(draft.id);
      return { deleted };
    },
    'intake.copy': async (input) => {
      const d = db();
      const draft = requireDraft(d, input.draftId);
      if (draft.state === 'loading')
        throw new DeskFailure('CONFLICT', 'This list is still loading; wait until it is read.');
      if (input.workspaceId === ctx.workspaces.activeId)
        throw new DeskFailure('VALIDATION', 'Choose another workspace to copy this list to.', {
          field: 'workspaceId',
        });
      const rows = [...iterateRows(d, draft.id)];
      const id = `draft-${randomBytes(6).toString('hex')}`;
      await ctx.workspaces.withDatabase(input.workspaceId, (target) => {
        sweepAbandonedDrafts(target, loader);
        const lookup = workspaceLookup(target);
        // decided again for that workspace: its own duplicates, the file's repeats as before
        const first = new Map<string, number>();
        const checked = rows.map((r) => {
          const again = revalidateRow(r, draft.action, { earlierRow: (e164) => first.get(e164), lookup });
          if (again.e164 && !first.has(again.e164) && again.status !== 'error')
            first.set(again.e164, again.row);
          return again;
        });
        target.transaction(() => {
          insertDraft(target, {
            id,
            name: draft.name,
            action: draft.action,
            loader,
            source: JSON.parse(draft.source),
            mapping: draft.mapping === null ? undefined : JSON.parse(draft.mapping),
            // the list's values (service plan, campaign, LOA profile) belong to this workspace's
            // project; the copy starts without them and takes the target's defaults
            values: {},
            now: ctx.now(),
          });
          insertRows(target, id, checked);
          setDraftState(target, id, 'ready', ctx.now());
        })();
      });
      return { draftId: id };
    },
  };
}
