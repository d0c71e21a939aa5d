import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { deskQueryOptions, useDesk, useDeskMutation } from '../../../lib/query';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { Field } from '../../../ui/Field';
import { StatusBadge } from '../../../ui/StatusBadge';
import { GuideSteps } from '../GuideSteps';
import { useGuide } from '../useGuide';
import {
  checkQualify,
  invoiceHref,
  type QualifyForm,
  qualifyLine,
  qualifySummary,
  SINCH_ORDERS_EMAIL,
  today,
  voiceHref,
} from './c-qualify';
import { checkResolver, SendingNotice, StartAgain } from './guided-parts';
import type { GuideWorkflow } from './types';
import { newIntentId } from './typed-numbers';

/** The numbers shown one by one; the rest are counted (the Verification screen lists them all). */
const SHOWN = 50;

/** Workflow C of Sinch's guide: qualify numbers (with the invoice e-mail route). */
export const qualifyWorkflow: GuideWorkflow = {
  id: 'c',
  title: 'Qualify numbers',
  question: 'Do you want Sinch to check that numbers can be text-enabled before you collect LOAs?',
  component: QualifyWizard,
};

/** Numbers → qualification → each number's result and next step (`job`: the qualify job, in the URL). */
export function QualifyWizard() {
  const { go, search } = useGuide();
  const job = typeof search.job === 'number' ? search.job : null;
  return (
    <GuideSteps
      label="Qualify numbers"
      steps={[
        {
          title: 'The numbers',
          content: <NumbersForm onQueued={(jobId) => go(2, { job: jobId })} />,
          next: false,
        },
        {
          title: 'Sinch’s review',
          content: job ? <Results jobId={job} /> : <StartAgain />,
          next: false,
        },
      ]}
    />
  );
}

function NumbersForm({ onQueued }: { onQueued: (jobId: number) => void }) {
  const [intentId] = useState(() => newIntentId('c'));
  const qualify = useDeskMutation('qualification.qualify');
  const form = useForm<QualifyForm>({
    defaultValues: { numbers: '' },
    resolver: checkResolver(checkQualify),
  });
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) => {
    const checked = checkQualify(values);
    if (!checked.ok) return;
    qualify.mutate(
      { intentId, numbers: checked.numbers },
      {
        onSuccess: (r) => {
          const first = r.jobs.find((j) => j.task === 'qualifyNumbers') ?? r.jobs[0];
          if (first) onQueued(first.id);
        },
      },
    );
  });
  return (
    <form className="guided-form" onSubmit={submit} noValidate aria-label="Numbers to qualify">
      <Field
        label="Phone numbers"
        hint="One a line (or separated by commas). Sinch checks each can be text-enabled."
        error={errors.numbers}
      >
        {(p) => <textarea {...form.register('numbers')} {...p} rows={6} spellCheck={false} />}
      </Field>
      <p className="detail-line">
        Sinch reviews every number by hand: after sending, e-mail the invoices for these numbers to{' '}
        {SINCH_ORDERS_EMAIL}. The review takes 1–3 business days.
      </p>
      {qualify.error && <ErrorNotice title="Nothing was sent for qualification" error={qualify.error} />}
      <div className="guided-actions">
        <button type="submit" className="button button-primary" disabled={qualify.isPending}>
          {qualify.isPending ? 'Queueing…' : 'Send for qualification'}
        </button>
      </div>
    </form>
  );
}

/** The numbers are the qualify job's own (its first 500): the URL carries the job, not the list. */
function Results({ jobId }: { jobId: number }) {
  const desk = useDesk();
  const job = useQuery(deskQueryOptions(desk, 'jobs.get', { id: jobId }));
  const numbers = job.data?.phoneNumbers ?? [];
  const shown = numbers.slice(0, SHOWN);
  const details = useQueries({
    queries: shown.map((phone) => ({ ...deskQueryOptions(desk, 'numbers.get', { phone }) })),
  });
  const lines = shown.map((phone, i) => qualifyLine(phone, details[i]?.data));
  const summary = qualifySummary(lines);
  const awaitingInvoice = lines.filter((l) => l.next === 'invoice').map((l) => l.phone);
  const toVerify = lines.filter((l) => l.next === 'voice').map((l) => l.phone);
  const eligible = lines.filter((l) => l.tone === 'done').map((l) => l.phone);
  const invoice = useDeskMutation('qualification.recordInvoice');
  if (job.error) return <ErrorNotice title="Could not read the qualification" error={job.error} />;
  if (!job.data) return <p className="loading">Loading…</p>;
  return (
    <section aria-labelledby="guided-results-title" className="guided-section">
      <h3 id="guided-results-title" className="guided-step-title">
        {summary.finished ? 'Sinch has decided' : 'Qualification under way'}
      </h3>
      <p className="detail-line" aria-live="polite">
        {summary.words}
        {numbers.length > SHOWN ? ` (the first ${SHOWN} of ${numbers.length})` : ''}
      </p>
      <SendingNotice />
      <table className="facts guided-results">
        <caption className="visually-hidden">Qualification results</caption>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Result</th>
            <th scope="col">Next step</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.phone}>
              <th scope="row" className="mono">
                {l.phone}
              </th>
              <td>
                <StatusBadge tone={l.tone}>{l.words}</StatusBadge>
              </td>
              <td>{l.nextWords ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {awaitingInvoice.length > 0 && (
        <section className="notice" aria-label="Invoice e-mail">
          <div className="notice-body">
            <p className="notice-title">
              E-mail the invoices for {awaitingInvoice.length} number{awaitingInvoice.length === 1 ? '' : 's'}{' '}
              to {SINCH_ORDERS_EMAIL}
            </p>
            <p>
              Qualification does not go on without them. Say when you sent them, so the review time counts
              from then.
            </p>
            {invoice.error && <ErrorNotice title="Not recorded" error={invoice.error} />}
            {invoice.isSuccess && (
              <p role="status">
                Recorded: invoices e-mailed on {invoice.data.emailedOn} for {invoice.data.recorded} number
                {invoice.data.recorded === 1 ? '' : 's'}.
              </p>
            )}
            <div className="notice-actions">
              <button
                type="button"
                className="button button-primary"
                disabled={invoice.isPending || invoice.isSuccess}
                onClick={() => invoice.mutate({ numbers: awaitingInvoice, emailedOn: today() })}
              >
                I e-mailed the invoices today
              </button>
              <a className="button button-quiet" href={invoiceHref(awaitingInvoice)}>
                Write the e-mail on the Verification screen
              </a>
            </div>
          </div>
        </section>
      )}
      {toVerify.length > 0 && (
        <p className="guided-actions">
          <a className="button button-primary" href={voiceHref(toVerify)}>
            Prove ownership by voice call ({toVerify.length})
          </a>
          <a className="button button-quiet" href={invoiceHref(toVerify)}>
            Or by invoice e-mail
          </a>
        </p>
      )}
      {toVerify.length === 0 && eligible.length > 0 && (
        <p className="detail-line">
          If Sinch asks you to prove you own {eligible.length === 1 ? 'it' : 'them'}:{' '}
          <a href={voiceHref(eligible)}>a voice call with a code</a> or{' '}
          <a href={invoiceHref(eligible)}>the invoices by e-mail</a>.
        </p>
      )}
    </section>
  );
}
