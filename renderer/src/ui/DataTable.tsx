// biome-ignore-all lint/a11y/useSemanticElements: a virtualised grid positions its rows absolutely, which <table> layout cannot do; the ARIA grid roles give the same semantics
// biome-ignore-all lint/a11y/useFocusableInteractive: the grid moves focus row by row (roving tabindex on rows), as the ARIA grid pattern allows; cells are not tab stops
import { keepPreviousData, type QueryKey, type UseQueryOptions, useQueries } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, memo, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type { DeskError } from '../lib/query';
import { type Block, blockOffsets, rowAt } from './blocks';
import { EmptyState } from './EmptyState';
import { ErrorNotice } from './ErrorNotice';
import { formatCount } from './format';
import { gridKey } from './grid-keys';
import {
  isSelected,
  type RowId,
  type Selection,
  selectAllMatching,
  selectedCount,
  selectIds,
  toggleRow,
  underFilter,
} from './selection';

export type Column<Row> = {
  id: string;
  header: string;
  /** CSS grid track, e.g. '160px' or 'minmax(0, 2fr)'; default 'minmax(0, 1fr)' */
  width?: string;
  cell: (row: Row) => ReactNode;
};

/** One block of rows as the engine answers an offset window. */
export type RowsBlock<Row> = { rows: readonly Row[]; total: number };

/**
 * Query options for the block at `offset` (its key must contain the offset and the filter). A screen
 * builds it with `deskQueryOptions(desk, channel, { ...filter, offset, limit })` + a `select` that
 * maps the page onto `{ rows, total }`, so events invalidate blocks like any other query.
 */
export type BlockQuery<Row> = (
  offset: number,
  limit: number,
) => UseQueryOptions<RowsBlock<Row>, DeskError, RowsBlock<Row>, QueryKey>;

export type DataTableProps<Row> = {
  /** the grid's accessible name */
  label: string;
  columns: readonly Column<Row>[];
  rowId: (row: Row) => RowId;
  blockQuery: BlockQuery<Row>;
  /** canonical string of the filter shown; an all-matching selection belongs to one filter */
  filterKey: string;
  /** what the user sees when nothing matches (say what to do) */
  empty: ReactNode;
  /** noun for the selection bar, e.g. "numbers" */
  noun?: string;
  selection?: Selection;
  onSelectionChange?: (selection: Selection) => void;
  /** Enter (or double click) on a row */
  onOpen?: (row: Row) => void;
  blockSize?: number;
  /** fixed row height in px; keep it in step with --row-height */
  rowHeight?: number;
};

/**
 * THE big table (UI.md): virtualised with TanStack Virtual at a fixed row height, rows fetched from
 * the engine in offset-keyed blocks as the window moves (the previous block stays on screen while
 * the next loads), an ARIA grid with one focusable row (roving tabindex), and a selection that can
 * be "all N matching the filter" without holding N ids.
 */
