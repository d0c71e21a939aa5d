import { useQueries } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { NumberSummary } from '../../../../shared/contract';
import { deskBlockOptions, deskQueryOptions, useDesk } from '../../lib/query';
import { type Column, DataTable } from '../../ui/DataTable';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatTime } from '../../ui/time';
import {
  BALL_WORDS,
  ballOf,
  STATE_GROUP_WORDS,
  STATE_GROUPS,
  type StateGroup,
  searchPattern,
  stateView,
  statesOfGroup,
} from './numbers-view';
import { useNarrow } from '../../ui/use-narrow';
import './numbers.css';

const KIND_WORDS = { imported: 'Imported', qualified: 'Qualified', local: 'Only here' } as const;

/** Every number of the workspace, live (numbers.changed re-asks the blocks shown). */
export function NumbersPage() {
  const desk = useDesk();
  const search = useSearch({ from: '/numbers' });
  const navigate = useNavigate({ from: '/numbers' });
  const narrow = useNarrow();
  const pattern = useMemo(() => searchPattern(search.q), [search.q]);
  const filter = useMemo(
    () => ({
      ...(search.show ? { states: statesOfGroup(search.show) } : {}),
      ...(pattern ? { pattern } : {}),
    }),
    [search.show, pattern],
  );
  // One total per chip (limit 1: the page's total is the count), under the digits searched.
  const groups: Array<StateGroup | undefined> = [undefined, ...STATE_GROUPS];
  const counts = useQueries({
    queries: groups.map((g) =>
      deskQueryOptions(desk, 'numbers.list', {
        offset: 0,
        limit: 1,
        ...(g ? { states: statesOfGroup(g) } : {}),
        ...(pattern ? { pattern } : {}),
      }),
    ),
  });

  const columns: Column<NumberSummary>[] = [
    {
      id: 'phone',
      header: 'Number',
      width: 'minmax(130px, 1.2fr)',
      cell: (n) => (
        <Link to="/numbers/$e164" params={{ e164: n.phone }} tabIndex={-1} className="mono">
          {n.phone}
        </Link>
      ),
    },
    {
      id: 'state',
      header: 'State',
      width: 'minmax(190px, 2fr)',
      cell: (n) => {
        const s = stateView(n.state);
        return <StatusBadge tone={n.failure && s.tone === 'done' ? 'failed' : s.tone}>{s.words}</StatusBadge>;
      },
    },
    { id: 'ball', header: 'Who acts', width: 'minmax(110px, 1.1fr)', cell: (n) => BALL_WORDS[ballOf(n)] },
    {
      id: 'order',
      header: 'Order',
      width: 'minmax(110px, 1.2fr)',
      cell: (n) =>
        n.lastOrderId ? (
          <Link to="/orders/$id" params={{ id: n.lastOrderId }} tabIndex={-1} className="mono">
            {n.lastOrderId}
          </Link>
        ) : (
          '—'
        ),
    },
    ...(narrow
      ? []
      : [
          { id: 'kind', header: 'At Sinch', width: '96px', cell: (n: NumberSummary) => KIND_WORDS[n.kind] },
          {
            id: 'updated',
            header: 'Updated',
            width: '96px',
            cell: (n: NumberSummary) => formatTime(n.updatedAt),
          },
        ]),
  ];
  return (
    <section className="page" aria-labelledby="numbers-title">
      <div className="page-head">
        <h1 id="numbers-title">Numbers</h1>
        <p className="page-lede">
          Every number of this workspace: where it is, who has to act, and what to do next.
        </p>
      </div>
      <SearchBox
        value={search.q ?? ''}
        onChange={(q) => void navigate({ search: (s) => ({ ...s, q: q || undefined }), replace: true })}
      />
      <nav className="queue-filters" aria-label="Show numbers">
        {groups.map((g, i) => {
          const total = counts[i]?.data?.total;
          return (
            <Link
              key={g ?? 'all'}
              to="/numbers"
              search={(s) => ({ ...s, show: g })}
              className={`filter-chip${search.show === g ? ' is-current' : ''}`}
              aria-current={search.show === g ? 'true' : undefined}
            >
              {g ? STATE_GROUP_WORDS[g] : 'All'}
              {total !== undefined && total !== null && (
                <span className="filter-count">{total.toLocaleString()}</span>
              )}
            </Link>
          );
        })}
      </nav>
      <DataTable<NumberSummary>
        label="Numbers"
        noun="numbers"
        columns={columns}
        rowId={(n) => n.phone}
        filterKey={JSON.stringify(filter)}
        blockQuery={(offset, limit) =>
          deskBlockOptions(desk, 'numbers.list', { ...filter, offset, limit }, (p) => ({
            rows: p.items,
            total: p.total ?? 0,
          }))
        }
        onOpen={(n) => void navigate({ to: '/numbers/$e164', params: { e164: n.phone } })}
        empty={
          search.show || pattern
            ? 'No number matches. Clear the search or choose “All” to see every number.'
            : 'No numbers yet. Bring a list of numbers in, confirm its plan, and they appear here.'
        }
      />
    </section>
  );
}

/** Digits typed are put in the URL as they come (replace, so Back leaves the screen, not each key). */
function SearchBox({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const [text, setText] = useState(value);
  const changed = useRef(onChange);
  changed.current = onChange;
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text.trim() === value) return;
    const t = setTimeout(() => changed.current(text.trim()), 250);
    return () => clearTimeout(t);
  }, [text, value]);
  return (
    <div className="numbers-search">
      <label htmlFor="numbers-search">Search by digits</label>
      <input
        id="numbers-search"
        type="search"
        inputMode="tel"
        autoComplete="off"
        placeholder="e.g. 5550134, or +1202…"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </div>
  );
}
