import { useQuery } from '@tanstack/react-query';
import { orderStateStep } from '../../../../shared/domain/next-steps';
import { Link, useParams } from '@tanstack/react-router';
import type { OrderDetail } from '../../../../shared/contract';
import { deskQueryOptions, useDesk, useDeskMutation } from '../../lib/query';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatDate, formatTime } from '../../ui/time';
import {
  CARRIER_COLUMNS,
  canReissue,
  LOA_KIND_WORDS,
  ORDER_TYPE_WORDS,
  orderName,
  reportLine,
  STEP_COLUMNS,
  signatureWait,
  stepView,
  toneOf,
} from './orders-view';

/** One order: state with its next step, Sinch's report, each number's steps and carriers; Re-issue. */
export function OrderPage() {
  const { id } = useParams({ from: '/orders/$id' });
  const order = useQuery(deskQueryOptions(useDesk(), 'orders.get', { id }));
  return (
    <section className="page" aria-labelledby="order-title">
      <div className="page-head">
        <p>
          <Link to="/orders">← All orders</Link>
        </p>
        <h1 id="order-title">{order.data ? orderName(order.data).title : `Order ${id}`}</h1>
      </div>
      {order.error && <ErrorNotice title="Could not load this order" error={order.error} />}
      {order.isPending && <p className="loading">Loading the order…</p>}
      {order.data && <OrderBody order={order.data} />}
    </section>
  );
}

function OrderBody({ order }: { order: OrderDetail }) {
  const step = orderStateStep(order.state);
  const reissue = useDeskMutation('jobs.reissue');
  const wait = signatureWait(order, Date.now());
  return (
    <>
      <section className="sync-banner" aria-label="Order state">
        <StatusBadge tone={toneOf(step)}>{step.words}</StatusBadge>
        <p className="sync-banner-text">
          {step.next ?? 'Nothing to do: Hosting Desk follows it by itself.'}
          {wait && ` Waiting for the signature for ${wait}.`}
        </p>
        {canReissue(order) && order.jobId !== null && (
          <button
            type="button"
            className="button"
            disabled={reissue.isPending || reissue.isSuccess}
            onClick={() =>
              reissue.mutate({
                id: order.jobId as number,
                intentId: `reissue-${order.jobId}-${Date.now().toString(36)}`,
              })
            }
          >
            {reissue.isSuccess ? 'Re-issued' : 'Re-issue LOA'}
          </button>
        )}
      </section>
      {reissue.error && <ErrorNotice title="Could not re-issue" error={reissue.error} />}
      {reissue.isSuccess && (
        <p role="status">
          A new order is queued; follow it in the <Link to="/queue">Queue</Link> and here in Orders.
        </p>
      )}
      <dl className="fact-list order-facts">
        <dt>Kind</dt>
        <dd>{ORDER_TYPE_WORDS[order.type]}</dd>
        <dt>Sinch’s report</dt>
        <dd>{reportLine(order)}</dd>
        <dt>Campaign</dt>
        <dd className="mono">{order.campaignId ?? '—'}</dd>
        {order.loa && (
          <>
            <dt>LOA</dt>
            <dd>
              {LOA_KIND_WORDS[order.loa.kind]}
              {order.loa.recipient && ` — sent to ${order.loa.recipient} to sign`}
              {order.loa.profileId && (
                <>
                  {' · '}
                  <Link to="/loa" search={{ open: order.loa.profileId }}>
                    Open its LOA profile
                  </Link>
                </>
              )}
            </dd>
          </>
        )}
        <dt>Order ID</dt>
        <dd className="mono">{order.id}</dd>
        {order.displayName && (
          <>
            <dt>Name at Sinch</dt>
            <dd className="mono">{order.displayName}</dd>
          </>
        )}
        <dt>Last checked</dt>
        <dd>
          {order.checkedAt ? `${formatDate(order.checkedAt)} ${formatTime(order.checkedAt)}` : 'not yet'}
        </dd>
      </dl>
      <div className="table-scroll">
        <table className="facts order-numbers">
          <caption>Numbers in this order</caption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              {STEP_COLUMNS.map((c) => (
                <th scope="col" key={c.id}>
                  {c.header}
                </th>
              ))}
              {CARRIER_COLUMNS.map((c) => (
                <th scope="col" key={c.id}>
                  {c.header}
                </th>
              ))}
              <th scope="col">Next step</th>
            </tr>
          </thead>
          <tbody>
            {order.numbers.length === 0 && (
              <tr>
                <td colSpan={9}>Sinch has not listed this order’s numbers yet.</td>
              </tr>
            )}
            {order.numbers.map((n) => {
              const views = [
                ...STEP_COLUMNS.map((c) => n.steps[c.id]),
                ...CARRIER_COLUMNS.map((c) => n.carriers[c.id]),
              ].map(stepView);
              const next = views.find((v) => v.tone === 'failed')?.next ?? null;
              return (
                <tr key={n.phone}>
                  <th scope="row" className="mono">
                    {n.phone}
                  </th>
                  {views.map((v, i) => (
                    // the columns are fixed: position is identity
                    // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                    <td key={i}>
                      <StatusBadge tone={v.tone}>{v.words}</StatusBadge>
                    </td>
                  ))}
                  <td>{next ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
