import { useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { deskQueryOptions, useDesk } from '../../../lib/query';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { Field } from '../../../ui/Field';
import { checkImportOne, followImportOne, type ImportOneForm, type ImportOneRequest } from './a-import-one';
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
import { numberHref } from './typed-numbers';

/** Workflow A of Sinch's guide: import one number. */
export const importOneWorkflow: GuideWorkflow = {
  id: 'a',
  title: 'Import one number',
  question: 'Do you want one number you own to send and receive texts through your Sinch service plan?',
  component: ImportOneWizard,
};

/**
 * One number → its draft → the plan → queued → followed until SMS and campaign provisioning are DONE.
 * The URL keeps what the steps chose (`draft`, `phone`, `name`, `campaign`, `batch`), so Back, Forward
 * and a reload land on the same step.
 */
export function ImportOneWizard() {
  const { go, text, search } = useGuide();
  const draftId = text('draft');
  const batchId = text('batch');
  const phone = text('phone');
  const displayName = text('name') ?? null;
  return (
    <GuideSteps
      label="Import one number"
      steps={[
        {
          title: 'The number and its options',
          content: (
            <NumberStep
              onDraft={(r, id) =>
                go(2, {
                  draft: id,
                  phone: r.phone,
                  name: r.displayName ?? undefined,
                  campaign: r.draft.values?.campaignId !== undefined,
                  batch: undefined,
                })
              }
            />
          ),
          next: false,
        },
        {
          title: 'Review the plan',
          content: draftId ? (
            <PlanStep
              draftId={draftId}
              note={
                displayName ? (
                  <p className="detail-line">
                    The import sends the display name “{displayName}” with the number.
                  </p>
                ) : null
              }
              onQueued={(id) => go(3, { batch: id })}
            />
          ) : (
            <StartAgain />
          ),
          next: false,
        },
        {
          title: 'Follow the import',
          content:
            batchId && phone ? (
              <FollowImport
                phone={phone}
                displayName={displayName}
                campaign={search.campaign === true}
                batchId={batchId}
              />
            ) : (
              <StartAgain />
            ),
          next: false,
        },
      ]}
    />
  );
}

function NumberStep({ onDraft }: { onDraft: (request: ImportOneRequest, draftId: string) => void }) {
  const defaults = useWorkspaceDefaults();
  if (!defaults) return <p className="loading">Loading the workspace defaults…</p>;
  return <NumberForm defaults={defaults} onDraft={onDraft} />;
}

function NumberForm({
  defaults,
  onDraft,
}: {
  defaults: { servicePlanId?: string | undefined; campaignId?: string | undefined };
  onDraft: (request: ImportOneRequest, draftId: string) => void;
}) {
  const { submit: send, failure } = useDraftSubmit(checkImportOne, onDraft);
  const form = useForm<ImportOneForm>({
    defaultValues: {
      phone: '',
      servicePlanId: defaults.servicePlanId ?? '',
      campaignId: defaults.campaignId ?? '',
      displayName: '',
    },
    resolver: checkResolver(checkImportOne),
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(send);
  return (
    <form className="guided-form" onSubmit={submit} noValidate aria-label="Number and options">
      <Field label="Phone number" hint="US or Canada, in any usual spelling." error={errors.phone}>
        {(p) => <input {...form.register('phone')} {...p} autoComplete="off" inputMode="tel" />}
      </Field>
      <PlanFields
        register={form.register}
        errors={errors}
        planHint="The SMS service plan the number sends through."
      />
      <Field label="Display name (optional)" error={errors.displayName}>
        {(p) => <input {...form.register('displayName')} {...p} autoComplete="off" />}
      </Field>
      {failure && <ErrorNotice title="The number could not be prepared" error={failure} />}
      <div className="guided-actions">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {isSubmitting ? 'Preparing…' : 'Review the plan'}
        </button>
      </div>
    </form>
  );
}

function FollowImport({
  phone,
  displayName,
  campaign,
  batchId,
}: {
  phone: string;
  displayName: string | null;
  campaign: boolean;
  batchId: string;
}) {
  const desk = useDesk();
  const jobs = useQuery(deskQueryOptions(desk, 'jobs.list', { batchId }));
  const number = useQuery(deskQueryOptions(desk, 'numbers.get', { phone: phone }));
  const follow = followImportOne({
    jobs: jobs.data?.items ?? [],
    number: number.data,
    campaign,
    displayName,
  });
  return (
    <section aria-labelledby="guided-follow-title" className="guided-section">
      <h3 id="guided-follow-title" className="guided-step-title">
        {follow.finished ? `${phone} is imported` : `Importing ${phone}`}
      </h3>
      <SendingNotice />
      {jobs.error && <ErrorNotice title="Could not read the queue" error={jobs.error} />}
      <FollowLines title="Import progress" lines={follow.lines} />
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
