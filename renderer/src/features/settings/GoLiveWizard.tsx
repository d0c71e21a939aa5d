import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { type Workspace, workspaceCreateSchema, workspaceUpdateSchema } from '../../../../shared/contract';
import { deskQueryOptions, useDesk, useDeskMutation, useQueryClient } from '../../lib/query';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field, FormErrors } from '../../ui/Field';
import { applyDeskError } from '../../ui/form';
import { CredentialsPanel } from './CredentialsPanel';
import { checkWith, createInput, defaultsOf, formOf, type WorkspaceForm } from './forms';
import { GO_LIVE_STEPS, type GoLiveStep } from './settings-view';
import { DefaultsFields } from './WorkspaceEditor';

const STEP_LABELS: Record<GoLiveStep, string> = {
  key: 'Project and key',
  test: 'Test connection',
  defaults: 'Defaults',
  done: 'Done',
};

/**
 * Go live: project ID and access key → Test connection → defaults → done. Each step is saved in
 * the engine as it is left (the workspace exists from step 1), the step is in the URL, and the
 * Sandbox stays open until the user chooses to open the new workspace.
 */
export function GoLiveWizard({ step, workspaceId }: { step: GoLiveStep; workspaceId: string | null }) {
  const desk = useDesk();
  const workspace = useQuery({
    ...deskQueryOptions(desk, 'workspaces.get', { id: workspaceId ?? '' }),
    enabled: workspaceId !== null,
  });
  const index = GO_LIVE_STEPS.indexOf(step);
  return (
    <section className="page" aria-labelledby="golive-title">
      <div className="page-head">
        <h1 id="golive-title">Go live</h1>
        <p className="page-lede">
          Connect a real Sinch project. The Sandbox stays as it is; you choose when to open the new workspace.
        </p>
      </div>
      <ol className="golive-steps" aria-label="Steps">
        {GO_LIVE_STEPS.map((s, i) => (
          <li
            key={s}
            className={i < index ? 'golive-step-done' : i === index ? 'golive-step-current' : undefined}
            {...(i === index ? { 'aria-current': 'step' as const } : {})}
          >
            <span className="golive-step-number">{i + 1}</span> {STEP_LABELS[s]}
          </li>
        ))}
      </ol>
      <div className="golive-panel">
        {step === 'key' && <KeyStep existing={workspace.data ?? null} />}
        {step !== 'key' && workspaceId === null && (
          <p>
            This step needs the workspace from step 1.{' '}
            <Link to="/settings" search={{ goLive: 'key' }} className="link">
              Start at step 1
            </Link>
            .
          </p>
        )}
        {step !== 'key' && workspace.error && (
          <ErrorNotice title="Could not load the new workspace" error={workspace.error} />
        )}
        {step === 'test' && workspace.data && <TestStep workspace={workspace.data} />}
        {step === 'defaults' && workspace.data && <DefaultsStep workspace={workspace.data} />}
        {step === 'done' && workspace.data && <DoneStep workspace={workspace.data} />}
      </div>
      <p className="settings-hint">
        <Link to="/settings" className="link">
          Leave the wizard
        </Link>{' '}
        — what was saved stays under Settings → Workspaces.
      </p>
    </section>
  );
}

const KEY_FIELDS = ['name', 'projectId', 'authMode', 'keyId', 'baseUrl', 'tokenUrl', 'testEndpoint'] as const;

