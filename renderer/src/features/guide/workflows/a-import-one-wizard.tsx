import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { type DeskError, deskQueryOptions, useDesk, useDeskMutation } from '../../../lib/query';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { Field } from '../../../ui/Field';
import {
  checkImportOne,
  displayNameStep,
  followImportOne,
  type ImportOneForm,
  type ImportOneRequest,
} from './a-import-one';
import {
  asDeskError,
  checkResolver,
  FollowLines,
  PlanStep,
  SendingNotice,
  useWorkspaceDefaults,
} from './guided-parts';
import { createGuidedDraft, newIntentId, numberHref } from './typed-numbers';

/** Workflow A: one number → its draft → the plan → queued → followed until SMS and campaign are DONE. */
export function ImportOneWizard({ step, go }: WizardProps) {
  const [request, setRequest] = useState<ImportOneRequest | null>(null);
  const [draftId, setDraftId] = useState<string | null>(null);
  const [batchId, setBatchId] = useState<string | null>(null);
  if (step === 'follow' && request && batchId) return <FollowImport request={request} batchId={batchId} />;
  if (step === 'plan' && draftId)
    return (
      <PlanStep
        draftId={draftId}
        note={
          request?.displayName ? (
            <p className="detail-line">
              The display name “{request.displayName}” is set as soon as the number is imported.
            </p>
          ) : null
        }
        onQueued={(id) => {
          setBatchId(id);
          go('follow');
        }}
      />
    );
  return (
    <NumberStep
      onDraft={(r, id) => {
        setRequest(r);
        setDraftId(id);
        setBatchId(null);
        go('plan');
      }}
    />
  );
}

export type WizardProps = { step: string; go: (step: string) => void };

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
  const desk = useDesk();
  const [failure, setFailure] = useState<DeskError | null>(null);
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
  const submit = form.handleSubmit(async (values) => {
    const checked = checkImportOne(values);
    if (!checked.ok) return;
    setFailure(null);
    try {
      const draft = await createGuidedDraft(desk, checked.request.draft);
      onDraft(checked.request, draft.id);
    } catch (error) {
      setFailure(asDeskError(error));
    }
  });
  return (
    <form className="guided-form" onSubmit={submit} noValidate aria-label="Number and options">
      <Field label="Phone number" hint="US or Canada, in any usual spelling." error={errors.phone}>
        {(p) => <input {...form.register('phone')} {...p} autoComplete="off" inputMode="tel" />}
      </Field>
      <Field
        label="Service plan ID"
        hint="The SMS service plan the number sends through."
        error={errors.servicePlanId}
      >
        {(p) => <input {...form.register('servicePlanId')} {...p} autoComplete="off" />}
      </Field>
      <Field
        label="Campaign ID (optional)"
        hint="The 10DLC campaign for US messaging."
        error={errors.campaignId}
      >
        {(p) => <input {...form.register('campaignId')} {...p} autoComplete="off" />}
      </Field>
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

function FollowImport({ request, batchId }: { request: ImportOneRequest; batchId: string }) {
  const desk = useDesk();
  const jobs = useQuery(deskQueryOptions(desk, 'jobs.list', { batchId }));
  const number = useQuery(deskQueryOptions(desk, 'numbers.get', { phone: request.phone }));
  const [nameIntent] = useState(() => newIntentId('an'));
  const rename = useDeskMutation('importedNumbers.update');
  const importJob = jobs.data?.items.find((j) => j.task === 'importNumber');
  const nameStep = displayNameStep(
    request.displayName,
    importJob,
    number.data,
    rename.isSuccess || rename.isPending,
  );
  useEffect(() => {
    // once the import is done, the name goes as a change of the imported number (same intent: queued once)
    if (nameStep === 'send' && request.displayName !== null && rename.isIdle)
      rename.mutate({ intentId: nameIntent, phoneNumber: request.phone, displayName: request.displayName });
  }, [nameStep, rename, nameIntent, request]);
  const follow = followImportOne({
    jobs: jobs.data?.items ?? [],
    number: number.data,
    campaign: request.draft.values?.campaignId !== undefined,
    nameStep,
  });
  return (
    <section aria-labelledby="guided-follow-title">
      <h2 id="guided-follow-title" className="section-title">
        {follow.finished ? `${request.phone} is imported` : `Importing ${request.phone}`}
      </h2>
      <SendingNotice />
      {jobs.error && <ErrorNotice title="Could not read the queue" error={jobs.error} />}
      {rename.error && <ErrorNotice title="The display name was not queued" error={rename.error} />}
      <FollowLines title="Import progress" lines={follow.lines} />
      <p className="guided-actions">
        <a className="button" href={numberHref(request.phone)}>
          Open the number’s page
        </a>
        <a className="button button-quiet" href="#/queue">
          Open the Queue
        </a>
      </p>
    </section>
  );
}
