import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { JobSummary, Output } from '../../../../shared/contract';
import { useSyncState, useSyncToggle } from '../../lib/app-state';
import type { Desk } from '../../lib/desk';
import { callDesk, deskQueryKey, deskQueryOptions, useDesk, useDeskMutation } from '../../lib/query';
import { saveExportFile } from '../../lib/save-file';
import { ActionMenu } from '../../ui/aria';
import { type BlockQuery, type Column, DataTable, type RowsBlock } from '../../ui/DataTable';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatCount } from '../../ui/format';
import { StatusBadge } from '../../ui/StatusBadge';
import { syncView } from '../../ui/sync-view';
import { formatTime } from '../../ui/time';
import { useNarrow } from '../../ui/use-narrow';
import { JobDialog } from './JobDialog';
import './queue.css';
import {
  batchView,
  errorView,
  filterCount,
  jobStateView,
  nextRunLabel,
  QUEUE_FILTER_NAMES,
  QUEUE_FILTERS,
  type QueueFilter,
  TASK_LABELS,
} from './queue-view';

/**
 * The Queue: the sync banner (with Pause / Resume), progress per batch, and every job — live, through
 * the event table (`jobs.changed` re-asks the blocks on screen, `sync.state` patches the banner).
 * Filter, batch and the open job are in the URL.
 */
export function QueuePage() {
  const search = useSearch({ from: '/queue' });
  const navigate = useNavigate({ from: '/queue' });
  const show: QueueFilter = search.show ?? 'all';
  const states = QUEUE_FILTERS[show].states;
  const filter = useMemo(
    () => ({
      ...(states ? { states: [...states] } : {}),
      ...(search.batch ? { batchId: search.batch } : {}),
    }),
    [states, search.batch],
  );
  const openJob = useCallback(
    (id: number | undefined) => void navigate({ search: (s) => ({ ...s, job: id }) }),
    [navigate],
  );
  return (
    <section className="page" aria-labelledby="queue-title">
      <div className="page-head">
        <h1 id="queue-title">Queue</h1>
        <p className="page-lede">
          Every call Hosting Desk sends to Sinch, as it happens. Jobs retry by themselves; failed ones say
          what to fix.
        </p>
      </div>
      <SyncBanner />
      <Batches selected={search.batch} />
      <Filters show={show} batch={search.batch} filter={filter} />
      <JobsTable show={show} batch={search.batch} filter={filter} onOpen={(job) => openJob(job.id)} />
      {search.job !== undefined && <JobDialog id={search.job} onClose={() => openJob(undefined)} />}
    </section>
  );
}

function SyncBanner() {
  const sync = useSyncState();
  const state = sync.data;
  const toggle = useSyncToggle(state?.running ?? false);
  if (sync.error) return <ErrorNotice title="Could not read the sync state" error={sync.error} />;
  if (!state) return null;
  const view = syncView(state, formatTime);
  return (
    <section className={`sync-banner sync-banner-${view.tone}`} aria-label="Sync">
      <StatusBadge tone={view.tone}>{view.label}</StatusBadge>
      <p className="sync-banner-text">
        {state.running
          ? (view.fix ?? 'Jobs are being sent to Sinch.')
          : // the engine says why: paused by the user, or a Live workspace never started (and then how)
            [state.detail, view.fix].filter(Boolean).join(' ')}
      </p>
      <button type="button" className="button" onClick={() => toggle.mutate({})} disabled={toggle.isPending}>
        {state.running ? 'Pause sync' : state.changedAt === null ? 'Start sync' : 'Resume sync'}
      </button>
      {toggle.error && <ErrorNotice title="Could not change sync" error={toggle.error} />}
    </section>
  );
}

