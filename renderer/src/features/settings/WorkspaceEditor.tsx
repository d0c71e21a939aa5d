import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { type Workspace, workspaceUpdateSchema } from '../../../../shared/contract';
import { useDeskMutation, useQueryClient } from '../../lib/query';
import { Dialog } from '../../ui/aria';
import { Field, FormErrors } from '../../ui/Field';
import { applyDeskError } from '../../ui/form';
import { checkWith, formOf, updatePatch, type WorkspaceForm } from './forms';
import { endpointsChange } from './settings-view';

const FIELDS = [
  'name',
  'projectId',
  'authMode',
  'keyId',
  'importOrderLimit',
  'defaults',
  'defaults.regionCode',
  'defaults.servicePlanId',
  'defaults.campaignId',
  'defaults.callbackUrl',
  'baseUrl',
  'tokenUrl',
  'testEndpoint',
] as const;

/**
 * One workspace's settings. Changing a Live workspace's base or token URL deletes its stored key
 * secret in the engine (a secret is bound to the endpoints it was entered for), so the form asks
 * first and says afterwards that the secret must be entered again.
 */
export function WorkspaceEditor({ workspace, onClose }: { workspace: Workspace; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<WorkspaceForm>({ defaultValues: formOf(workspace), mode: 'onTouched' });
  const { register, handleSubmit, setError, formState, reset } = form;
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [pending, setPending] = useState<WorkspaceForm | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const update = useDeskMutation('workspaces.update', {
    onSuccess: (result, input) => {
      void queryClient.invalidateQueries({ queryKey: ['workspaces.list'] });
      void queryClient.invalidateQueries({ queryKey: ['credentials.status'] });
      reset(formOf(result));
      setSaved(
        result.secretCleared
          ? 'Saved. The endpoints changed, so the stored key secret was deleted: enter it again below.'
          : `Saved ${input.patch.name ?? workspace.name}.`,
      );
    },
    onError: (error) => setUnplaced(applyDeskError(error, FIELDS, setError)),
  });
  const live = workspace.kind === 'live';

  const save = (values: WorkspaceForm) => {
    setUnplaced([]);
    setSaved(null);
    const input = checkWith(
      workspaceUpdateSchema,
      { id: workspace.id, patch: updatePatch(values, workspace.kind) },
      setError,
      'patch.',
    );
    if (input) update.mutate(input);
  };
  const submit = handleSubmit((values) => {
    if (live && endpointsChange(workspace, values)) setPending(values);
    else save(values);
  });
  const e = formState.errors;

  return (
    <form className="settings-form" onSubmit={submit} noValidate aria-labelledby="editor-title">
      <h3 id="editor-title">Edit {workspace.name}</h3>
      <fieldset className="settings-fieldset">
        <legend>Workspace</legend>
        <div className="settings-grid">
          <Field label="Name" error={e.name}>
            {(p) => <input className="input" {...register('name')} {...p} />}
          </Field>
          <Field
            label="Numbers per import order"
            hint="5 unless your Sinch account manager raised it for this project."
            error={e.importOrderLimit}
          >
            {(p) => (
              <input
                className="input"
                type="number"
                min={1}
                {...register('importOrderLimit', { valueAsNumber: true })}
                {...p}
              />
            )}
          </Field>
          {live && (
            <>
              <Field label="Project ID" hint="A UUID, from the Sinch dashboard." error={e.projectId}>
                {(p) => <input className="input mono" {...register('projectId')} {...p} />}
              </Field>
              <Field label="Key ID" hint="The access key’s ID (not secret)." error={e.keyId}>
                {(p) => <input className="input mono" autoComplete="off" {...register('keyId')} {...p} />}
              </Field>
              <Field label="Sign-in" error={e.authMode}>
                {(p) => (
                  <select className="input" {...register('authMode')} {...p}>
                    <option value="oauth">OAuth token (recommended)</option>
                    <option value="basic">Basic (key on every request; Sinch limits it heavily)</option>
                  </select>
                )}
              </Field>
            </>
          )}
        </div>
      </fieldset>
      <DefaultsFields form={form} />
      {live && (
        <fieldset className="settings-fieldset">
          <legend>Endpoints</legend>
          <p className="settings-hint">
            Leave empty for Sinch’s own. Changing them deletes the stored key secret.
          </p>
          <div className="settings-grid">
            <Field label="Base URL" error={e.baseUrl}>
              {(p) => <input className="input mono" {...register('baseUrl')} {...p} />}
            </Field>
            <Field label="Token URL" error={e.tokenUrl}>
              {(p) => <input className="input mono" {...register('tokenUrl')} {...p} />}
            </Field>
          </div>
          <label className="settings-check">
            <input type="checkbox" {...register('testEndpoint')} /> Test endpoint on this computer (allows
            plain http:// to 127.0.0.1)
          </label>
        </fieldset>
      )}
      <FormErrors messages={unplaced} />
      <p className="settings-saved" role="status">
        {saved}
      </p>
      <div className="settings-buttons">
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      <Dialog
        title="Delete the stored key secret?"
        role="alertdialog"
        isOpen={pending !== null}
        onOpenChange={(open) => !open && setPending(null)}
        footer={
          <>
            <button type="button" className="button" onClick={() => setPending(null)}>
              Keep the endpoints
            </button>
            <button
              type="button"
              className="button button-danger"
              onClick={() => {
                if (pending) save(pending);
                setPending(null);
              }}
            >
              Change endpoints and delete the secret
            </button>
          </>
        }
      >
        <p>
          The key secret of {workspace.name} was entered for its current base and token URL. Saving new
          endpoints deletes it from the keychain, so it is never sent anywhere you did not enter it for. You
          then enter it again under “Key secret”.
        </p>
      </Dialog>
    </form>
  );
}

/** Region, service plan, campaign and callback URL every new order of this workspace starts with. */
export function DefaultsFields({ form }: { form: ReturnType<typeof useForm<WorkspaceForm>> }) {
  const { register, formState } = form;
  const e = formState.errors.defaults;
  return (
    <fieldset className="settings-fieldset">
      <legend>Defaults for new orders</legend>
      <div className="settings-grid">
        <Field label="Region" error={e?.regionCode}>
          {(p) => (
            <select className="input" {...register('defaults.regionCode')} {...p}>
              <option value="">Ask each time</option>
              <option value="US">United States</option>
              <option value="CA">Canada</option>
            </select>
          )}
        </Field>
        <Field
          label="Service plan ID"
          hint="The SMS service plan numbers are linked to."
          error={e?.servicePlanId}
        >
          {(p) => <input className="input mono" {...register('defaults.servicePlanId')} {...p} />}
        </Field>
        <Field label="Campaign ID" hint="10DLC campaign for US standard numbers." error={e?.campaignId}>
          {(p) => <input className="input mono" {...register('defaults.campaignId')} {...p} />}
        </Field>
        <Field
          label="Callback URL"
          hint="Where Sinch reports order progress (https://…)."
          error={e?.callbackUrl}
        >
          {(p) => <input className="input mono" {...register('defaults.callbackUrl')} {...p} />}
        </Field>
      </div>
    </fieldset>
  );
}
