import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { deskQueryOptions, useDesk, useDeskMutation } from '../../lib/query';
import { Dialog } from '../../ui/aria';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatCount } from '../../ui/format';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatDate, formatTime } from '../../ui/time';
import { AmendForm } from './AmendForm';
import {
  amendableFields,
  CANNOT_CHANGE_SENT,
  errorView,
  jobActions,
  jobStateView,
  nextRunLabel,
  TASK_LABELS,
} from './queue-view';

const PHASE_WORDS = { intent: 'About to send', response: 'Answer', note: 'Note' } as const;

/**
 * One job: what it is, where it stands, its last error by field, its attempt history; Retry / Cancel,
 * and for a refused job whose request sends a service plan or campaign, those changed and sent again.
 */
export function JobDialog({ id, onClose }: { id: number; onClose: () => void }) {
  const job = useQuery(deskQueryOptions(useDesk(), 'jobs.get', { id }));
  const retry = useDeskMutation('jobs.retry');
  const cancel = useDeskMutation('jobs.cancel');
  const data = job.data;
  const actions = data ? jobActions(data) : { retry: false, cancel: false };
  const error = data ? errorView(data.lastError) : null;
  const state = data ? jobStateView(data) : null;
  const amendable = data ? amendableFields(data) : [];
  // after a change is sent the form goes away: focus moves to the job's new state, not to the page
  const stateRef = useRef<HTMLElement>(null);
  return (
    <Dialog
      title={data ? `Job #${data.id}: ${TASK_LABELS[data.task]}` : `Job #${id}`}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      footer={
        <>
          {actions.cancel && (
            <button
              type="button"
              className="button"
              disabled={cancel.isPending}
              onClick={() => cancel.mutate({ id })}
            >
              Cancel job
            </button>
          )}
          {actions.retry && (
            <button
              type="button"
              className="button"
              disabled={retry.isPending}
              onClick={() => retry.mutate({ id })}
            >
              Retry
            </button>
          )}
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      {job.error && <ErrorNotice title="Could not load this job" error={job.error} />}
      {retry.error && <ErrorNotice title="Could not retry" error={retry.error} />}
      {cancel.error && <ErrorNotice title="Could not cancel" error={cancel.error} />}
      {job.isPending && <p className="loading">Loading the job…</p>}
      {data && state && (
        <div className="job-detail">
          <dl className="fact-list">
            <dt>State</dt>
            <dd ref={stateRef} tabIndex={-1}>
              <StatusBadge tone={state.tone}>{state.label}</StatusBadge>
            </dd>
            <dt>Attempts</dt>
            <dd>
              {data.attempts} of {data.maxAttempts}
            </dd>
            <dt>Next run</dt>
            <dd>{nextRunLabel(data, Date.now(), formatTime)}</dd>
            <dt>Queued</dt>
            <dd>
              {formatDate(data.createdAt)} {formatTime(data.createdAt)}
            </dd>
            <dt>Numbers</dt>
            <dd>
              {formatCount(data.numberCount)}
              {data.phoneNumbers.length > 0 && (
                <span className="job-numbers mono">
                  {' '}
                  {data.phoneNumbers.slice(0, 6).join(', ')}
                  {data.numberCount > 6 ? ', …' : ''}
                </span>
              )}
            </dd>
            {data.dependsOn.length > 0 && (
              <>
                <dt>Runs after</dt>
                <dd>{data.dependsOn.map((d) => `#${d}`).join(', ')}</dd>
              </>
            )}
          </dl>
          {error && (
            <section className="job-error" aria-label="Last error">
              <p className="detail-strong">Last error</p>
              <p>{error.summary}</p>
              {error.fields.length > 0 && (
                <ul className="job-fields">
                  {error.fields.map((f) => (
                    <li key={`${f.field}:${f.problem}`}>
                      <strong>{f.field}:</strong> {f.problem}
                      {f.fix && <div>{f.fix}</div>}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
          {data.sendMayHaveLanded && amendableFields({ ...data, sendMayHaveLanded: false }).length > 0 && (
            <p className="detail-muted">{CANNOT_CHANGE_SENT}</p>
          )}
          {amendable.length > 0 && (
            // keyed by the values sent: after a change the form starts again from the job as it is now
            <AmendForm
              key={`${data.servicePlanId}|${data.campaignId}`}
              job={data}
              fields={amendable}
              onSent={() => stateRef.current?.focus()}
            />
          )}
          <table className="facts job-history">
            <caption>Attempt history</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Attempt</th>
                <th scope="col">Step</th>
                <th scope="col">What happened</th>
              </tr>
            </thead>
            <tbody>
              {data.history.length === 0 && (
                <tr>
                  <td colSpan={4}>Not sent yet.</td>
                </tr>
              )}
              {data.history.map((h, i) => (
                // the history is append-only: its order is its identity
                // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
                <tr key={i}>
                  <td>
                    <time dateTime={h.at}>{formatTime(h.at)}</time>
                  </td>
                  <td>{h.attempt}</td>
                  <td>{PHASE_WORDS[h.phase]}</td>
                  <td>
                    {h.summary}
                    {h.httpStatus !== null && <span className="detail-muted"> (HTTP {h.httpStatus})</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}