function Batches({ selected }: { selected: string | undefined }) {
  const batches = useQuery(deskQueryOptions(useDesk(), 'jobs.batches', { limit: 5 }));
  if (batches.error) return <ErrorNotice title="Could not load the batches" error={batches.error} />;
  const items = batches.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="batches" aria-labelledby="batches-title">
      <h2 id="batches-title" className="section-title">
        Recent batches
      </h2>
      <ul className="batch-list">
        {items.map((b) => {
          const view = batchView(b);
          const percent = view.total ? Math.round((view.done / view.total) * 100) : 0;
          return (
            <li key={b.id} className={`batch${selected === b.id ? ' is-current' : ''}`}>
              <div className="batch-head">
                <Link
                  to="/queue"
                  search={(s) => ({ ...s, batch: selected === b.id ? undefined : b.id, job: undefined })}
                  className="batch-name"
                  aria-current={selected === b.id ? 'true' : undefined}
                >
                  {b.label}
                </Link>
                <StatusBadge tone={view.tone}>{view.label}</StatusBadge>
                <span className="batch-detail">{view.detail}</span>
                <BatchActions batchId={b.id} label={b.label} failed={b.counts.failed + b.counts.dead} />
              </div>
              <div
                className="progress-track batch-track"
                role="progressbar"
                aria-label={`${b.label} progress`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent}
                aria-valuetext={view.detail}
              >
                <div className="progress-fill" style={{ width: `${percent}%` }} />
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Retry every failed job of a batch (one engine call), and export its per-number results. */
function BatchActions({ batchId, label, failed }: { batchId: string; label: string; failed: number }) {
  const retryFailed = useDeskMutation('jobs.retryFailed');
  const exportFile = useDeskMutation('exports.build', { onSuccess: (file) => saveExportFile(file) });
  return (
    <span className="batch-actions">
      {failed > 0 && (
        <button
          type="button"
          className="button"
          disabled={retryFailed.isPending}
          onClick={() => retryFailed.mutate({ batchId })}
          aria-label={`Retry ${failed} failed in ${label}`}
        >
          Retry {failed} failed
        </button>
      )}
      <ActionMenu
        label="Export results"
        actions={[
          { id: 'csv', label: 'CSV file' },
          { id: 'xlsx', label: 'Excel workbook' },
        ]}
        onAction={(format) =>
          exportFile.mutate({
            source: { kind: 'batch', batchId },
            format: format === 'xlsx' ? 'xlsx' : 'csv',
          })
        }
      />
      {retryFailed.error && <ErrorNotice title="Could not retry the failed jobs" error={retryFailed.error} />}
      {exportFile.error && <ErrorNotice title="Could not export the results" error={exportFile.error} />}
    </span>
  );
}

type JobsFilter = { states?: JobSummary['state'][]; batchId?: string };
type JobsBlock = RowsBlock<JobSummary> & { counts: Output<'jobs.list'>['counts'] };

/** Rows per block of the jobs table (its DataTable's blockSize). */
const JOBS_BLOCK = 200;

/**
 * The jobs table's block at `offset`. Every jobs.list answer carries the per-state totals of the whole
 * queue, so the filter chips read them from the table's first block — the same query, one request —
 * instead of asking again (a second count over 100,000 jobs before the first rows could show).
 */
const jobsBlock =
  (desk: Desk, filter: JobsFilter): BlockQuery<JobSummary> =>
  (offset, limit) => {
    const input = { ...filter, offset, limit };
    return {
      queryKey: deskQueryKey('jobs.list', input),
      queryFn: async (): Promise<JobsBlock> => {
        const page = await callDesk(desk, 'jobs.list', input);
        return { rows: page.items, total: page.total ?? 0, counts: page.counts };
      },
    };
  };

function Filters({
  show,
  batch,
  filter,
}: {
  show: QueueFilter;
  batch: string | undefined;
  filter: JobsFilter;
}) {
  const totals = useQuery(jobsBlock(useDesk(), filter)(0, JOBS_BLOCK));
  // jobsBlock's queryFn answers a JobsBlock; the table's BlockQuery type only names rows and total
  const counts = (totals.data as JobsBlock | undefined)?.counts;
  return (
    <nav className="queue-filters" aria-label="Show jobs">
      {QUEUE_FILTER_NAMES.map((name) => (
        <Link
          key={name}
          to="/queue"
          search={(s) => ({ ...s, show: name === 'all' ? undefined : name, job: undefined })}
          className={`filter-chip${show === name ? ' is-current' : ''}`}
          aria-current={show === name ? 'true' : undefined}
        >
          {QUEUE_FILTERS[name].label}
          {counts && <span className="filter-count">{formatCount(filterCount(name, counts))}</span>}
        </Link>
      ))}
      {batch && (
        <Link to="/queue" search={(s) => ({ ...s, batch: undefined })} className="filter-chip is-batch">
          Only batch {batch} — show all batches
        </Link>
      )}
    </nav>
  );
}

/** Re-renders every 15 s so "in 4 min" stays true; no request is made (the data comes from events). */
function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

function JobsTable({
  show,
  batch,
  filter,
  onOpen,
}: {
  show: QueueFilter;
  batch: string | undefined;
  filter: JobsFilter;
  onOpen: (job: JobSummary) => void;
}) {
  const desk = useDesk();
  const now = useNow();
  const allColumns = useMemo<Column<JobSummary>[]>(
    () => [
      {
        id: 'id',
        header: 'Job',
        width: '72px',
        cell: (job) => (
          <Link
            to="/queue"
            search={(s) => ({ ...s, job: job.id })}
            className="mono"
            aria-label={`Job ${job.id} details`}
            tabIndex={-1}
          >
            #{job.id}
          </Link>
        ),
      },
      { id: 'task', header: 'What', width: 'minmax(140px, 1.4fr)', cell: (job) => TASK_LABELS[job.task] },
      {
        id: 'state',
        header: 'State',
        width: 'minmax(124px, 1.2fr)',
        cell: (job) => {
          const v = jobStateView(job);
          return <StatusBadge tone={v.tone}>{v.label}</StatusBadge>;
        },
      },
      { id: 'numbers', header: 'Numbers', width: '88px', cell: (job) => formatCount(job.numberCount) },
      {
        id: 'attempts',
        header: 'Attempts',
        width: '92px',
        cell: (job) => `${job.attempts} of ${job.maxAttempts}`,
      },
      { id: 'next', header: 'Next run', width: '120px', cell: (job) => nextRunLabel(job, now, formatTime) },
      {
        id: 'error',
        header: 'Last error',
        width: 'minmax(0, 2fr)',
        cell: (job) => {
          const e = errorView(job.lastError);
          if (!e) return <span className="detail-muted">—</span>;
          const fields = e.fields.map((f) => `${f.field}: ${f.problem}`).join('; ');
          return <span title={fields || e.summary}>{fields ? `${fields}` : e.summary}</span>;
        },
      },
    ],
    [now],
  );
  // under 1,000 px the job's own dialog carries attempts and next run; what, state and error keep their room
  const narrow = useNarrow();
  const columns = useMemo(
    () => (narrow ? allColumns.filter((c) => c.id !== 'attempts' && c.id !== 'next') : allColumns),
    [narrow, allColumns],
  );
  return (
    <DataTable<JobSummary>
      label="Jobs"
      noun="jobs"
      columns={columns}
      rowId={(job) => job.id}
      filterKey={JSON.stringify(filter)}
      blockQuery={jobsBlock(desk, filter)}
      blockSize={JOBS_BLOCK}
      onOpen={onOpen}
      empty={
        show === 'all' && !batch
          ? 'Nothing has been queued yet. Bring numbers in and confirm a plan; its calls show up here.'
          : 'No job matches this filter. Choose “All” to see every job.'
      }
    />
  );
}
