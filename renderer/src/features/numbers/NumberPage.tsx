import { type InfiniteData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { DeskError } from '../../lib/query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import type { FieldError } from 'react-hook-form';
import { z } from 'zod';
import {
  importedNumbersChannels,
  type Input,
  type NumberDetail,
  type Output,
} from '../../../../shared/contract';
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
      {relinking && <ChangeDialog kind="relink" n={n} onClose={() => setRelinking(false)} />}
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
      {(open === 'update' || open === 'relink') && (
        <ChangeDialog kind={open} n={n} onClose={() => setOpen(null)} />
      )}
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

/** A change dialog's form values: both changes are a few optional texts. */
type ChangeValues = Record<string, string | undefined>;

const relinkShape = importedNumbersChannels['importedNumbers.relink'].input.shape;
const updateShape = importedNumbersChannels['importedNumbers.update'].input.shape;

/**
 * The two changes of an imported number asked for in a dialog, as data: the fields, the channel and
 * how the form's values become its input — one `ChangeDialog` shows and sends either.
 */
const CHANGES = {
  /** Relink = two ordered jobs (unlink, then link with the new values); the engine queues both. */
  relink: {
    channel: 'importedNumbers.relink',
    schema: z.object({ servicePlanId: relinkShape.servicePlanId, campaignId: relinkShape.campaignId }),
    defaults: (n: NumberDetail) => ({ servicePlanId: n.servicePlanId ?? '', campaignId: '' }),
    title: (n: NumberDetail) => `Link ${n.phone} to another campaign`,
    intro: 'Hosting Desk unlinks the number first, then links it with these values: two jobs, in that order.',
    action: 'Unlink, then link',
    fields: [
      { name: 'servicePlanId', label: 'Service plan ID', mono: true },
      {
        name: 'campaignId',
        label: 'Campaign ID',
        hint: 'The 10DLC campaign to link; leave empty for SMS without a campaign.',
        mono: true,
      },
    ],
    input: (v: ChangeValues) => ({
      servicePlanId: v.servicePlanId ?? '',
      ...(v.campaignId ? { campaignId: v.campaignId } : {}),
    }),
  },
  update: {
    channel: 'importedNumbers.update',
    schema: z.object({
      displayName: updateShape.displayName,
      callbackUrl: z.union([z.literal(''), updateShape.callbackUrl.unwrap()]),
    }),
    defaults: (n: NumberDetail) => ({ displayName: n.displayName ?? '', callbackUrl: n.callbackUrl ?? '' }),
    title: (n: NumberDetail) => `Change ${n.phone}`,
    intro: null,
    action: 'Save at Sinch',
    fields: [
      { name: 'displayName', label: 'Display name', mono: false },
      {
        name: 'callbackUrl',
        label: 'Callback URL',
        hint: "Where Sinch reports this number's changes (https://…).",
        mono: true,
      },
    ],
    /** only what changed is sent; nothing changed is said, not sent */
    input: (v: ChangeValues, n: NumberDetail) => {
      const changes = {
        ...(v.displayName !== undefined && v.displayName !== (n.displayName ?? '')
          ? { displayName: v.displayName }
          : {}),
        ...(v.callbackUrl && v.callbackUrl !== n.callbackUrl ? { callbackUrl: v.callbackUrl } : {}),
      };
      return Object.keys(changes).length === 0
        ? 'Nothing changed: change the name or the URL first.'
        : changes;
    },
  },
} as const;

/** A change of the number as a dialog: its fields, the messages no field owns, Cancel and the action. */
function ChangeDialog({
  kind,
  n,
  onClose,
}: {
  kind: keyof typeof CHANGES;
  n: NumberDetail;
  onClose: () => void;
}) {
  const change = CHANGES[kind];
  // both schemas are objects of optional strings; the form is typed by those field names
  const form = useSchemaForm(
    change.schema as unknown as z.ZodType<ChangeValues, ChangeValues>,
    change.defaults(n),
  );
  const [messages, setMessages] = useState<string[]>([]);
  const mutation = useDeskMutation(change.channel);
  const names = change.fields.map((f) => f.name);
  const submit = form.handleSubmit((v) => {
    const input = change.input(v, n);
    if (typeof input === 'string') return setMessages([input]);
    mutation.mutate(
      // the input is the channel's own, for the change this dialog shows
      { intentId: intent(kind), phoneNumber: n.phone, ...input } as Input<typeof change.channel>,
      { onSuccess: onClose, onError: (e) => setMessages(applyDeskError(e, names, form.setError)) },
    );
  });
  const formId = `${kind}-form`;
  return (
    <Dialog
      title={change.title(n)}
      isOpen
      onOpenChange={(o) => !o && onClose()}
      footer={
        <DialogButtons
          onCancel={onClose}
          action={change.action}
          disabled={mutation.isPending}
          form={formId}
        />
      }
    >
      <form
        id={formId}
        onSubmit={submit}
        // a message about the values sent ("Nothing changed", Sinch's refusal) is stale once they change
        onChange={() => messages.length > 0 && setMessages([])}
        noValidate
      >
        {change.intro && <p>{change.intro}</p>}
        {change.fields.map((f) => (
          <Field
            key={f.name}
            label={f.label}
            {...('hint' in f ? { hint: f.hint } : {})}
            error={form.formState.errors[f.name] as FieldError | undefined}
          >
            {(p) => (
              <input
                {...form.register(f.name)}
                {...p}
                {...(f.mono ? { className: 'mono' } : {})}
                autoComplete="off"
              />
            )}
          </Field>
        ))}
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
