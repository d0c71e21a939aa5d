/**
 * The selection model of every big table (UI.md, "big tables"): either explicit ids, or "all N rows
 * matching the filter" minus the rows the user unticked afterwards. The second form never holds the
 * matching ids (there may be 100,000 of them): actions send the filter and the exclusions to the
 * engine. Pure and immutable; `filterKey` is the filter's canonical string, so a selection made
 * under one filter is never applied to another.
 */
export type RowId = string | number;

export type Selection =
  | { kind: 'ids'; ids: ReadonlySet<RowId> }
  | { kind: 'all-matching'; filterKey: string; total: number; excluded: ReadonlySet<RowId> };

export const emptySelection: Selection = { kind: 'ids', ids: new Set() };

export function isSelected(selection: Selection, id: RowId): boolean {
  return selection.kind === 'ids' ? selection.ids.has(id) : !selection.excluded.has(id);
}

export function toggleRow(selection: Selection, id: RowId): Selection {
  if (selection.kind === 'ids') {
    const ids = new Set(selection.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { kind: 'ids', ids };
  }
  const excluded = new Set(selection.excluded);
  if (excluded.has(id)) excluded.delete(id);
  else excluded.add(id);
  // Everything unticked again: nothing is selected, say so plainly.
  if (excluded.size >= selection.total) return emptySelection;
  return { ...selection, excluded };
}

/** Ticks exactly these rows (e.g. "select the rows on screen"), dropping an all-matching selection. */
export const selectIds = (ids: Iterable<RowId>): Selection => ({ kind: 'ids', ids: new Set(ids) });

export const selectAllMatching = (filterKey: string, total: number): Selection =>
  total <= 0 ? emptySelection : { kind: 'all-matching', filterKey, total, excluded: new Set() };

export function selectedCount(selection: Selection): number {
  return selection.kind === 'ids'
    ? selection.ids.size
    : Math.max(0, selection.total - selection.excluded.size);
}

/**
 * The selection as it stands under the filter now shown: an all-matching selection made under
 * another filter no longer means anything and is dropped (explicit ids stay: they name rows).
 * A changed total under the same filter updates the count (rows arrived or left).
 */
export function underFilter(selection: Selection, filterKey: string, total: number): Selection {
  if (selection.kind === 'ids') return selection;
  if (selection.filterKey !== filterKey) return emptySelection;
  return total === selection.total ? selection : { ...selection, total };
}

/** What an action sends to the engine. */
export type SelectionRequest = { ids: RowId[] } | { allMatching: { filterKey: string; except: RowId[] } };

export function selectionRequest(selection: Selection): SelectionRequest {
  return selection.kind === 'ids'
    ? { ids: [...selection.ids] }
    : { allMatching: { filterKey: selection.filterKey, except: [...selection.excluded] } };
}