export function DataTable<Row>({
  label,
  columns,
  rowId,
  blockQuery,
  filterKey,
  empty,
  noun = 'rows',
  selection,
  onSelectionChange,
  onOpen,
  blockSize = 200,
  rowHeight = 32,
}: DataTableProps<Row>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState<{ first: number; last: number }>({ first: 0, last: 40 });
  const [lastTotal, setLastTotal] = useState<number | null>(null);
  const [focused, setFocused] = useState(0);

  const total = lastTotal ?? blockSize;
  const offsets = blockOffsets(range.first, range.last, blockSize, Math.max(total, 1));
  const results = useQueries({
    queries: offsets.map((offset) => ({
      ...blockQuery(offset, blockSize),
      placeholderData: keepPreviousData,
    })),
  });

  const blocks = useMemo(() => {
    const map = new Map<number, Block<Row>>();
    results.forEach((r, i) => {
      const offset = offsets[i];
      // A placeholder is the previous window's data: do not file it under the new offset.
      if (offset !== undefined && r.data && !r.isPlaceholderData) map.set(offset, { offset, ...r.data });
    });
    return map;
  }, [results, offsets]);

  const newestTotal = results.find((r) => r.data && !r.isPlaceholderData)?.data?.total;
  useEffect(() => {
    if (newestTotal !== undefined && newestTotal !== lastTotal) setLastTotal(newestTotal);
  }, [newestTotal, lastTotal]);

  const error = results.find((r) => r.error)?.error ?? null;
  const count = lastTotal ?? 0;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (first !== range.first || last !== range.last) setRange({ first, last });
  }, [first, last, range.first, range.last]);

  // The selection always reads under the filter shown now.
  const current = selection ? underFilter(selection, filterKey, count) : undefined;
  useEffect(() => {
    if (selection && current && current !== selection) onSelectionChange?.(current);
  }, [selection, current, onSelectionChange]);

  const pageSize = Math.max(
    1,
    Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1,
  );
  const focusRow = (index: number) => {
    setFocused(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    // The row element may only exist after the scroll renders it.
    requestAnimationFrame(() => {
      scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${index}"]`)?.focus();
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = gridKey(event.key, focused, count, pageSize);
    if (!move) return;
    event.preventDefault();
    if ('focus' in move) focusRow(move.focus);
    else if ('select' in move) {
      const row = rowAt(move.select, blockSize, blocks);
      if (row !== undefined && current && onSelectionChange)
        onSelectionChange(toggleRow(current, rowId(row)));
    } else {
      const row = rowAt(move.open, blockSize, blocks);
      if (row !== undefined) onOpen?.(row);
    }
  };

  // What a row does, read through a ref: one object for the table's life, so a row whose data did not
  // change keeps its props and is not rendered again on the next scrolled frame (DataRow is memo'd).
  const latest = useRef({ onOpen, onSelectionChange, current });
  latest.current = { onOpen, onSelectionChange, current };
  const [actions] = useState<RowActions<Row>>(() => ({
    focus: (index) => setFocused(index),
    open: (row) => latest.current.onOpen?.(row),
    toggle: (id) => {
      const { current: now, onSelectionChange: change } = latest.current;
      if (now && change) change(toggleRow(now, id));
    },
  }));

  const template = `${onSelectionChange ? '36px ' : ''}${columns.map((c) => c.width ?? 'minmax(0, 1fr)').join(' ')}`;
  const selectable = Boolean(onSelectionChange && current);
  const chosen = current ? selectedCount(current) : 0;

  // the blocks that failed are asked again (the others keep their rows)
  const tryAgain = (
    <button
      type="button"
      className="button"
      onClick={() => {
        for (const r of results) if (r.error) void r.refetch();
      }}
    >
      Try again
    </button>
  );
  if (error && blocks.size === 0)
    return <ErrorNotice title={`Could not load the ${noun}`} error={error} action={tryAgain} />;
  if (lastTotal === 0) return <EmptyState title={`No ${noun}`}>{empty}</EmptyState>;

  return (
    <div className="data-table">
      {selectable && current && (
        <div className="data-table-bar" aria-live="polite">
          <span>
            {chosen > 0
              ? `${formatCount(chosen)} of ${formatCount(count)} ${noun} selected`
              : `${formatCount(count)} ${noun}`}
          </span>
          {current.kind === 'ids' && count > 0 && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => onSelectionChange?.(selectAllMatching(filterKey, count))}
            >
              Select all {formatCount(count)} matching
            </button>
          )}
          {chosen > 0 && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => onSelectionChange?.(selectIds([]))}
            >
              Clear selection
            </button>
          )}
        </div>
      )}
      {error && <ErrorNotice title={`Some ${noun} could not be loaded`} error={error} action={tryAgain} />}
      <div
        role="grid"
        aria-label={label}
        aria-rowcount={count + 1}
        aria-multiselectable={selectable || undefined}
        className="data-table-grid"
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup" className="data-table-head">
          <div
            role="row"
            aria-rowindex={1}
            className="data-table-row"
            style={{ gridTemplateColumns: template }}
          >
            {selectable && (
              <div role="columnheader" className="data-table-check">
                <span className="visually-hidden">Selected</span>
              </div>
            )}
            {columns.map((c) => (
              <div role="columnheader" key={c.id} className="data-table-cell">
                {c.header}
              </div>
            ))}
          </div>
        </div>
        <div ref={scrollRef} role="rowgroup" className="data-table-body">
          <div className="data-table-sizer" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rowAt(item.index, blockSize, blocks);
              const id = row === undefined ? undefined : rowId(row);
              return (
                <DataRow<Row>
                  key={item.key}
                  index={item.index}
                  start={item.start}
                  row={row}
                  id={id}
                  picked={id !== undefined && current ? isSelected(current, id) : false}
                  focusable={item.index === focused}
                  selectable={selectable}
                  columns={columns}
                  template={template}
                  rowHeight={rowHeight}
                  actions={actions}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

type RowActions<Row> = {
  focus(index: number): void;
  open(row: Row): void;
  toggle(id: RowId): void;
};

type DataRowProps<Row> = {
  index: number;
  start: number;
  /** undefined while its block loads: a skeleton row */
  row: Row | undefined;
  id: RowId | undefined;
  picked: boolean;
  /** the one row in the tab order (roving tabindex) */
  focusable: boolean;
  selectable: boolean;
  columns: readonly Column<Row>[];
  template: string;
  rowHeight: number;
  actions: RowActions<Row>;
};

/**
 * One row of the grid. Memo'd: scrolling re-renders the table every frame, and only the rows that
 * came into view (or whose data, selection or focus changed) need rendering — formatting every cell
 * of every row on every frame made long tasks on a 100,000-job Queue (test/bench/ui).
 */
function DataRowImpl<Row>({
  index,
  start,
  row,
  id,
  picked,
  focusable,
  selectable,
  columns,
  template,
  rowHeight,
  actions,
}: DataRowProps<Row>) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selectable ? picked : undefined}
      aria-busy={row === undefined || undefined}
      tabIndex={focusable ? 0 : -1}
      data-row-index={index}
      className={`data-table-row data-table-data${picked ? ' is-selected' : ''}`}
      style={{
        gridTemplateColumns: template,
        height: rowHeight,
        transform: `translateY(${start}px)`,
      }}
      onFocus={() => actions.focus(index)}
      onDoubleClick={() => row !== undefined && actions.open(row)}
    >
      {selectable && (
        <div role="gridcell" className="data-table-check">
          <input
            type="checkbox"
            tabIndex={-1}
            aria-label="Select row"
            checked={picked}
            disabled={row === undefined}
            onChange={() => id !== undefined && actions.toggle(id)}
          />
        </div>
      )}
      {columns.map((c) => (
        <div role="gridcell" key={c.id} className="data-table-cell">
          {row === undefined ? <span className="data-table-skeleton" /> : c.cell(row)}
        </div>
      ))}
    </div>
  );
}

const DataRow = memo(DataRowImpl) as typeof DataRowImpl;
