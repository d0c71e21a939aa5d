import { useMutation, useQueries, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { ChannelName, Input, NumberDetail, QueuedJobs } from '../../../../../shared/contract';
import { callDesk, type DeskError, deskQueryOptions, isDeskError, useDesk } from '../../../lib/query';
import { Dialog } from '../../../ui/aria';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { Field } from '../../../ui/Field';
import { GuideSteps } from '../GuideSteps';
import { useGuide } from '../useGuide';
import {
  ACTION_LABELS,
  actionsFor,
  type Change,
  type ChangeForm,
  changeVisible,
  checkChange,
  checkPick,
  deleteWarning,
  type ManageAction,
  parseChange,
} from './f-manage';
import { FollowLines, PlanFields, SendingNotice, StartAgain } from './guided-parts';
import type { GuideWorkflow } from './types';
import { jobsProgress, newIntentId, numberHref } from './typed-numbers';

/** Workflow F of Sinch's guide: manage numbers. */
export const manageWorkflow: GuideWorkflow = {
  id: 'f',
  title: 'Manage numbers',
  question: 'Do you want to rename, move, unlink or delete a number you already have at Sinch?',
  component: ManageWizard,
};

/**
 * Pick a number → one change (name, relink, unlink, delete after a confirmation) → followed. The URL
 * keeps the number (`phone`), the change (`change`, as JSON) and its jobs (`jobs`, ids).
 */
export function ManageWizard() {
  const { go, text } = useGuide();
  const phone = text('phone');
  const change = parseChange(text('change'));
  const jobIds = (text('jobs') ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  return (
    <GuideSteps
      label="Manage numbers"
      steps={[
        {
          title: 'Pick the number',
          content: <PickNumber onPick={(p) => go(2, { phone: p, change: undefined, jobs: undefined })} />,
          next: false,
        },
        {
          title: 'Choose the change',
          content: phone ? (
            <ChangeStep
              phone={phone}
              onQueued={(c, ids) => go(3, { change: JSON.stringify(c), jobs: ids.join(',') })}
            />
          ) : (
            <StartAgain />
          ),
          next: false,
        },
        {
          title: 'Follow it',
          content:
            phone && change && jobIds.length > 0 ? (
              <FollowChange phone={phone} change={change} jobIds={jobIds} />
            ) : (
              <StartAgain />
            ),
          next: false,
        },
      ]}
    />
  );
}

function PickNumber({ onPick }: { onPick: (phone: string) => void }) {
  const desk = useDesk();
  const [error, setError] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<DeskError | null>(null);
  const [text, setText] = useState('');
  const pick = async () => {
    const checked = checkPick(text);
    if (!checked.ok) return setError(checked.error);
    setError(null);
    setLoadError(null);
    try {
      await callDesk(desk, 'numbers.get', { phone: checked.phone });
      onPick(checked.phone);
    } catch (e) {
      if (isDeskError(e) && e.code === 'NOT_FOUND')
        setError(
          `Number: ${checked.phone} is not a number of this workspace. Import or qualify it first, or check the digits.`,
        );
      else if (isDeskError(e)) setLoadError(e);
    }
  };
  return (
    <form
      className="guided-form"
      aria-label="Pick a number"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void pick();
      }}
    >
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label className="field-label" htmlFor="guided-pick">
          Number
        </label>
        <input
          id="guided-pick"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? 'guided-pick-error' : 'guided-pick-hint'}
          autoComplete="off"
          inputMode="tel"
        />
        <p className="field-hint" id="guided-pick-hint">
          An imported or qualified number of this workspace.
        </p>
        {error && (
          <p className="field-error" id="guided-pick-error">
            {error}
          </p>
        )}
      </div>
      {loadError && <ErrorNotice title="Could not look the number up" error={loadError} />}
      <div className="guided-actions">
        <button type="submit" className="button button-primary">
          Continue
        </button>
      </div>
    </form>
  );
}

/** One operation channel, whichever the change is (each queues jobs and answers with them). */
function useChange() {
  const desk = useDesk();
  return useMutation<QueuedJobs, DeskError, { change: Change; intentId: string }>({
    mutationFn: ({ change, intentId }) =>
      callDesk(
        desk,
        change.channel as ChannelName,
        { ...change.input, intentId } as Input<ChannelName>,
      ) as Promise<QueuedJobs>,
  });
}

function ChangeStep({
  phone,
  onQueued,
}: {
  phone: string;
  onQueued: (change: Change, jobIds: number[]) => void;
}) {
  const number = useQuery(deskQueryOptions(useDesk(), 'numbers.get', { phone }));
  if (number.error) return <ErrorNotice title="Could not load the number" error={number.error} />;
  if (!number.data) return <p className="loading">Loading the number…</p>;
  return <ChangeForms number={number.data} onQueued={onQueued} />;
}

