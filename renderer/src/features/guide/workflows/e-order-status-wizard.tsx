import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { deskQueryOptions, useDesk, useDeskMutation } from '../../../lib/query';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { Field } from '../../../ui/Field';
import { StatusBadge } from '../../../ui/StatusBadge';
import { formatDate, formatTime } from '../../../ui/time';
import { GuideSteps } from '../GuideSteps';
import { useGuide } from '../useGuide';
import { orderWords } from './b-import-several';
import {
  checkDiscover,
  checkFind,
  type DiscoverForm,
  type FindForm,
  orderStatus,
  reportLines,
} from './e-order-status';
import { checkResolver, StartAgain, useWorkspaceDefaults } from './guided-parts';
import type { GuideWorkflow } from './types';
import { orderHref } from './typed-numbers';

/** Workflow E of Sinch's guide: check a hosting order's status. */
export const orderStatusWorkflow: GuideWorkflow = {
  id: 'e',
  title: 'Check an order’s status',
  question: 'Do you want to know where a hosting order stands, and what is left to do?',
  component: OrderStatusWizard,
};

/** An order ID (or a number it carries) → found, or adopted from Sinch → its report now (`order` in the URL). */
export function OrderStatusWizard() {
  const { go, text } = useGuide();
  const orderId = text('order');
  return (
    <GuideSteps
      label="Check an order’s status"
      steps={[
        {
          title: 'Find the order',
          content: <FindOrder onPick={(id) => go(2, { order: id })} />,
          next: false,
        },
        {
          title: 'Its status',
          content: orderId ? <OrderStatus id={orderId} /> : <StartAgain />,
          next: false,
        },
      ]}
    />
  );
}

function FindOrder({ onPick }: { onPick: (id: string) => void }) {
  const desk = useDesk();
  const [text, setText] = useState<string | null>(null);
  const form = useForm<FindForm>({ defaultValues: { text: '' }, resolver: checkResolver(checkFind) });
  const found = useQuery({
    ...deskQueryOptions(desk, 'orders.list', { text: text ?? '-', limit: 10 }),
    enabled: text !== null,
  });
  const submit = form.handleSubmit((values) => setText(values.text.trim()));
  const items = found.data?.items ?? [];
  return (
    <>
      <form className="guided-form" onSubmit={submit} noValidate aria-label="Find the order">
        <Field
          label="Order ID or number"
          hint="The hosting order ID Sinch gave, part of it, or a phone number the order carries."
          error={form.formState.errors.text}
        >
          {(p) => <input {...form.register('text')} {...p} autoComplete="off" />}
        </Field>
        <div className="guided-actions">
          <button type="submit" className="button button-primary">
            Find
          </button>
        </div>
      </form>
      {found.error && <ErrorNotice title="Could not search the orders" error={found.error} />}
      {text !== null && found.isSuccess && items.length > 0 && (
        <ul className="guided-orders" aria-label="Orders found">
          {items.map((o) => {
            const view = orderWords(o.state);
            return (
              <li key={o.id}>
                <button type="button" className="link-button mono" onClick={() => onPick(o.id)}>
                  {o.id}
                </button>{' '}
                <StatusBadge tone={view.tone}>{view.words}</StatusBadge>{' '}
                <span className="detail-muted">{o.numberCount} numbers</span>
              </li>
            );
          })}
        </ul>
      )}
      {text !== null && found.isSuccess && items.length === 0 && (
        <Discover text={text} onFound={() => void found.refetch()} />
      )}
    </>
  );
}

