import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emptySelection,
  isSelected,
  selectAllMatching,
  selectedCount,
  selectIds,
  selectionRequest,
  toggleRow,
  underFilter,
} from './selection';

describe('selection model', () => {
  it('explicit ids: toggling twice is a no-op, the count is the set size', () => {
    let s = toggleRow(emptySelection, 1);
    s = toggleRow(s, 2);
    expect(selectedCount(s)).toBe(2);
    s = toggleRow(s, 1);
    expect(isSelected(s, 1)).toBe(false);
    expect(isSelected(s, 2)).toBe(true);
    expect(selectionRequest(s)).toEqual({ ids: [2] });
  });

  it('all matching the filter minus exclusions: count, membership and the request the engine gets', () => {
    let s = selectAllMatching('status=failed', 60_000);
    expect(selectedCount(s)).toBe(60_000);
    expect(isSelected(s, 'any-row')).toBe(true);
    s = toggleRow(s, 'r7');
    expect(isSelected(s, 'r7')).toBe(false);
    expect(selectedCount(s)).toBe(59_999);
    expect(selectionRequest(s)).toEqual({ allMatching: { filterKey: 'status=failed', except: ['r7'] } });
    s = toggleRow(s, 'r7');
    expect(selectedCount(s)).toBe(60_000);
  });

  it('unticking every matching row leaves an empty selection, not a negative count', () => {
    let s = selectAllMatching('f', 2);
    s = toggleRow(toggleRow(s, 'a'), 'b');
    expect(s).toEqual(emptySelection);
    expect(selectAllMatching('f', 0)).toEqual(emptySelection);
  });

  it('an all-matching selection does not survive a change of filter; explicit ids do', () => {
    const all = selectAllMatching('status=failed', 10);
    expect(underFilter(all, 'status=done', 4)).toEqual(emptySelection);
    expect(selectedCount(underFilter(all, 'status=failed', 12))).toBe(12);
    const ids = selectIds([1, 2]);
    expect(underFilter(ids, 'anything', 3)).toBe(ids);
  });

  it('property: the count always equals the number of selected rows among the matching ones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.integer({ min: 0, max: 39 }), { maxLength: 60 }),
        fc.boolean(),
        (total, toggles, startAll) => {
          let s = startAll ? selectAllMatching('f', total) : emptySelection;
          for (const t of toggles) if (t < total) s = toggleRow(s, t);
          const rows = Array.from({ length: total }, (_, i) => i);
          expect(selectedCount(s)).toBe(rows.filter((r) => isSelected(s, r)).length);
        },
      ),
    );
  });
});
