import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import type { Workspace } from '../../../../shared/contract';
import { deskQueryOptions, useDesk, useDeskMutation, useQueryClient } from '../../lib/query';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatTime } from '../../ui/time';
import { type ConnectionTest, connectionVerdict } from './settings-view';

/**
 * A Live workspace's key secret: set, test, delete. The screen only ever learns whether a secret
 * exists (`credentials.status`); what was typed goes to the engine once and the field is emptied.
 * `onTested` lets the go-live wizard move on after a passing test.
 */
export function CredentialsPanel({
  workspace,
  onTested,
}: {
  workspace: Workspace;
  onTested?: (result: ConnectionTest) => void;
}) {
  const desk = useDesk();
  const queryClient = useQueryClient();
  const status = useQuery(deskQueryOptions(desk, 'credentials.status', { workspaceId: workspace.id }));
  const secretRef = useRef<HTMLInputElement>(null);
  const secretId = useId();
  const [secretError, setSecretError] = useState<string | null>(null);
  const [tested, setTested] = useState<ConnectionTest | null>(null);
  // credentials.* has no event: patch the answer in (it is the new status).
  const patch = (next: NonNullable<typeof status.data>) =>
    queryClient.setQueryData(['credentials.status', { workspaceId: workspace.id }], next);
  const set = useDeskMutation('credentials.set', {
    onSuccess: (next) => {
      patch(next);
      setTested(null);
      if (secretRef.current) secretRef.current.value = '';
    },
  });
  const remove = useDeskMutation('credentials.delete', {
    onSuccess: (next) => {
      patch(next);
      setTested(null);
    },
  });
  const test = useDeskMutation('credentials.test', {
    onSuccess: (result) => {
      setTested(result);
      onTested?.(result);
    },
  });

  const saveSecret = (event: FormEvent) => {
    event.preventDefault();
    const value = secretRef.current?.value ?? '';
    if (value.trim() === '') {
      setSecretError('Enter the key secret (shown once in the Sinch dashboard when the key was created).');
      secretRef.current?.focus();
      return;
    }
    setSecretError(null);
    set.mutate({ workspaceId: workspace.id, keySecret: value });
  };

  const stored = status.data?.keySecret ?? false;
  const verdict = tested ? connectionVerdict(tested) : null;
  const failure = set.error ?? remove.error ?? test.error;
  return (
    <section className="settings-credentials" aria-labelledby={`${secretId}-title`}>
      <h3 id={`${secretId}-title`}>Key secret</h3>
      {status.error && <ErrorNotice title="Could not read the key’s status" error={status.error} />}
      {status.data && (
        <div className="settings-keychain">
          {stored ? (
            <StatusBadge tone="done">Stored in the keychain</StatusBadge>
          ) : (
            <StatusBadge tone="action">Not stored</StatusBadge>
          )}
          <div>
            {!status.data.keychainAvailable
              ? 'The OS keychain does not answer: the secret can be neither stored nor used. See “OS keychain” below.'
              : stored
                ? `Kept in the OS keychain only, for key ${status.data.keyId ?? '(no key ID yet)'}; this screen never shows it.`
                : 'Enter the key secret to let this workspace send. It goes to the OS keychain only.'}
          </div>
        </div>
      )}
      <form className="settings-secret" onSubmit={saveSecret} noValidate>
        <div className={`field${secretError ? ' field-invalid' : ''}`}>
          <label className="field-label" htmlFor={secretId}>
            {stored ? 'Replace the key secret' : 'Key secret'}
          </label>
          <input
            ref={secretRef}
            id={secretId}
            className="input mono"
            type="password"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={Boolean(secretError)}
            {...(secretError ? { 'aria-describedby': `${secretId}-error` } : {})}
          />
          {secretError && (
            <p className="field-error" id={`${secretId}-error`}>
              {secretError}
            </p>
          )}
        </div>
        <button type="submit" className="button" disabled={set.isPending}>
          {set.isPending ? 'Saving…' : 'Save secret'}
        </button>
      </form>
      <div className="settings-buttons">
        <button
          type="button"
          className="button button-primary"
          onClick={() => test.mutate({ workspaceId: workspace.id })}
          disabled={test.isPending || !stored}
        >
          {test.isPending ? 'Testing…' : 'Test connection'}
        </button>
        {stored && (
          <button
            type="button"
            className="button button-danger"
            onClick={() => remove.mutate({ workspaceId: workspace.id, which: 'keySecret' })}
            disabled={remove.isPending}
          >
            Delete secret
          </button>
        )}
      </div>
      <div aria-live="polite" data-testid="connection-result">
        {verdict && tested && (
          <div className={`settings-verdict settings-verdict-${verdict.tone}`}>
            <p>
              <StatusBadge tone={verdict.tone}>{verdict.label}</StatusBadge>{' '}
              <span className="detail-muted">
                tested <time dateTime={tested.checkedAt}>{formatTime(tested.checkedAt)}</time>
              </span>
            </p>
            <p>{verdict.detail}</p>
            {verdict.fix && <p className="detail-muted">{verdict.fix}</p>}
          </div>
        )}
      </div>
      {failure && <ErrorNotice title="That did not work" error={failure} />}
    </section>
  );
}
