import { useQueries, useQuery } from '@tanstack/react-query';
import type { JobSummary, NumberSummary } from '../../../../shared/contract';
import { QUALIFICATION_NUMBER_STATES } from '../../../../shared/domain/tasks';
import { deskQueryOptions, useDesk } from '../../lib/query';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { StatusBadge, type Tone } from '../../ui/StatusBadge';
import { formatDate } from '../../ui/time';
import { qualificationView, reviewDeadline } from './verify-view';

const SHOWN = 20;
/** numbers listed per request; the rest are counted (a request carries up to 500) */
const LISTED = 50;

/** A request's wait as a whole: Sinch reviewing, decided, or past the review limit. */
function requestState(job: JobSummary): { tone: Tone; words: string } {
  switch (job.state) {
    case 'done':
      return { tone: 'done', words: 'Sinch decided every number' };
    case 'failed':
    case 'dead':
      return { tone: 'failed', words: 'Not decided in time' };
    case 'cancelled':
      return { tone: 'waiting', words: 'Stopped following' };
    case 'waiting_remote':
      return { tone: 'progress', words: 'Sinch is reviewing' };
    default:
      return { tone: 'progress', words: 'Being sent to Sinch' };
  }
}

/**
 * The numbers being qualified, one block per request (the engine's "wait for Sinch's review" job of
 * each qualify call, newest first): the request's state, its review deadline in business days, and
 * each number's state with who acts next. Approving or refusing is Sinch's: in the Sandbox, through
 * the Sandbox screen's controls, never here.
 */
export function QualificationBatches() {
  const desk = useDesk();
  const requests = useQuery(
    deskQueryOptions(desk, 'jobs.list', { task: 'awaitQualification', offset: 0, limit: SHOWN }),
  );
  const limit = useQuery(
    deskQueryOptions(desk, 'settings.get', { keys: ['qualification.reviewLimitBusinessDays'] }),
  );
  const entry = limit.data?.items.find((e) => e.key === 'qualification.reviewLimitBusinessDays');
  const days = entry?.key === 'qualification.reviewLimitBusinessDays' ? entry.value : undefined;
  const details = useQueries({
    queries: (requests.data?.items ?? []).map((job) => deskQueryOptions(desk, 'jobs.get', { id: job.id })),
  });
  const states = useQuery(
    deskQueryOptions(desk, 'numbers.list', {
      states: [...QUALIFICATION_NUMBER_STATES, 'failed'],
      offset: 0,
      limit: 500,
    }),
  );
  const byPhone = new Map<string, NumberSummary>((states.data?.items ?? []).map((n) => [n.phone, n]));
  const error = requests.error ?? states.error;
  return (
    <section className="verify-section" aria-labelledby="batches-title">
      <div className="verify-section-head">
        <h2 id="batches-title">Qualification requests</h2>
      </div>
      {error && (
        <ErrorNotice
          title="Could not load the qualification requests"
          error={error}
          action={
            <button
              type="button"
              className="button"
              onClick={() => {
                void requests.refetch();
                void states.refetch();
              }}
            >
              Try again
            </button>
          }
        />
      )}
      {requests.data && requests.data.items.length === 0 && (
        <EmptyState title="No numbers are being qualified">
          Qualify numbers from “Bring numbers”: each request shows here with Sinch’s review and its deadline.
        </EmptyState>
      )}
      {requests.data?.items.map((job, i) => {
        const state = requestState(job);
        const phones = details[i]?.data?.phoneNumbers ?? [];
        const open = job.state === 'waiting_remote' || job.state === 'pending' || job.state === 'running';
        return (
          <article key={job.id} className="verify-batch" aria-labelledby={`batch-${job.id}`}>
            <header className="verify-batch-head">
              <h3 id={`batch-${job.id}`}>
                Request of {formatDate(job.createdAt)} · {job.numberCount}{' '}
                {job.numberCount === 1 ? 'number' : 'numbers'}
              </h3>
              <StatusBadge tone={state.tone}>{state.words}</StatusBadge>
              {open && days !== undefined && (
                <span className="verify-deadline">
                  Review due by {formatDate(new Date(reviewDeadline(job.createdAt, days)).toISOString())} (
                  {days} business days)
                </span>
              )}
            </header>
            {job.lastError && !open && <p className="verify-batch-note">{job.lastError.message}</p>}
            <table
              className="verify-batch-numbers"
              aria-label={`Numbers of the request of ${formatDate(job.createdAt)}`}
            >
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">State</th>
                  <th scope="col">Who acts</th>
                  <th scope="col">Next step</th>
                </tr>
              </thead>
              <tbody>
                {phones.slice(0, LISTED).map((phone) => {
                  const n = byPhone.get(phone);
                  const v = n ? qualificationView(n.state) : null;
                  return (
                    <tr key={phone}>
                      <th scope="row" className="mono">
                        {phone}
                      </th>
                      <td>{v ? <StatusBadge tone={v.tone}>{v.words}</StatusBadge> : 'Not known yet'}</td>
                      <td>{v?.holder ?? '—'}</td>
                      <td>{v?.next ?? '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {job.numberCount > LISTED && (
              <p className="verify-batch-note">
                and {job.numberCount - LISTED} more: the Numbers screen lists them all.
              </p>
            )}
          </article>
        );
      })}
    </section>
  );
}
