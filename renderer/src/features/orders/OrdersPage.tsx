import { useQuery } from '@tanstack/react-query';
import { orderStateStep } from '../../../../shared/domain/next-steps';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo } from 'react';
import { ORDER_STATES, type OrderSummary } from '../../../../shared/contract';
import { deskBlockOptions, deskQueryOptions, useDesk } from '../../lib/query';
import { type Column, DataTable } from '../../ui/DataTable';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatTime } from '../../ui/time';
import { FindOrders } from './FindOrders';
import { ORDER_TYPE_WORDS, orderName, signatureWait, toneOf } from './orders-view';
import { useNarrow } from '../../ui/use-narrow';

const ORDER_ROW_HEIGHT = 46;

/** Short chip labels; the badges in the table use the engine's full words. */
const STATE_CHIPS: Record<(typeof ORDER_STATES)[number], string> = {
  draft: 'Drafted',
  submitted: 'Submitted',
  'waiting-loa': 'Waiting for signature',
  'in-progress': 'In progress',
  completed: 'Completed',
  rejected: 'Rejected',
  unknown: 'Not known yet',
};

/** Every order the workspace knows, live (orders.changed re-asks the blocks shown). */
export function OrdersPage() {
  const desk = useDesk();
  const search = useSearch({ from: '/orders' });
  const navigate = useNavigate({ from: '/orders' });
  const totals = useQuery(deskQueryOptions(desk, 'orders.list', { offset: 0, limit: 1 }));
  const filter = useMemo(
    () => ({
      ...(search.state ? { states: [search.state] } : {}),
      ...(search.text ? { text: search.text } : {}),
    }),
    [search.state, search.text],
  );
  const now = Date.now();
  // Under ~1,000 px the state, the name and the counts keep their room; kind, wait and time go.
  const narrow = useNarrow();
  const secondary = new Set(['type', 'wait', 'updated']);
  const allColumns: Column<OrderSummary>[] = [
    {
      id: 'id',
      header: 'Order',
      width: 'minmax(190px, 1.8fr)',
      cell: (o) => {
        const name = orderName(o);
        return (
          <span className="order-name">
            <Link to="/orders/$id" params={{ id: o.id }} tabIndex={-1}>
              {name.title}
            </Link>
            {name.detail && <span className="order-key mono">{name.detail}</span>}
          </span>
        );
      },
    },
    { id: 'type', header: 'Kind', width: 'minmax(90px, 1fr)', cell: (o) => ORDER_TYPE_WORDS[o.type] },
    {
      id: 'state',
      header: 'State',
      width: 'minmax(210px, 2fr)',
      cell: (o) => {
        const step = orderStateStep(o.state);
        return <StatusBadge tone={toneOf(step)}>{step.words}</StatusBadge>;
      },
    },
    { id: 'numbers', header: 'Numbers', width: '100px', cell: (o) => o.numberCount.toLocaleString() },
    {
      id: 'failed',
      header: 'Failed',
      width: '80px',
      cell: (o) => (o.failedNumbers ? <strong>{o.failedNumbers}</strong> : '—'),
    },
    {
      id: 'wait',
      header: 'Unsigned for',
      width: '130px',
      cell: (o) => signatureWait(o, now) ?? '—',
    },
    {
      id: 'updated',
      header: 'Updated',
      width: '100px',
      cell: (o) => formatTime(o.updatedAt),
    },
  ];
  const columns = allColumns.filter((c) => !(narrow && secondary.has(c.id)));
  const counts = totals.data?.counts;
  return (
    <section className="page" aria-labelledby="orders-title">
      <div className="page-head">
        <h1 id="orders-title">Orders</h1>
        <p className="page-lede">Every hosting order this workspace knows, as Sinch last reported it.</p>
      </div>
      <FindOrders />
      <nav className="queue-filters" aria-label="Show orders">
        {[undefined, ...ORDER_STATES].map((state) => (
          <Link
            key={state ?? 'all'}
            to="/orders"
            search={(s) => ({ ...s, state })}
            className={`filter-chip${search.state === state ? ' is-current' : ''}`}
            aria-current={search.state === state ? 'true' : undefined}
          >
            {state ? STATE_CHIPS[state] : 'All'}
            {counts && (
              <span className="filter-count">
                {(state ? counts[state] : Object.values(counts).reduce((a, b) => a + b, 0)).toLocaleString()}
              </span>
            )}
          </Link>
        ))}
      </nav>
      <DataTable<OrderSummary>
        label="Orders"
        noun="orders"
        columns={columns}
        rowId={(o) => o.id}
        // two lines: the order's name, and under it the job key (Sinch's display name) for support
        rowHeight={ORDER_ROW_HEIGHT}
        filterKey={JSON.stringify(filter)}
        blockQuery={(offset, limit) =>
          deskBlockOptions(desk, 'orders.list', { ...filter, offset, limit }, (p) => ({
            rows: p.items,
            total: p.total ?? 0,
          }))
        }
        onOpen={(o) => void navigate({ to: '/orders/$id', params: { id: o.id } })}
        empty={
          filter.states || filter.text
            ? 'No order matches this filter. Choose “All” to see every order.'
            : 'No orders yet. Orders appear here once a confirmed plan sends them to Sinch.'
        }
      />
    </section>
  );
}
