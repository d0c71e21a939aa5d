import { useState } from 'react';
import { z } from 'zod';
import { ordersChannels } from '../../../../shared/contract';
import { useDeskMutation } from '../../lib/query';
import { Dialog } from '../../ui/aria';
import { Field, FormErrors } from '../../ui/Field';
import { applyDeskError, useSchemaForm } from '../../ui/form';

const shape = ordersChannels['orders.discover'].input.shape;
const schema = z.object({ servicePlanId: shape.servicePlanId, campaignId: shape.campaignId });

/**
 * "Find orders at Sinch": adopt orders made outside the app (the dashboard, another tool). Sinch's list
 * needs a service plan and a campaign; the engine asks every state and kind, and follows what it adopts.
 */
export function FindOrders() {
  const [open, setOpen] = useState(false);
  const discover = useDeskMutation('orders.discover');
  const [messages, setMessages] = useState<string[]>([]);
  const form = useSchemaForm(schema, { servicePlanId: '', campaignId: '' });
  const submit = form.handleSubmit((v) =>
    discover.mutate(v, {
      onSuccess: () => setOpen(false),
      onError: (e) => setMessages(applyDeskError(e, ['servicePlanId', 'campaignId'], form.setError)),
    }),
  );
  const r = discover.data;
  return (
    <div style={{ marginBottom: 10 }}>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Find orders at Sinch…
      </button>
      {r && (
        <p role="status" className="page-lede">
          Sinch listed {r.found} {r.found === 1 ? 'order' : 'orders'}: {r.adopted} new here, {r.updated}{' '}
          already known. New ones are followed like the desk’s own.
        </p>
      )}
      <Dialog
        title="Find orders at Sinch"
        isOpen={open}
        onOpenChange={setOpen}
        footer={
          <>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button
              type="submit"
              form="find-orders-form"
              className="button button-primary"
              disabled={discover.isPending}
            >
              {discover.isPending ? 'Asking Sinch…' : 'Find orders'}
            </button>
          </>
        }
      >
        <form id="find-orders-form" onSubmit={submit} noValidate>
          <p>
            Orders made outside Hosting Desk, for one service plan and campaign (Sinch lists them only so).
          </p>
          <Field label="Service plan ID" error={form.formState.errors.servicePlanId}>
            {(p) => <input {...form.register('servicePlanId')} {...p} className="mono" autoComplete="off" />}
          </Field>
          <Field label="Campaign ID" error={form.formState.errors.campaignId}>
            {(p) => <input {...form.register('campaignId')} {...p} className="mono" autoComplete="off" />}
          </Field>
          <FormErrors messages={messages} />
        </form>
      </Dialog>
    </div>
  );
}
