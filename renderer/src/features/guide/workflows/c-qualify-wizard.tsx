import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { deskQueryOptions, useDesk, useDeskMutation } from '../../../lib/query';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { Field } from '../../../ui/Field';
import { StatusBadge } from '../../../ui/StatusBadge';
import type { WizardProps } from './a-import-one-wizard';
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
import { checkResolver, SendingNotice } from './guided-parts';
import { newIntentId } from './typed-numbers';

/** The numbers shown one by one; the rest are counted (the Verification screen lists them all). */
const SHOWN = 50;

/** Workflow C: numbers → qualification → each number's result and its next step. */
export function QualifyWizard({ step, go }: WizardProps) {
  const [numbers, setNumbers] = useState<string[] | null>(null);
  if (step === 'results' && numbers) return <Results numbers={numbers} />;
  return (
    <NumbersForm
      onQueued={(n) => {
        setNumbers(n);
        go('results');
      }}
    />
  );
}

function NumbersForm({ onQueued }: { onQueued: (numbers: string[]) => void }) {
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
    qualify.mutate({ intentId, numbers: checked.numbers }, { onSuccess: () => onQueued(checked.numbers) });
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

function Results({ numbers }: { numbers: string[] }) {
  const desk = useDesk();
  const shown = numbers.slice(0, SHOWN);
  const details = useQueries({
    queries: shown.map((phone) => ({ ...deskQueryOptions(desk, 'numbers.get', { phone }) })),
  });
  const lines = shown.map((phone, i) => qualifyLine(phone, details[i]?.data));
  const summary = qualifySummary(lines);
  const awaitingInvoice = lines.filter((l) => l.next === 'invoice').map((l) => l.phone);
  const toVerify = lines.filter((l) => l.next === 'voice').map((l) => l.phone);
  const invoice = useDeskMutation('qualification.recordInvoice');
  return (
    <section aria-labelledby="guided-results-title">
      <h2 id="guided-results-title" className="section-title">
        {summary.finished ? 'Sinch has decided' : 'Qualification under way'}
      </h2>
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
    </section>
  );
}
