import { getLocalTimeZone, now as zonedNow, type ZonedDateTime } from '@internationalized/date';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { deskQueryOptions, isDeskError, useDesk, useDeskMutation } from '../../lib/query';
import { DateTimeField, Dialog } from '../../ui/aria';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { StatusBadge } from '../../ui/StatusBadge';
import {
  callsLine,
  planTotals,
  queueLabel,
  loaOfBody,
  operationWords,
  SCHEDULE_LABELS,
  type ScheduleField,
  scheduleView,
  signatureOrders,
} from './plan-view';
import './plan.css';

const route = getRouteApi('/plan/$draftId');
const CALLS_PAGE = 50;

/**
 * The exact API calls before anything is queued (UI.md): totals, warnings, rows left out and why,
 * the calls page by page, one call's wire body, the LOA as sent and the signature e-mails, the
 * scheduling times. Confirm queues it all in one transaction, for the revision shown.
 */
export function PlanPage() {
  const { draftId } = route.useParams();
  const { calls: callsOffset = 0 } = route.useSearch();
  const navigate = route.useNavigate();
  const desk = useDesk();
  const draft = useQuery(deskQueryOptions(desk, 'intake.get', { draftId }));
  // A queued draft has no plan to preview any more (the engine refuses): it is its batch now.
  const queuedAlready = draft.data?.state === 'queued';
  const preview = useQuery({
    ...deskQueryOptions(desk, 'plan.preview', {
      draftId,
      callsOffset,
      callsLimit: CALLS_PAGE,
      excludedLimit: 100,
    }),
    enabled: draft.data !== undefined && !queuedAlready,
  });
  const [body, setBody] = useState<string | null>(null);
  const commit = useDeskMutation('plan.commit');

  if (queuedAlready && draft.data)
    return (
      <section className="page" aria-labelledby="plan-title">
        <div className="page-head page-head-row">
          <div>
            <h1 id="plan-title">Plan: {draft.data.name}</h1>
          </div>
          <Link to="/intake/$draftId" params={{ draftId }} className="button">
            Back to the rows
          </Link>
        </div>
        <p className="notice notice-done" role="status">
          <StatusBadge tone="done">Queued</StatusBadge>
          <span>
            {draft.data.batchId ? `Queued as batch ${draft.data.batchId}. ` : 'Queued. '}
            The calls are sent when sync runs; the list can no longer change.
          </span>
          <FollowOnQueue batchId={draft.data.batchId} />
        </p>
      </section>
    );
  const error = draft.error ?? preview.error;
  if (error)
    return (
      <section className="page" aria-labelledby="plan-title">
        <div className="page-head">
          <h1 id="plan-title">Plan</h1>
        </div>
        <ErrorNotice
          title="Could not work out the plan"
          error={error}
          action={
            <button type="button" className="button" onClick={() => void preview.refetch()}>
              Try again
            </button>
          }
        />
      </section>
    );
  if (!draft.data || !preview.data || !('draftId' in preview.data))
    return (
      <p className="loading" aria-live="polite">
        Working out the plan…
      </p>
    );

  const d = draft.data;
  const p = preview.data;
  const queued = d.state === 'queued' || commit.isSuccess;
  const textEnable = d.action === 'text-enable';
  const firstSigned = p.calls.items.find((c) => c.loa !== null && c.operation.startsWith('textEnable'));
  const conflict = isDeskError(commit.error) && commit.error.code === 'CONFLICT';

  return (
    <section className="page page-wide" aria-labelledby="plan-title">
      <div className="page-head page-head-row">
        <div>
          <h1 id="plan-title">Plan: {d.name}</h1>
          <p className="page-lede">
            {planTotals(p.acceptedRows, p.totalCalls)} · {callsLine(p.callsByOperation)}
          </p>
        </div>
        <Link to="/intake/$draftId" params={{ draftId }} className="button">
          Back to the rows
        </Link>
      </div>

      {queued ? (
        <p className="notice notice-done" role="status">
          <StatusBadge tone="done">Queued</StatusBadge>
          <span>
            {commit.data
              ? `Queued as batch ${commit.data.batchId}.`
              : `Queued${d.batchId ? ` as batch ${d.batchId}` : ''}.`}{' '}
            The calls are sent when sync runs.
          </span>
          <FollowOnQueue batchId={commit.data?.batchId ?? d.batchId} />
        </p>
      ) : null}

      {!queued && (
        <div className="plan-confirm">
          {conflict && (
            <p className="field-error" role="alert">
              The list changed since this plan was shown. Review it again, then queue.
            </p>
          )}
          {commit.error && !conflict && <ErrorNotice title="Nothing was queued" error={commit.error} />}
          <button
            type="button"
            className="button button-primary"
            disabled={commit.isPending || p.totalCalls === 0}
            onClick={() => commit.mutate({ draftId, revision: p.revision })}
          >
            {commit.isPending ? 'Queueing…' : queueLabel(p.totalCalls)}
          </button>
          <span className="detail-muted">Nothing is sent until you confirm; it works offline too.</span>
        </div>
      )}

      {p.warnings.length > 0 && (
        <section aria-labelledby="plan-warnings" className="plan-section">
          <h2 id="plan-warnings" className="section-title">
            Check before you queue
          </h2>
          <ul className="warning-list">
            {p.warnings.map((w) => (
              <li key={w}>
                <StatusBadge tone="action">Note</StatusBadge> <span>{w}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {textEnable && (
        <section aria-labelledby="plan-loa" className="plan-section">
          <h2 id="plan-loa" className="section-title">
            LOA as it will be sent
          </h2>
          <LoaAsSent
            draftId={draftId}
            callKey={firstSigned?.key ?? null}
            orders={signatureOrders(p.callsByOperation)}
          />
        </section>
      )}

      {textEnable && !queued && (
        <section aria-labelledby="plan-schedule" className="plan-section">
          <h2 id="plan-schedule" className="section-title">
            Scheduling (optional)
          </h2>
          <Schedule
            draftId={draftId}
            fields={
              p.callsByOperation.textEnableTollFreeNumbers
                ? ['scheduledOsrUpdateTime', 'scheduledZipwhipProvisioningTime']
                : ['scheduledOsrUpdateTime']
            }
          />
        </section>
      )}

      <section aria-labelledby="plan-calls" className="plan-section">
        <h2 id="plan-calls" className="section-title">
          Calls, in the order they are sent
        </h2>
        {p.calls.items.length === 0 ? (
          <p>No call: every row is left out. The reasons are listed below; fix them on the rows page.</p>
        ) : (
          <table className="facts plan-calls">
            <caption className="visually-hidden">Calls</caption>
            <thead>
              <tr>
                <th scope="col">Call</th>
                <th scope="col">Numbers</th>
                <th scope="col">Waits for</th>
                <th scope="col">LOA</th>
                <th scope="col">
                  <span className="visually-hidden">Body</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.calls.items.map((c) => (
                <tr key={c.key}>
                  <th scope="row">
                    {operationWords(c.operation)}
                    <div className="detail-muted mono">{c.key}</div>
                  </th>
                  <td>
                    {c.numberCount.toLocaleString('en-US')}
                    <div className="detail-muted mono">
                      {c.numbers.slice(0, 3).join(', ')}
                      {c.numberCount > 3 ? ', …' : ''}
                    </div>
                  </td>
                  <td>
                    {c.dependsOn.length === 0 ? '—' : c.dependsOn.join(', ')}
                    {c.waitsForQualification && (
                      <div className="detail-muted">the numbers’ qualification</div>
                    )}
                  </td>
                  <td>{c.loa ? c.loa.type : '—'}</td>
                  <td className="actions">
                    <BodyButton draftId={draftId} callKey={c.key} onBody={setBody} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {(p.calls.total ?? 0) > CALLS_PAGE && (
          <nav className="pager" aria-label="Call pages">
            <span>
              {callsOffset + 1}–{callsOffset + p.calls.items.length} of {p.calls.total}
            </span>
            <button
              type="button"
              className="button"
              disabled={callsOffset === 0}
              onClick={() =>
                void navigate({ search: { calls: Math.max(0, callsOffset - CALLS_PAGE) || undefined } })
              }
            >
              Previous
            </button>
            <button
              type="button"
              className="button"
              disabled={callsOffset + CALLS_PAGE >= (p.calls.total ?? 0)}
              onClick={() => void navigate({ search: { calls: callsOffset + CALLS_PAGE } })}
            >
              Next
            </button>
          </nav>
        )}
      </section>

      {p.excluded.items.length > 0 && (
        <section aria-labelledby="plan-excluded" className="plan-section">
          <h2 id="plan-excluded" className="section-title">
            Left out ({(p.excluded.total ?? p.excluded.items.length).toLocaleString('en-US')} rows)
          </h2>
          <table className="facts">
            <caption className="visually-hidden">Rows left out</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">As written</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {p.excluded.items.map((x) => (
                <tr key={x.row}>
                  <th scope="row">{x.row}</th>
                  <td className="mono">{x.original}</td>
                  <td>{x.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {body !== null && (
        <Dialog title="Exactly what is sent" isOpen onOpenChange={(open) => !open && setBody(null)}>
          <pre className="wire-body" data-testid="wire-body">
            {body}
          </pre>
        </Dialog>
      )}
    </section>
  );
}

function BodyButton({
  draftId,
  callKey,
  onBody,
}: {
  draftId: string;
  callKey: string;
  onBody: (text: string) => void;
}) {
  const call = useDeskMutation('plan.call', {
    onSuccess: (c) => onBody(`${c.method} ${c.path}\n\n${JSON.stringify(c.body, null, 2)}`),
  });
  return (
    <button
      type="button"
      className="button button-quiet"
      aria-label={`Show the body of ${callKey}`}
      onClick={() => call.mutate({ draftId, key: callKey })}
    >
      Body
    </button>
  );
}

function LoaAsSent({
  draftId,
  callKey,
  orders,
}: {
  draftId: string;
  callKey: string | null;
  orders: number;
}) {
  const desk = useDesk();
  const call = useQuery({
    ...deskQueryOptions(desk, 'plan.call', { draftId, key: callKey ?? '' }),
    enabled: callKey !== null,
  });
  if (callKey === null)
    return (
      <p>No order in this plan carries an LOA yet. Choose an LOA profile for the list on its rows page.</p>
    );
  if (call.error) return <ErrorNotice title="Could not show the LOA" error={call.error} />;
  if (!call.data) return <p className="loading">Loading…</p>;
  const loa = loaOfBody(call.data.body);
  if (!loa) return <p>This order carries no LOA.</p>;
  const email = (loa.value as { authorisedPerson?: { email?: string } }).authorisedPerson?.email;
  return (
    <>
      {email && (
        <p data-testid="signature-emails">
          {email} will receive {orders} e-mail{orders === 1 ? '' : 's'} to sign, one per order.
        </p>
      )}
      <pre className="wire-body" data-testid="loa-as-sent">
        {JSON.stringify({ [loa.key]: loa.value }, null, 2)}
      </pre>
    </>
  );
}

function Schedule({ draftId, fields }: { draftId: string; fields: readonly ScheduleField[] }) {
  const zone = getLocalTimeZone();
  const [values, setValues] = useState<Partial<Record<ScheduleField, ZonedDateTime | null>>>({});
  const apply = useDeskMutation('intake.apply');
  const nowDate = new Date();
  const views = fields.map((f) => ({ field: f, view: scheduleView(f, values[f] ?? null, nowDate) }));
  const invalid = views.some((v) => v.view.error);
  return (
    <form
      className="schedule"
      onSubmit={(e) => {
        e.preventDefault();
        if (invalid) return;
        apply.mutate({
          draftId,
          target: { all: true },
          values: Object.fromEntries(views.map((v) => [v.field, v.view.utc])),
        });
      }}
    >
      {views.map(({ field, view }) => (
        <div key={field} className="schedule-field">
          <DateTimeField
            label={SCHEDULE_LABELS[field]}
            value={values[field] ?? null}
            onChange={(v) => setValues((s) => ({ ...s, [field]: v }))}
            hint={`In your time zone (${zone}).`}
            {...(view.error ? { error: view.error } : {})}
          />
          <p className="detail-muted">
            Sent as <span className="mono">{view.utc ?? 'nothing'}</span> (UTC).
          </p>
          {view.note && <p className="detail-muted">{view.note}</p>}
        </div>
      ))}
      <div className="form-actions">
        <button type="submit" className="button" disabled={apply.isPending || invalid}>
          Use these times
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() =>
            setValues(
              Object.fromEntries(
                fields.map((f) => [f, zonedNow(zone).add({ days: 1 }).set({ second: 0, millisecond: 0 })]),
              ),
            )
          }
        >
          Tomorrow, this time
        </button>
        {apply.isSuccess && <span role="status">Saved on every row.</span>}
      </div>
      {apply.error && <ErrorNotice title="The times were not saved" error={apply.error} />}
    </form>
  );
}

/** A queued plan is its batch now: where to follow its calls. */
function FollowOnQueue({ batchId }: { batchId: string | null | undefined }) {
  return (
    <Link to="/queue" search={batchId ? { batch: batchId } : {}} className="button">
      Follow it on the Queue
    </Link>
  );
}