function KeyStep({ existing }: { existing: Workspace | null }) {
  const navigate = useNavigate({ from: '/settings' });
  const queryClient = useQueryClient();
  const form = useForm<WorkspaceForm>({ defaultValues: formOf(existing), mode: 'onTouched' });
  const { register, handleSubmit, setError, formState } = form;
  const secretRef = useRef<HTMLInputElement>(null);
  const [secretError, setSecretError] = useState<string | null>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const create = useDeskMutation('workspaces.create');
  const update = useDeskMutation('workspaces.update');
  const setSecret = useDeskMutation('credentials.set');
  const busy = create.isPending || update.isPending || setSecret.isPending;

  const submit = handleSubmit(async (values) => {
    setUnplaced([]);
    const keySecret = secretRef.current?.value ?? '';
    if (!values.keyId.trim()) setError('keyId', { message: 'Required: the access key’s ID.' });
    setSecretError(keySecret.trim() === '' ? 'Required: the key secret from the Sinch dashboard.' : null);
    const input = checkWith(workspaceCreateSchema, createInput(values), setError);
    if (!input || !values.keyId.trim() || keySecret.trim() === '') return;
    try {
      // Back from step 2: the workspace exists, change it instead of making a second one.
      const { testEndpoint, ...rest } = input;
      const workspace = existing
        ? await update.mutateAsync({
            id: existing.id,
            patch: {
              ...rest,
              keyId: rest.keyId ?? null,
              baseUrl: rest.baseUrl ?? null,
              tokenUrl: rest.tokenUrl ?? null,
              testEndpoint: testEndpoint ?? false,
            },
          })
        : await create.mutateAsync(input);
      await setSecret.mutateAsync({ workspaceId: workspace.id, keySecret });
      if (secretRef.current) secretRef.current.value = '';
      void queryClient.invalidateQueries({ queryKey: ['workspaces.list'] });
      void queryClient.invalidateQueries({ queryKey: ['workspaces.get'] });
      await navigate({ search: { goLive: 'test', workspace: workspace.id } });
    } catch (error) {
      setUnplaced(applyDeskError(error, KEY_FIELDS, setError));
    }
  });
  const e = formState.errors;
  return (
    <form className="settings-form" onSubmit={submit} noValidate aria-labelledby="step-title">
      <h2 id="step-title">Project and access key</h2>
      <p className="settings-hint">
        In the Sinch dashboard: Settings → Projects gives the project ID; Settings → Access keys creates a key
        and shows its secret once. The secret goes to the OS keychain only.
      </p>
      <div className="settings-grid">
        <Field label="Workspace name" error={e.name}>
          {(p) => <input className="input" {...register('name')} {...p} />}
        </Field>
        <Field label="Project ID" hint="A UUID, e.g. 0a1b2c3d-…" error={e.projectId}>
          {(p) => <input className="input mono" autoComplete="off" {...register('projectId')} {...p} />}
        </Field>
        <Field label="Key ID" error={e.keyId}>
          {(p) => <input className="input mono" autoComplete="off" {...register('keyId')} {...p} />}
        </Field>
        <div className={`field${secretError ? ' field-invalid' : ''}`}>
          <label className="field-label" htmlFor="golive-secret">
            Key secret
          </label>
          <input
            ref={secretRef}
            id="golive-secret"
            className="input mono"
            type="password"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={Boolean(secretError)}
            {...(secretError ? { 'aria-describedby': 'golive-secret-error' } : {})}
          />
          {secretError && (
            <p className="field-error" id="golive-secret-error">
              {secretError}
            </p>
          )}
        </div>
      </div>
      <details className="settings-advanced">
        <summary>Sign-in and endpoints (only if Sinch told you to change them)</summary>
        <div className="settings-grid">
          <Field label="Sign-in" error={e.authMode}>
            {(p) => (
              <select className="input" {...register('authMode')} {...p}>
                <option value="oauth">OAuth token (recommended)</option>
                <option value="basic">Basic (key on every request; Sinch limits it heavily)</option>
              </select>
            )}
          </Field>
          <span />
          <Field label="Base URL" hint="Empty: Sinch’s own." error={e.baseUrl}>
            {(p) => <input className="input mono" {...register('baseUrl')} {...p} />}
          </Field>
          <Field label="Token URL" hint="Empty: Sinch’s own." error={e.tokenUrl}>
            {(p) => <input className="input mono" {...register('tokenUrl')} {...p} />}
          </Field>
        </div>
        <label className="settings-check">
          <input type="checkbox" {...register('testEndpoint')} /> Test endpoint on this computer (allows plain
          http:// to 127.0.0.1)
        </label>
      </details>
      <FormErrors messages={unplaced} />
      <div className="settings-buttons">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save and continue'}
        </button>
      </div>
    </form>
  );
}

function TestStep({ workspace }: { workspace: Workspace }) {
  const [passed, setPassed] = useState(false);
  return (
    <div>
      <h2 id="step-title">Test connection</h2>
      <p className="settings-hint">
        Gets a token and makes one cheap read on project <span className="mono">{workspace.projectId}</span>.
        Nothing is created at Sinch.
      </p>
      <CredentialsPanel workspace={workspace} onTested={(r) => setPassed(r.ok)} />
      <div className="settings-buttons">
        <Link to="/settings" search={{ goLive: 'key', workspace: workspace.id }} className="button">
          Back
        </Link>
        {passed ? (
          <Link
            to="/settings"
            search={{ goLive: 'defaults', workspace: workspace.id }}
            className="button button-primary"
          >
            Continue
          </Link>
        ) : (
          <span className="settings-hint">Continue appears once the test passes.</span>
        )}
      </div>
    </div>
  );
}

const DEFAULT_FIELDS = [
  'importOrderLimit',
  'defaults',
  'defaults.regionCode',
  'defaults.servicePlanId',
  'defaults.campaignId',
  'defaults.callbackUrl',
] as const;

function DefaultsStep({ workspace }: { workspace: Workspace }) {
  const navigate = useNavigate({ from: '/settings' });
  const queryClient = useQueryClient();
  const form = useForm<WorkspaceForm>({ defaultValues: formOf(workspace), mode: 'onTouched' });
  const { register, handleSubmit, setError, formState } = form;
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const update = useDeskMutation('workspaces.update', {
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['workspaces.get'] });
      void queryClient.invalidateQueries({ queryKey: ['workspaces.list'] });
      void navigate({ search: { goLive: 'done', workspace: workspace.id } });
    },
    onError: (error) => setUnplaced(applyDeskError(error, DEFAULT_FIELDS, setError)),
  });
  const submit = handleSubmit((values) => {
    const input = checkWith(
      workspaceUpdateSchema,
      {
        id: workspace.id,
        patch: { importOrderLimit: values.importOrderLimit, defaults: defaultsOf(values.defaults) },
      },
      setError,
      'patch.',
    );
    if (input) update.mutate(input);
  });
  return (
    <form className="settings-form" onSubmit={submit} noValidate aria-labelledby="step-title">
      <h2 id="step-title">Defaults</h2>
      <p className="settings-hint">
        What new orders of this workspace start with. Everything can be changed per order, and here later.
      </p>
      <DefaultsFields form={form} />
      <Field
        label="Numbers per import order"
        hint="5 unless your Sinch account manager raised it for this project."
        error={formState.errors.importOrderLimit}
      >
        {(p) => (
          <input
            className="input settings-narrow"
            type="number"
            min={1}
            {...register('importOrderLimit', { valueAsNumber: true })}
            {...p}
          />
        )}
      </Field>
      <FormErrors messages={unplaced} />
      <div className="settings-buttons">
        <Link to="/settings" search={{ goLive: 'test', workspace: workspace.id }} className="button">
          Back
        </Link>
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save and continue'}
        </button>
      </div>
    </form>
  );
}

function DoneStep({ workspace }: { workspace: Workspace }) {
  const navigate = useNavigate({ from: '/settings' });
  const queryClient = useQueryClient();
  const switchTo = useDeskMutation('workspaces.switch', {
    onSuccess: () => {
      void queryClient.invalidateQueries();
      void navigate({ search: {} });
    },
  });
  return (
    <div>
      <h2 id="step-title">{workspace.name} is ready</h2>
      <p>
        The key works and the defaults are saved. Open the workspace to bring numbers to Sinch for real, or
        stay in the Sandbox and open it later from Settings → Workspaces — each keeps its own work.
      </p>
      {switchTo.error && <ErrorNotice title="Could not open the workspace" error={switchTo.error} />}
      <div className="settings-buttons">
        <button
          type="button"
          className="button button-primary"
          onClick={() => switchTo.mutate({ id: workspace.id })}
          disabled={switchTo.isPending}
        >
          {switchTo.isPending ? 'Opening…' : `Open ${workspace.name} now`}
        </button>
        <Link to="/settings" className="button">
          Not now
        </Link>
      </div>
    </div>
  );
}