/** Not known here: the order was made outside Hosting Desk. Sinch lists orders per plan and campaign. */
function Discover({ text, onFound }: { text: string; onFound: () => void }) {
  const defaults = useWorkspaceDefaults();
  const discover = useDeskMutation('orders.discover', { onSuccess: onFound });
  const form = useForm<DiscoverForm>({
    values: { servicePlanId: defaults?.servicePlanId ?? '', campaignId: defaults?.campaignId ?? '' },
    resolver: checkResolver(checkDiscover),
  });
  const submit = form.handleSubmit((values) => {
    const checked = checkDiscover(values);
    if (checked.ok) discover.mutate(checked.input);
  });
  const { errors } = form.formState;
  return (
    <section aria-labelledby="guided-discover-title" className="guided-discover">
      <h3 id="guided-discover-title" className="guided-step-title">
        Not among this workspace’s orders
      </h3>
      <p className="detail-line">
        No order here matches “{text}”. If it was made outside Hosting Desk, ask Sinch for the orders of its
        service plan and campaign: Hosting Desk keeps what it finds and follows it like its own.
      </p>
      <form className="guided-form" onSubmit={submit} noValidate aria-label="Find orders at Sinch">
        <Field label="Service plan ID" error={errors.servicePlanId}>
          {(p) => <input {...form.register('servicePlanId')} {...p} autoComplete="off" />}
        </Field>
        <Field label="Campaign ID" error={errors.campaignId}>
          {(p) => <input {...form.register('campaignId')} {...p} autoComplete="off" />}
        </Field>
        {discover.error && <ErrorNotice title="Sinch could not be asked" error={discover.error} />}
        {discover.isSuccess && (
          <p role="status">
            Sinch listed {discover.data.found} orders; {discover.data.adopted} new here.
            {discover.data.found > 0 ? '' : ' None matches: check the service plan and campaign.'}
          </p>
        )}
        <div className="guided-actions">
          <button type="submit" className="button button-primary" disabled={discover.isPending}>
            {discover.isPending ? 'Asking Sinch…' : 'Find orders at Sinch'}
          </button>
        </div>
      </form>
    </section>
  );
}

function OrderStatus({ id }: { id: string }) {
  const desk = useDesk();
  const order = useQuery(deskQueryOptions(desk, 'orders.get', { id }));
  const refresh = useDeskMutation('orders.refresh');
  const { mutate } = refresh;
  // read it from Sinch now (order, report, numbers), once on arrival; "Check again" repeats it
  useEffect(() => mutate({ ids: [id] }), [mutate, id]);
  const failed = refresh.data?.failed.find((f) => f.id === id);
  const o = order.data;
  const status = o ? orderStatus(o) : null;
  const report = o ? reportLines(o) : null;
  return (
    <section aria-labelledby="guided-order-title" className="guided-section">
      <h3 id="guided-order-title" className="guided-step-title">
        Order <span className="mono">{id}</span>
      </h3>
      {order.error && <ErrorNotice title="Could not load the order" error={order.error} />}
      {refresh.error && <ErrorNotice title="Could not ask Sinch" error={refresh.error} />}
      {failed && <p className="field-error">{failed.message}</p>}
      {o && status && (
        <>
          <section className="sync-banner" aria-label="Order status">
            <StatusBadge tone={status.tone}>{status.words}</StatusBadge>
            <p className="sync-banner-text">{status.next}</p>
          </section>
          <dl className="fact-list" aria-label="Sinch’s report">
            {report ? (
              report.map((l) => (
                <div key={l.label} className="guided-follow-line">
                  <dt>{l.label}</dt>
                  <dd>{l.value}</dd>
                </div>
              ))
            ) : (
              <div className="guided-follow-line">
                <dt>Sinch’s report</dt>
                <dd>Not read yet: Sinch writes it once the order is under way.</dd>
              </div>
            )}
            <div className="guided-follow-line">
              <dt>Last checked</dt>
              <dd>{o.checkedAt ? `${formatDate(o.checkedAt)} ${formatTime(o.checkedAt)}` : 'not yet'}</dd>
            </div>
          </dl>
        </>
      )}
      <p className="guided-actions">
        <button
          type="button"
          className="button"
          disabled={refresh.isPending}
          onClick={() => refresh.mutate({ ids: [id] })}
        >
          {refresh.isPending ? 'Checking…' : 'Check again'}
        </button>
        <a className="button button-quiet" href={orderHref(id)}>
          Open the order’s page
        </a>
      </p>
    </section>
  );
}
