import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import type { AppStatus, Workspace } from '../../../../shared/contract';
import { REQUEST_BUDGET } from '../../../../shared/domain/limits';
import { useAppStatus, useKeychainProbe } from '../../lib/app-state';
import { deskQueryOptions, useDesk, useDeskMutation, useQueryClient } from '../../lib/query';
import { Dialog } from '../../ui/aria';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { CredentialsPanel } from './CredentialsPanel';
import { GoLiveWizard } from './GoLiveWizard';
import { NotificationsPanel } from './NotificationsPanel';
import licences from './licences.json';
import { keychainView } from './settings-view';
import { WorkspaceEditor } from './WorkspaceEditor';
import './settings.css';

/**
 * `/settings`: the workspaces (Sandbox + Live projects: create through "Go live", edit, switch,
 * delete), the selected workspace's key secret, the keychain, where the data lives, the request
 * budget, version and licences. With `?goLive=` it shows the go-live wizard instead.
 */
export function SettingsPage() {
  const search = useSearch({ from: '/settings' });
  if (search.goLive) return <GoLiveWizard step={search.goLive} workspaceId={search.workspace ?? null} />;
  return (
    <section className="page" aria-labelledby="settings-title">
      <div className="page-head">
        <h1 id="settings-title">Settings</h1>
        <p className="page-lede">
          Workspaces and their keys, the OS keychain, where your data lives, and what this app is built from.
        </p>
      </div>
      <WorkspacesSection selectedId={search.workspace ?? null} />
      <NotificationsPanel />
      <AppFacts />
    </section>
  );
}

export const useWorkspaces = () => useQuery(deskQueryOptions(useDesk(), 'workspaces.list', { limit: 100 }));

function WorkspacesSection({ selectedId }: { selectedId: string | null }) {
  const workspaces = useWorkspaces();
  const navigate = useNavigate({ from: '/settings' });
  const selected = workspaces.data?.items.find((w) => w.id === selectedId) ?? null;
  return (
    <section className="settings-section" aria-labelledby="workspaces-title">
      <div className="settings-section-head">
        <h2 id="workspaces-title">Workspaces</h2>
        <Link to="/settings" search={{ goLive: 'key' }} className="button button-primary">
          Go live…
        </Link>
      </div>
      <p className="settings-lede">
        The Sandbox rehearses everything against a simulated Sinch. A Live workspace talks to a real Sinch
        project with its own access key and its own database; the Sandbox stays available beside it.
      </p>
      <QueryState
        query={workspaces}
        errorTitle="Could not load the workspaces"
        loading="Loading workspaces…"
      />
      {workspaces.data && (
        <WorkspaceTable
          workspaces={workspaces.data.items}
          selectedId={selectedId}
          onEdit={(id) => void navigate({ search: { workspace: id } })}
        />
      )}
      {workspaces.data?.items.every((w) => w.kind === 'sandbox') && (
        <p className="settings-hint">
          No Live workspace yet. When you have a Sinch project ID and an access key, choose “Go live…”.
        </p>
      )}
      {selected && (
        <div className="settings-editor">
          <WorkspaceEditor
            key={selected.id}
            workspace={selected}
            onClose={() => void navigate({ search: {} })}
          />
          {selected.kind === 'live' && <CredentialsPanel workspace={selected} />}
        </div>
      )}
    </section>
  );
}

function WorkspaceTable({
  workspaces,
  selectedId,
  onEdit,
}: {
  workspaces: readonly Workspace[];
  selectedId: string | null;
  onEdit: (id: string) => void;
}) {
  return (
    <table className="facts settings-table">
      <caption className="visually-hidden">Workspaces</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">State</th>
          <th scope="col">Project</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {workspaces.map((w) => (
          <WorkspaceRow key={w.id} workspace={w} selected={w.id === selectedId} onEdit={() => onEdit(w.id)} />
        ))}
      </tbody>
    </table>
  );
}

