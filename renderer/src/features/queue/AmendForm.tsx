import { useState } from 'react';
import { z } from 'zod';
import { type AmendableField, jobsChannels, type Output } from '../../../../shared/contract';
import { useDeskMutation } from '../../lib/query';
import { Field, FormErrors } from '../../ui/Field';
import { applyDeskError, useSchemaForm } from '../../ui/form';
import { CHANGE_HERE } from './queue-view';

const shape = jobsChannels['jobs.amend'].input.shape;
// the contract's own field schemas (the plan rows'), never a copy
const schema = z.object({ servicePlanId: shape.servicePlanId, campaignId: shape.campaignId });
type Values = z.input<typeof schema>;

const FIELDS: Record<AmendableField, { label: string; hint?: string }> = {
  servicePlanId: { label: 'Service plan ID' },
  campaignId: { label: 'Campaign ID', hint: 'The 10DLC campaign; leave empty to send no campaign.' },
};

/**
 * A refused job's service plan and/or campaign, changed and sent again (`jobs.amend`): prefilled
 * with what the job sends, only the fields its request carries. Enter sends; the engine's answer
 * (nothing changed, a field this job does not send) lands on the field it names.
 */
export function AmendForm({
  job,
  fields,
  onSent,
}: {
  job: Output<'jobs.get'>;
  fields: readonly AmendableField[];
  /** the job was changed and queued again (the form is about to go: the job is no longer refused) */
  onSent: () => void;
}) {
  const form = useSchemaForm(schema, {
    servicePlanId: job.servicePlanId ?? '',
    campaignId: job.campaignId ?? '',
  });
  const [messages, setMessages] = useState<string[]>([]);
  const amend = useDeskMutation('jobs.amend');
  const submit = form.handleSubmit((v) => {
    const input = {
      id: job.id,
      ...(fields.includes('servicePlanId') ? { servicePlanId: (v.servicePlanId ?? '').trim() } : {}),
      ...(fields.includes('campaignId') ? { campaignId: (v.campaignId ?? '').trim() } : {}),
    };
    amend.mutate(input, {
      onSuccess: () => {
        setMessages([]);
        onSent();
      },
      onError: (e) => setMessages(applyDeskError(e, fields, form.setError)),
    });
  });
  return (
    <section className="job-amend" aria-labelledby={`amend-${job.id}`}>
      <p className="detail-strong" id={`amend-${job.id}`}>
        {CHANGE_HERE}
      </p>
      <form
        onSubmit={submit}
        // a message about the values sent ("Nothing was changed") is stale once they change
        onChange={() => messages.length > 0 && setMessages([])}
        noValidate
      >
        {fields.map((name) => (
          <Field
            key={name}
            label={FIELDS[name].label}
            {...(FIELDS[name].hint ? { hint: FIELDS[name].hint } : {})}
            error={form.formState.errors[name as keyof Values]}
          >
            {(p) => <input {...form.register(name)} {...p} className="mono" autoComplete="off" />}
          </Field>
        ))}
        <FormErrors messages={messages} />
        <button type="submit" className="button button-primary" disabled={amend.isPending}>
          {amend.isPending ? 'Sending again…' : 'Change and send again'}
        </button>
      </form>
    </section>
  );
}