function ChangeForms({
  number,
  onQueued,
}: {
  number: NumberDetail;
  onQueued: (change: Change, jobIds: number[]) => void;
}) {
  const actions = actionsFor(number);
  const [action, setAction] = useState<ManageAction | null>(actions[0] ?? null);
  const [confirming, setConfirming] = useState<Change | null>(null);
  const [intentId] = useState(() => newIntentId('f'));
  const send = useChange();
  const form = useForm<ChangeForm>({
    defaultValues: {
      displayName: number.displayName ?? '',
      servicePlanId: number.servicePlanId ?? '',
      campaignId: number.campaignId ?? '',
    },
  });
  const queue = (change: Change) =>
    send.mutate(
      { change, intentId: `${intentId}-${action}` },
      {
        onSuccess: (r) =>
          onQueued(
            change,
            r.jobs.map((j) => j.id),
          ),
      },
    );
  const submit = form.handleSubmit((values) => {
    if (!action) return;
    const checked = checkChange(number, action, values);
    if (!checked.ok) {
      for (const [field, message] of Object.entries(checked.errors))
        form.setError(field as keyof ChangeForm, { type: 'check', message });
      return;
    }
    if (action === 'delete') setConfirming(checked.change);
    else queue(checked.change);
  });
  const { errors } = form.formState;
  return (
    <form className="guided-form" onSubmit={submit} noValidate aria-label="Change the number">
      <dl className="fact-list">
        <dt>Number</dt>
        <dd>
          <a href={numberHref(number.phone)} className="mono">
            {number.phone}
          </a>
        </dd>
        <dt>Display name</dt>
        <dd>{number.displayName || '—'}</dd>
        <dt>Service plan</dt>
        <dd className="mono">{number.servicePlanId || '—'}</dd>
        <dt>Campaign</dt>
        <dd className="mono">{number.campaignId || '—'}</dd>
      </dl>
      {actions.length === 0 ? (
        <p className="detail-line">
          Nothing to change here yet: this number is not imported or qualified at Sinch. Follow it on its
          page.
        </p>
      ) : (
        <fieldset className="guide-choices">
          <legend className="field-label">What do you want to do?</legend>
          {actions.map((a) => (
            <label key={a} className="guide-choice">
              <input
                type="radio"
                name="guided-action"
                value={a}
                checked={action === a}
                onChange={() => {
                  setAction(a);
                  form.clearErrors();
                }}
              />
              <span>
                <strong>{ACTION_LABELS[a].label}</strong>
                <small>{ACTION_LABELS[a].hint}</small>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {action === 'rename' && (
        <Field label="New display name" error={errors.displayName}>
          {(p) => <input {...form.register('displayName')} {...p} autoComplete="off" />}
        </Field>
      )}
      {action === 'relink' && <PlanFields register={form.register} errors={errors} change />}
      {send.error && <ErrorNotice title="Nothing was queued" error={send.error} />}
      {action && (
        <div className="guided-actions">
          <button type="submit" className="button button-primary" disabled={send.isPending}>
            {action === 'delete' ? 'Delete…' : 'Queue the change'}
          </button>
        </div>
      )}
      <Dialog
        title={`Delete ${number.phone}?`}
        role="alertdialog"
        isOpen={confirming !== null}
        onOpenChange={(open) => !open && setConfirming(null)}
        footer={
          <>
            <button type="button" className="button" onClick={() => setConfirming(null)}>
              Keep it
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                if (confirming) queue(confirming);
                setConfirming(null);
              }}
            >
              Delete
            </button>
          </>
        }
      >
        <p>{deleteWarning(number)}</p>
      </Dialog>
    </form>
  );
}

const DONE_WORDS: Record<Change['channel'], string> = {
  'importedNumbers.update': 'The new display name is set',
  'importedNumbers.relink': 'Moved to the new service plan',
  'importedNumbers.unlink': 'Unlinked',
  'importedNumbers.delete': 'Deleted',
  'qualification.delete': 'Deleted',
};

function FollowChange({ phone, change, jobIds }: { phone: string; change: Change; jobIds: number[] }) {
  const desk = useDesk();
  const jobs = useQueries({ queries: jobIds.map((id) => deskQueryOptions(desk, 'jobs.get', { id })) });
  const number = useQuery(deskQueryOptions(desk, 'numbers.get', { phone }));
  const progress = jobsProgress(jobs.flatMap((j) => (j.data ? [j.data] : [])));
  const gone = isDeskError(number.error) && number.error.code === 'NOT_FOUND';
  // The engine marks a deleted number without a numbers.changed event: the jobs ending is the cue to
  // read the number again.
  const finished = progress.settled;
  const { refetch } = number;
  useEffect(() => {
    if (finished) void refetch();
  }, [finished, refetch]);
  const visible = progress.tone === 'done' && changeVisible(change, gone ? null : (number.data ?? null));
  const lines = jobs.map((j, i) => {
    const one = jobsProgress(j.data ? [j.data] : []);
    const label =
      change.channel === 'importedNumbers.relink'
        ? i === 0
          ? '1. Unlink'
          : '2. Link to the new plan'
        : 'Change';
    return { label, tone: one.tone, words: one.words };
  });
  lines.push(
    visible
      ? { label: 'On the number', tone: 'done', words: DONE_WORDS[change.channel] }
      : { label: 'On the number', tone: 'waiting', words: 'Not visible yet' },
  );
  return (
    <section aria-labelledby="guided-follow-title" className="guided-section">
      <h3 id="guided-follow-title" className="guided-step-title">
        {visible ? `${phone}: done` : `Changing ${phone}`}
      </h3>
      <SendingNotice />
      <FollowLines title="Change progress" lines={lines} />
      <p className="guided-actions">
        <a className="button" href={numberHref(phone)}>
          Open the number’s page
        </a>
        <a className="button button-quiet" href="#/queue">
          Open the Queue
        </a>
      </p>
    </section>
  );
}
