import { type InfiniteData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { DeskError } from '../../lib/query';
import { Link, useParams } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useState } from 'react';
import { z } from 'zod';
import { importedNumbersChannels, type NumberDetail, type Output } from '../../../../shared/contract';
import { callDesk, deskQueryKey, deskQueryOptions, useDesk, useDeskMutation } from '../../lib/query';
import { Dialog } from '../../ui/aria';
import { DialogButtons } from '../../ui/DialogButtons';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field, FormErrors } from '../../ui/Field';
import { applyDeskError, useSchemaForm } from '../../ui/form';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatDate, formatTime } from '../../ui/time';
import {
  type ActionView,
  actionFor,
  BALL_WORDS,
  ballOf,
  numberNextStep,
  qualificationStep,
  stateView,
  timelineLine,
  toneOf,
} from './numbers-view';
import './numbers.css';

/** A fresh intent per click: the same click twice (a double click) is one intent to the engine. */
const intent = (what: string) => `${what}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const when = (iso: string) => `${formatDate(iso)} ${formatTime(iso)}`;

/** One number's lifecycle: state, who acts, the next step with its button, management, the timeline. */
export function NumberPage() {
  const { e164 } = useParams({ from: '/numbers/$e164' });
  const number = useQuery(deskQueryOptions(useDesk(), 'numbers.get', { phone: e164 }));
  return (
    <section className="page" aria-labelledby="number-title">
      <div className="page-head">
        <p>
          <Link to="/numbers">← All numbers</Link>
        </p>
        <h1 id="number-title" className="mono">
          {e164}
        </h1>
      </div>
      {number.error && <ErrorNotice title="Could not load this number" error={number.error} />}
      {number.isPending && <p className="loading">Loading the number…</p>}
      {number.data && (
        <>
          <NextStepBanner n={number.data} />
          <Facts n={number.data} />
          {number.data.kind === 'imported' && number.data.state !== 'deleted' && <Manage n={number.data} />}
          <Timeline phone={number.data.phone} />
        </>
      )}
    </section>
  );
}

function NextStepBanner({ n }: { n: NumberDetail }) {
  const step = numberNextStep(n);
  const state = stateView(n.state);
  const action = actionFor(step.action, n);
  const tone = toneOf(step.tone);
  return (
    <section className={`sync-banner sync-banner-${tone}`} aria-label="Number state">
      <StatusBadge tone={state.tone === 'done' && tone === 'failed' ? 'failed' : state.tone}>
        {state.words}
      </StatusBadge>
      {step.words !== state.words && <strong>{step.words}</strong>}
      <p className="sync-banner-text">
        {step.next ?? 'Nothing to do: Hosting Desk follows it by itself.'} Who acts now:{' '}
        {BALL_WORDS[ballOf(n)]}.
      </p>
      {action && <ActionButton action={action} n={n} />}
    </section>
  );
}

function ActionButton({ action, n }: { action: ActionView; n: NumberDetail }) {
  const reissue = useDeskMutation('jobs.reissue');
  const retry = useDeskMutation('jobs.retry');
  const qualify = useDeskMutation('qualification.qualify');
  const [relinking, setRelinking] = useState(false);
  if (action.kind === 'link')
    return (
      <a className="button button-primary" href={action.href}>
        {action.label}
      </a>
    );
  const mutation =
    action.kind === 'reissue'
      ? reissue
      : action.kind === 'retry'
        ? retry
        : action.kind === 'qualify'
          ? qualify
          : null;
  const run = () => {
    if (action.kind === 'reissue') reissue.mutate({ id: action.jobId, intentId: intent('reissue') });
    else if (action.kind === 'retry') retry.mutate({ id: action.jobId });
    else if (action.kind === 'qualify') qualify.mutate({ intentId: intent('qualify'), numbers: [n.phone] });
    else setRelinking(true);
  };
  return (
    <>
      <button
        type="button"
        className="button button-primary"
        disabled={mutation?.isPending || mutation?.isSuccess}
        onClick={run}
      >
        {mutation?.isSuccess ? 'Queued' : action.label}
      </button>
      {mutation?.error && (
        <ErrorNotice
          title={`Could not ${action.label.toLowerCase().replace('…', '')}`}
          error={mutation.error}
        />
      )}
      {mutation?.isSuccess && (
        <p role="status" className="sync-banner-text">
          Queued; follow it in the <Link to="/queue">Queue</Link> and here.
        </p>
      )}
      {relinking && <RelinkDialog n={n} onClose={() => setRelinking(false)} />}
    </>
  );
}

function Facts({ n }: { n: NumberDetail }) {
  const q = qualificationStep(n.qualificationState);
  return (
    <dl className="fact-list number-facts">
      <dt>At Sinch</dt>
      <dd>
        {n.kind === 'imported'
          ? 'Imported number'
          : n.kind === 'qualified'
            ? 'Qualified number'
            : 'Not sent yet'}
        {n.origin === 'adopted' ? ' (found at Sinch)' : ''}
      </dd>
      {q && (
        <>
          <dt>Qualification</dt>
          <dd>
            <StatusBadge tone={toneOf(q.tone)}>{q.words}</StatusBadge>
          </dd>
        </>
      )}
      <dt>Service plan</dt>
      <dd className="mono">{n.servicePlanId ?? '—'}</dd>
      <dt>Campaign</dt>
      <dd className="mono">{n.campaignId || '—'}</dd>
      <dt>Display name</dt>
      <dd>{n.displayName || '—'}</dd>
      <dt>Callback URL</dt>
      <dd className="mono">{n.callbackUrl || '—'}</dd>
      <dt>Orders</dt>
      <dd>
        {n.orders.length === 0
          ? 'none'
          : n.orders.map((o, i) => (
              <span key={o.id}>
                {i > 0 && ', '}
                <Link to="/orders/$id" params={{ id: o.id }} className="mono">
                  {o.id}
                </Link>
              </span>
            ))}
      </dd>
      <dt>Last checked</dt>
      <dd>{n.checkedAt ? when(n.checkedAt) : 'not yet'}</dd>
    </dl>
  );
}

/** Update, unlink, delete: each queues a job; the destructive ones ask first. */
function Manage({ n }: { n: NumberDetail }) {
  const [open, setOpen] = useState<'update' | 'unlink' | 'delete' | 'relink' | null>(null);
  return (
    <section aria-labelledby="manage-title" className="number-manage">
      <h2 id="manage-title" className="section-title">
        Manage this number
      </h2>
      <div className="button-row">
        <button type="button" className="button" onClick={() => setOpen('update')}>
          Change name or callback URL…
        </button>
        <button type="button" className="button" onClick={() => setOpen('relink')}>
          Link to another campaign…
        </button>
        <button type="button" className="button" onClick={() => setOpen('unlink')}>
          Unlink…
        </button>
        <button type="button" className="button button-danger" onClick={() => setOpen('delete')}>
          Delete…
        </button>
      </div>
      {open === 'update' && <UpdateDialog n={n} onClose={() => setOpen(null)} />}
      {open === 'relink' && <RelinkDialog n={n} onClose={() => setOpen(null)} />}
      {(open === 'unlink' || open === 'delete') && (
        <ConfirmDialog kind={open} n={n} onClose={() => setOpen(null)} />
      )}
    </section>
  );
}

const CONFIRM = {
  unlink: {
    title: 'Unlink this number?',
    body: 'Sinch removes it from its service plan and campaign: it stops sending and receiving texts until it is linked again.',
    button: 'Unlink',
    channel: 'importedNumbers.unlink',
  },
  delete: {
    title: 'Delete this number at Sinch?',
    body: 'Sinch removes the imported number. This cannot be undone: to use it again it must be imported again.',
    button: 'Delete',
    channel: 'importedNumbers.delete',
  },
} as const;

function ConfirmDialog({
  kind,
  n,
  onClose,
}: {
  kind: 'unlink' | 'delete';
  n: NumberDetail;
  onClose: () => void;
}) {
  const c = CONFIRM[kind];
  const mutation = useDeskMutation(c.channel, { onSuccess: onClose });
  return (
    <Dialog
      title={c.title}
      role="alertdialog"
      isOpen
      onOpenChange={(o) => !o && onClose()}
      footer={
        <DialogButtons
          cancel="Keep it"
          onCancel={onClose}
          action={`${c.button} ${n.phone}`}
          danger
          disabled={mutation.isPending}
          onAction={() => mutation.mutate({ intentId: intent(kind), phoneNumber: n.phone })}
        />
      }
    >
      <p>{c.body}</p>
      {mutation.error && <ErrorNotice title={`Could not ${kind}`} error={mutation.error} />}
    </Dialog>
  );
}

const relinkShape = importedNumbersChannels['importedNumbers.relink'].input.shape;
const relinkSchema = z.object({
  servicePlanId: relinkShape.servicePlanId,
  campaignId: relinkShape.campaignId,
});

/** Relink = two ordered jobs (unlink, then link with the new values); the engine queues both. */
function RelinkDialog({ n, onClose }: { n: NumberDetail; onClose: () => void }) {
  const form = useSchemaForm(relinkSchema, { servicePlanId: n.servicePlanId ?? '', campaignId: '' });
  const [messages, setMessages] = useState<string[]>([]);
  const mutation = useDeskMutation('importedNumbers.relink');
  const submit = form.handleSubmit((v) =>
    mutation.mutate(
      {
        intentId: intent('relink'),
        phoneNumber: n.phone,
        servicePlanId: v.servicePlanId,
        ...(v.campaignId ? { campaignId: v.campaignId } : {}),
      },
      {
        onSuccess: onClose,
        onError: (e) => setMessages(applyDeskError(e, ['servicePlanId', 'campaignId'], form.setError)),
      },
    ),
  );
  return (
    <FormDialog
      title={`Link ${n.phone} to another campaign`}
      formId="relink-form"
      action="Unlink, then link"
      pending={mutation.isPending}
      messages={messages}
      onSubmit={submit}
      onClose={onClose}
    >
      <p>Hosting Desk unlinks the number first, then links it with these values: two jobs, in that order.</p>
      <Field label="Service plan ID" error={form.formState.errors.servicePlanId}>
        {(p) => <input {...form.register('servicePlanId')} {...p} className="mono" autoComplete="off" />}
      </Field>
      <Field
        label="Campaign ID"
        hint="The 10DLC campaign to link; leave empty for SMS without a campaign."
        error={form.formState.errors.campaignId}
      >
        {(p) => <input {...form.register('campaignId')} {...p} className="mono" autoComplete="off" />}
      </Field>
    </FormDialog>
  );
}

const updateShape = importedNumbersChannels['importedNumbers.update'].input.shape;
const updateSchema = z.object({
  displayName: updateShape.displayName,
  callbackUrl: z.union([z.literal(''), updateShape.callbackUrl.unwrap()]),
});

function UpdateDialog({ n, onClose }: { n: NumberDetail; onClose: () => void }) {
  const form = useSchemaForm(updateSchema, {
    displayName: n.displayName ?? '',
    callbackUrl: n.callbackUrl ?? '',
  });
  const [messages, setMessages] = useState<string[]>([]);
  const mutation = useDeskMutation('importedNumbers.update');
  const submit = form.handleSubmit((v) => {
    const changes = {
      ...(v.displayName !== undefined && v.displayName !== (n.displayName ?? '')
        ? { displayName: v.displayName }
        : {}),
      ...(v.callbackUrl && v.callbackUrl !== n.callbackUrl ? { callbackUrl: v.callbackUrl } : {}),
    };
    if (Object.keys(changes).length === 0)
      return setMessages(['Nothing changed: change the name or the URL first.']);
    mutation.mutate(
      { intentId: intent('update'), phoneNumber: n.phone, ...changes },
      {
        onSuccess: onClose,
        onError: (e) => setMessages(applyDeskError(e, ['displayName', 'callbackUrl'], form.setError)),
      },
    );
  });
  return (
    <FormDialog
      title={`Change ${n.phone}`}
      formId="update-form"
      action="Save at Sinch"
      pending={mutation.isPending}
      messages={messages}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field label="Display name" error={form.formState.errors.displayName}>
        {(p) => <input {...form.register('displayName')} {...p} autoComplete="off" />}
      </Field>
      <Field
        label="Callback URL"
        hint="Where Sinch reports this number's changes (https://…)."
        error={form.formState.errors.callbackUrl}
      >
        {(p) => <input {...form.register('callbackUrl')} {...p} className="mono" autoComplete="off" />}
      </Field>
    </FormDialog>
  );
}

/** A change of the number as a dialog: its fields, the messages no field owns, Cancel and the action. */
function FormDialog({
  title,
  formId,
  action,
  pending,
  messages,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  formId: string;
  action: string;
  pending: boolean;
  messages: readonly string[];
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog
      title={title}
      isOpen
      onOpenChange={(o) => !o && onClose()}
      footer={<DialogButtons onCancel={onClose} action={action} disabled={pending} form={formId} />}
    >
      <form id={formId} onSubmit={onSubmit} noValidate>
        {children}
        <FormErrors messages={messages} />
      </form>
    </Dialog>
  );
}

const HISTORY_PAGE = 100;

/** The lifecycle, oldest first, a page at a time; kept current by numbers.changed (the key is numbers.history's). */
function Timeline({ phone }: { phone: string }) {
  const desk = useDesk();
  const history = useInfiniteQuery<
    Output<'numbers.history'>,
    DeskError,
    InfiniteData<Output<'numbers.history'>>,
    readonly unknown[],
    string | null
  >({
    queryKey: deskQueryKey('numbers.history', { phone, limit: HISTORY_PAGE }),
    queryFn: ({ pageParam }) =>
      callDesk(desk, 'numbers.history', {
        phone,
        limit: HISTORY_PAGE,
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const entries = history.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="timeline-title" className="number-timeline">
      <h2 id="timeline-title" className="section-title">
        Timeline
      </h2>
      {history.error && <ErrorNotice title="Could not load the timeline" error={history.error} />}
      {history.isPending && <p className="loading">Loading the timeline…</p>}
      {history.data && entries.length === 0 && <p>Nothing has happened to this number yet.</p>}
      <ol className="timeline" aria-label="Timeline of this number">
        {entries.map((e, i) => {
          const line = timelineLine(e);
          return (
            // entries have no id of their own; the list only grows at its end
            // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
            <li key={i} className="timeline-entry">
              <time dateTime={e.at}>{when(e.at)}</time>
              <StatusBadge tone={line.tone}>{line.words}</StatusBadge>
              {line.detail && <span className="timeline-detail">{line.detail}</span>}
              {line.orderId && (
                <Link to="/orders/$id" params={{ id: line.orderId }} className="mono">
                  {line.orderId}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
      {history.hasNextPage && (
        <button
          type="button"
          className="button"
          disabled={history.isFetchingNextPage}
          onClick={() => void history.fetchNextPage()}
        >
          Show later entries
        </button>
      )}
    </section>
  );
}