function WorkspaceRow({
  workspace,
  selected,
  onEdit,
}: {
  workspace: Workspace;
  selected: boolean;
  onEdit: () => void;
}) {
  const queryClient = useQueryClient();
  const switchTo = useDeskMutation('workspaces.switch', {
    // Another database is open now: every screen's answers belong to the old one.
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const remove = useDeskMutation('workspaces.delete', {
    onSuccess: () => {
      setConfirmDelete(false);
      void queryClient.invalidateQueries();
    },
  });
  const live = workspace.kind === 'live';
  return (
    <tr
      {...(selected ? { 'aria-current': true } : {})}
      className={selected ? 'settings-row-selected' : undefined}
    >
      <th scope="row">
        <div className="detail-strong">{workspace.name}</div>
        <div className="detail-muted">{live ? 'Live' : 'Sandbox (simulated Sinch)'}</div>
      </th>
      <td>
        {workspace.active ? (
          <StatusBadge tone="done">Open</StatusBadge>
        ) : (
          <StatusBadge tone="waiting">Not open</StatusBadge>
        )}
      </td>
      <td>
        {live ? (
          <>
            <span className="mono">{workspace.projectId}</span>
            <div className="detail-muted">
              {workspace.keyId ? `key ${workspace.keyId}` : 'no key ID yet'}
              {workspace.testEndpoint ? ' · test endpoint on this computer' : ''}
            </div>
          </>
        ) : (
          <span className="detail-muted">No keys needed</span>
        )}
        {switchTo.error && (
          <div className="detail-text detail-error" role="alert">
            {switchTo.error.message}
          </div>
        )}
      </td>
      <td className="actions settings-actions">
        {!workspace.active && (
          <button
            type="button"
            className="button"
            onClick={() => switchTo.mutate({ id: workspace.id })}
            disabled={switchTo.isPending}
            aria-label={`Open ${workspace.name}`}
          >
            {switchTo.isPending ? 'Opening…' : 'Open'}
          </button>
        )}
        <button type="button" className="button" onClick={onEdit} aria-label={`Edit ${workspace.name}`}>
          Edit
        </button>
        {live && (
          <button
            type="button"
            className="button button-danger"
            onClick={() => setConfirmDelete(true)}
            aria-label={`Delete ${workspace.name}`}
          >
            Delete
          </button>
        )}
        <Dialog
          title={`Delete ${workspace.name}?`}
          role="alertdialog"
          isOpen={confirmDelete}
          onOpenChange={setConfirmDelete}
          footer={
            <>
              <button type="button" className="button" onClick={() => setConfirmDelete(false)}>
                Keep it
              </button>
              <button
                type="button"
                className="button button-danger"
                onClick={() => remove.mutate({ id: workspace.id })}
                disabled={remove.isPending}
              >
                Delete workspace
              </button>
            </>
          }
        >
          <p>
            This removes the workspace’s database (its drafts, queue and history) and its key secret from this
            computer. What was already sent to Sinch stays at Sinch.
          </p>
          {workspace.active && <p>It is open now: the Sandbox opens instead.</p>}
          {remove.error && (
            <p className="detail-error" role="alert">
              {remove.error.message}
            </p>
          )}
        </Dialog>
      </td>
    </tr>
  );
}

/** Keychain, data location, request budget, version and licences: facts about this installation. */
function AppFacts() {
  const status = useAppStatus();
  if (!status.data) return null;
  return (
    <>
      <KeychainSection keychain={status.data.keychain} />
      <section className="settings-section" aria-labelledby="data-title">
        <h2 id="data-title">Data and sending</h2>
        <table className="facts settings-facts">
          <caption className="visually-hidden">Data and sending</caption>
          <tbody>
            <tr>
              <th scope="row">Data location</th>
              <td>
                <code className="path" data-testid="settings-data-dir">
                  {status.data.dataDir}
                </code>
                <div className="detail-muted">
                  Each workspace keeps its own database here (encrypted when the keychain holds its key), with
                  the logs in logs/. Back up this folder to keep your work.
                </div>
              </td>
            </tr>
            <tr>
              <th scope="row">Request budget</th>
              <td>
                At most {REQUEST_BUDGET.ratePerSec} requests a second per Sinch project, in bursts of up to{' '}
                {REQUEST_BUDGET.burst}. When Sinch answers “too many requests” anyway, sending pauses for that
                project and resumes by itself.
                {status.data.workspace.kind === 'sandbox' && (
                  <div className="detail-muted">
                    The simulated Sinch’s own limit can be set in{' '}
                    <Link to="/sandbox" className="link">
                      the Sandbox controls
                    </Link>
                    .
                  </div>
                )}
              </td>
            </tr>
          </tbody>
        </table>
      </section>
      <AboutSection status={status.data} />
    </>
  );
}

function KeychainSection({ keychain }: { keychain: AppStatus['keychain'] }) {
  const probe = useKeychainProbe();
  const view = keychainView(keychain);
  return (
    <section className="settings-section" aria-labelledby="keychain-title">
      <h2 id="keychain-title">OS keychain</h2>
      <div className="settings-keychain">
        <span aria-live="polite">
          {probe.isPending ? (
            <StatusBadge tone="progress">Checking…</StatusBadge>
          ) : (
            <StatusBadge tone={view.tone}>{view.label}</StatusBadge>
          )}
        </span>
        <div>
          <div>{keychain.detail}</div>
          {view.fix && <div className="detail-text">{view.fix}</div>}
          {probe.error && <div className="detail-text detail-error">{probe.error.message}</div>}
        </div>
        <button type="button" className="button" onClick={() => probe.mutate({})} disabled={probe.isPending}>
          Check again
        </button>
      </div>
    </section>
  );
}

function AboutSection({ status }: { status: AppStatus }) {
  return (
    <section className="settings-section" aria-labelledby="about-title">
      <h2 id="about-title">About</h2>
      <p>
        Hosting Desk <span className="mono">{status.version}</span>
      </p>
      <details className="settings-licences">
        <summary>Licences of the {licences.length} packages it ships</summary>
        <table className="facts">
          <caption className="visually-hidden">Licences</caption>
          <thead>
            <tr>
              <th scope="col">Package</th>
              <th scope="col">Version</th>
              <th scope="col">Licence</th>
            </tr>
          </thead>
          <tbody>
            {licences.map((l) => (
              <tr key={`${l.name}@${l.version}`}>
                <th scope="row">{l.name}</th>
                <td className="mono">{l.version}</td>
                <td>{l.licence}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
