import { useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { deskQueryOptions, useDesk } from '../../../lib/query';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { Field } from '../../../ui/Field';
import { StatusBadge } from '../../../ui/StatusBadge';
import {
  checkImportSeveral,
  followOrders,
  type ImportSeveralForm,
  type ImportSeveralRequest,
  splitNote,
} from './b-import-several';
import { GuideSteps } from '../GuideSteps';
import { useGuide } from '../useGuide';
import {
  checkResolver,
  useDraftSubmit,
  FollowLines,
  PlanFields,
  PlanStep,
  SendingNotice,
  StartAgain,
  useWorkspaceDefaults,
} from './guided-parts';
import type { GuideWorkflow } from './types';
import { numberHref, orderHref, splitTyped, typedRows } from './typed-numbers';

/** Workflow B of Sinch's guide: import several numbers through hosting orders. */
export const importSeveralWorkflow: GuideWorkflow = {
  id: 'b',
  title: 'Import several numbers',
  question: 'Do you want a few numbers you own (up to 5 an order) to send and receive texts through Sinch?',
  component: ImportSeveralWizard,
};

/** Several numbers → their draft → the plan (orders of at most the limit) → followed (`draft`, `count`, `batch` in the URL). */
export function ImportSeveralWizard() {
  const defaults = useWorkspaceDefaults();
  const { go, text, search } = useGuide();
  const draftId = text('draft');
  const batchId = text('batch');
  const count = typeof search.count === 'number' ? search.count : 0;
  const limit = defaults?.importOrderLimit ?? 5;
  return (
    <GuideSteps
      label="Import several numbers"
      steps={[
        {
          title: 'The numbers and their options',
          content: defaults ? (
            <NumbersForm
              defaults={defaults}
              limit={limit}
              onDraft={(r, id) => go(2, { draft: id, count: r.numbers.length, batch: undefined })}
            />
          ) : (
            <p className="loading">Loading the workspace defaults…</p>
          ),
          next: false,
        },
        {
          title: 'Review the plan',
          content: draftId ? (
            <PlanStep
              draftId={draftId}
              note={<p className="detail-line">{splitNote(count, limit)}</p>}
              onQueued={(id) => go(3, { batch: id })}
            />
          ) : (
            <StartAgain />
          ),
          next: false,
        },
        {
          title: 'Follow the orders',
          content: batchId ? <FollowOrders count={count} batchId={batchId} /> : <StartAgain />,
          next: false,
        },
      ]}
    />
  );
}

function NumbersForm({
  defaults,
  limit,
  onDraft,
}: {
  defaults: { servicePlanId?: string | undefined; campaignId?: string | undefined };
  limit: number;
  onDraft: (request: ImportSeveralRequest, draftId: string) => void;
}) {
  const { submit: send, failure } = useDraftSubmit(checkImportSeveral, onDraft);
  const form = useForm<ImportSeveralForm>({
    defaultValues: {
      numbers: '',
      servicePlanId: defaults.servicePlanId ?? '',
      campaignId: defaults.campaignId ?? '',
    },
    resolver: checkResolver(checkImportSeveral),
  });
  const { errors, isSubmitting } = form.formState;
  // what can go (repeats and errors left out), as the plan will count it
  const typed = typedRows(splitTyped(form.watch('numbers')), 'import').numbers.length;
  const submit = form.handleSubmit(send);
  return (
    <form className="guided-form" onSubmit={submit} noValidate aria-label="Numbers and options">
      <Field
        label="Phone numbers"
        hint={`One a line (or separated by commas). Up to ${limit} go in one hosting order; more go in several.`}
        error={errors.numbers}
      >
        {(p) => <textarea {...form.register('numbers')} {...p} rows={6} spellCheck={false} />}
      </Field>
      {typed > 0 && (
        <p className="detail-line" aria-live="polite">
          {splitNote(typed, limit)}
        </p>
      )}
      <PlanFields
        register={form.register}
        errors={errors}
        planHint="The SMS service plan the numbers send through."
      />
      {failure && <ErrorNotice title="The numbers could not be prepared" error={failure} />}
      <div className="guided-actions">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {isSubmitting ? 'Preparing…' : 'Review the plan'}
        </button>
      </div>
    </form>
  );
}

function FollowOrders({ count, batchId }: { count: number; batchId: string }) {
  const desk = useDesk();
  const jobs = useQuery(deskQueryOptions(desk, 'jobs.list', { batchId }));
  const orders = useQuery(deskQueryOptions(desk, 'orders.list', { batchId }));
  const follow = followOrders(jobs.data?.items ?? [], orders.data?.items ?? []);
  const singles = (jobs.data?.items ?? []).filter((j) => j.task === 'importNumber');
  return (
    <section aria-labelledby="guided-follow-title" className="guided-section">
      <h3 id="guided-follow-title" className="guided-step-title">
        {follow.finished ? `${count} numbers imported` : `Importing ${count} numbers`}
      </h3>
      <SendingNotice />
      {jobs.error && <ErrorNotice title="Could not read the queue" error={jobs.error} />}
      {orders.error && <ErrorNotice title="Could not read the orders" error={orders.error} />}
      <FollowLines title="Import progress" lines={[{ label: 'Queue', ...follow.progress }]} />
      {follow.orders.length > 0 && (
        <ul className="guided-orders" aria-label="Hosting orders">
          {follow.orders.map((o) => (
            <li key={o.id}>
              <StatusBadge tone={o.tone}>{o.words}</StatusBadge>{' '}
              <a href={orderHref(o.id)}>
                Open order <span className="mono">{o.id}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {singles.map((j) => (
        <SingleImport key={j.id} jobId={j.id} />
      ))}
      <p className="guided-actions">
        <a className="button button-quiet" href="#/queue">
          Open the Queue
        </a>
      </p>
    </section>
  );
}

/** The last number of a list that does not fill an order goes on its own (the planner's single import). */
function SingleImport({ jobId }: { jobId: number }) {
  const job = useQuery(deskQueryOptions(useDesk(), 'jobs.get', { id: jobId }));
  const phone = job.data?.phoneNumbers[0];
  if (!phone) return null;
  return (
    <p className="detail-line">
      {phone} is imported on its own (no order needed): <a href={numberHref(phone)}>open the number’s page</a>
    </p>
  );
}
