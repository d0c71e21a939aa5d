import { useState } from 'react';
import type { AppStatus, KeychainStatus } from '../../../../shared/contract';
import { useAppStatus, useKeychainProbe, useSyncState, useSyncToggle } from '../../lib/app-state';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge, type Tone } from '../../ui/StatusBadge';
import { syncView } from '../../ui/sync-view';
import { formatDate, formatTime } from '../../ui/time';

/**
 * The first screen: what this Hosting Desk runs on — version, workspace, simulator, storage, sync,
 * data directory, OS keychain. Everything shown comes from `app.status` and `sync.status` (kept
 * current by the event table); nothing is invented here.
 */
export function StatusPage() {
  const status = useAppStatus();
  return (
    <section className="page" aria-labelledby="status-title">
      <div className="page-head">
        <h1 id="status-title">Status</h1>
        <p className="page-lede">
          What this Hosting Desk is running on. It updates by itself when something changes.
        </p>
      </div>
      <QueryState query={status} errorTitle="Could not load the status" loading="Loading status…" />
      {status.data && <StatusTable status={status.data} />}
    </section>
  );
}

function StatusTable({ status }: { status: AppStatus }) {
  const simulator = simulatorState(status.simulator.state);
  const storageOpen = status.storage?.available !== false;
  return (
    <table className="facts" data-testid="status-table">
      <caption className="visually-hidden">Application status</caption>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">State</th>
          <th scope="col">Details</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        <tr data-testid="row-workspace">
          <th scope="row">Workspace</th>
          <td>
            <strong>{status.workspace.name}</strong>
          </td>
          <td>
            {status.workspace.kind === 'sandbox'
              ? 'Rehearse every workflow against a simulated Sinch — no API keys needed.'
              : 'Talks to the real Sinch API with this project’s keys.'}
          </td>
          <td />
        </tr>
        <tr data-testid="row-simulator">
          <th scope="row">Sandbox simulator</th>
          <td>
            <StatusBadge tone={simulator.tone}>{simulator.label}</StatusBadge>
          </td>
          <td>
            {status.simulator.detail}
            {status.simulator.baseUrl && !status.simulator.detail.includes(status.simulator.baseUrl) && (
              <code className="inline-code">{status.simulator.baseUrl}</code>
            )}
          </td>
          <td />
        </tr>
        {status.storage && <StorageRow storage={status.storage} />}
        <SyncRow storageOpen={storageOpen} />
        <KeychainRow keychain={status.keychain} storageOpen={storageOpen} />
        <DataDirRow dataDir={status.dataDir} />
        <tr data-testid="row-version">
          <th scope="row">Version</th>
          <td>
            <span className="mono">{status.version}</span>
          </td>
          <td>{shellLabel(status.shell)}</td>
          <td />
        </tr>
        <tr>
          <th scope="row">Running since</th>
          <td>
            <time dateTime={status.startedAt}>{formatTime(status.startedAt)}</time>
          </td>
          <td>{formatDate(status.startedAt)}</td>
          <td />
        </tr>
      </tbody>
    </table>
  );
}

function StorageRow({ storage }: { storage: NonNullable<AppStatus['storage']> }) {
  return (
    <tr data-testid="row-storage">
      <th scope="row">Storage</th>
      <td>
        {!storage.available ? (
          <StatusBadge tone="failed">Cannot open</StatusBadge>
        ) : storage.encrypted ? (
          <StatusBadge tone="done">Encrypted</StatusBadge>
        ) : (
          <StatusBadge tone="action">Not encrypted</StatusBadge>
        )}
      </td>
      <td>
        {!storage.available ? (
          <>
            <div className="detail-strong">The workspace database could not be opened</div>
            <div className="detail-text detail-error">{storage.reason}</div>
          </>
        ) : storage.encrypted ? (
          // one line: the engine's reason already says how (the badge says that it is)
          <div>{storage.reason}</div>
        ) : (
          <div>{storage.reason}</div>
        )}
      </td>
      <td />
    </tr>
  );
}

function SyncRow({ storageOpen }: { storageOpen: boolean }) {
  const sync = useSyncState();
  const state = sync.data;
  const toggle = useSyncToggle(state?.running ?? false);
  const view = state ? syncView(state, formatTime) : null;
  // Without an open database there is no queue to send: say so once (the Storage row has the why)
  // instead of repeating the same error in red.
  const noDatabase = !storageOpen && sync.error !== null;
  return (
    <tr data-testid="row-sync">
      <th scope="row">Sync</th>
      <td aria-live="polite" data-testid="sync-state">
        {view ? (
          <StatusBadge tone={view.tone}>{view.label}</StatusBadge>
        ) : noDatabase ? (
          <StatusBadge tone="waiting">Not available</StatusBadge>
        ) : sync.error ? (
          <StatusBadge tone="failed">Unknown</StatusBadge>
        ) : (
          <StatusBadge tone="waiting">Asking…</StatusBadge>
        )}
      </td>
      <td>
        {state && (
          <>
            <div className="detail-line">
              <span>{state.detail}</span>
              {state.changedAt && (
                <span className="detail-muted">
                  {state.running ? 'started' : 'paused'}{' '}
                  <time dateTime={state.changedAt}>{formatTime(state.changedAt)}</time>
                </span>
              )}
            </div>
            {view?.fix && <div className="detail-text detail-muted">{view.fix}</div>}
          </>
        )}
        {noDatabase ? (
          <div>Nothing can be sent while the workspace database is not open (see Storage).</div>
        ) : (
          sync.error && <div className="detail-text detail-error">{sync.error.message}</div>
        )}
        {toggle.error && (
          <div className="detail-text detail-error" role="alert">
            {toggle.error.message}
          </div>
        )}
      </td>
      <td className="actions">
        {state && (
          <button
            type="button"
            className="button"
            onClick={() => toggle.mutate({})}
            disabled={toggle.isPending}
            data-testid="sync-toggle"
          >
            {state.running ? 'Pause sync' : 'Start sync'}
          </button>
        )}
      </td>
    </tr>
  );
}

function KeychainRow({
  keychain,
  storageOpen,
}: {
  keychain: KeychainStatus;
  /** false when the workspace DB could not be opened (its key is in the missing keychain) */
  storageOpen: boolean;
}) {
  const probe = useKeychainProbe();
  const checking = probe.isPending;
  const probeError = probe.error;
  const check = () => probe.mutate({});
  return (
    <tr data-testid="row-keychain">
      <th scope="row">OS keychain</th>
      <td aria-live="polite">
        {checking ? (
          <StatusBadge tone="progress">Checking…</StatusBadge>
        ) : keychain.available ? (
          <StatusBadge tone="done">Available</StatusBadge>
        ) : (
          <StatusBadge tone="action">Unavailable</StatusBadge>
        )}
      </td>
      <td>
        <div className="detail-line">
          <span className="detail-strong" data-testid="keychain-backend">
            {backendLabel(keychain.backend)}
          </span>
          <span className="detail-muted">
            checked <time dateTime={keychain.checkedAt}>{formatTime(keychain.checkedAt)}</time>
          </span>
        </div>
        <div className="detail-text">{keychain.detail}</div>
        {!keychain.available && (
          <div className="detail-text detail-muted">
            {storageOpen
              ? 'Without a keychain the Sandbox still works; Live workspaces stay closed until one answers.'
              : 'Its key is in this keychain: encrypted workspaces stay closed until it answers again.'}
          </div>
        )}
        {probeError && <div className="detail-text detail-error">{probeError.message}</div>}
      </td>
      <td className="actions">
        <button type="button" className="button" onClick={check} disabled={checking}>
          Check again
        </button>
      </td>
    </tr>
  );
}

function DataDirRow({ dataDir }: { dataDir: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(dataDir);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <tr data-testid="row-data-dir">
      <th scope="row">Data directory</th>
      <td colSpan={2}>
        <code className="path" data-testid="data-dir">
          {dataDir}
        </code>
        {copied === 'failed' && (
          <span className="detail-muted"> — copying was refused; select the path instead.</span>
        )}
      </td>
      <td className="actions">
        <button type="button" className="button button-quiet" onClick={copy}>
          {copied === 'copied' ? 'Copied' : 'Copy path'}
        </button>
      </td>
    </tr>
  );
}

function simulatorState(state: AppStatus['simulator']['state']): { tone: Tone; label: string } {
  switch (state) {
    case 'not-available':
      return { tone: 'waiting', label: 'Not available yet' };
    case 'starting':
      return { tone: 'progress', label: 'Starting' };
    case 'running':
      return { tone: 'done', label: 'Running' };
    case 'stopped':
      return { tone: 'waiting', label: 'Stopped' };
    case 'failed':
      return { tone: 'failed', label: 'Failed' };
  }
}

function backendLabel(backend: KeychainStatus['backend']): string {
  switch (backend) {
    case 'secret-service':
      return 'Secret Service';
    case 'macos-keychain':
      return 'macOS Keychain';
    case 'windows-credential-manager':
      return 'Windows Credential Manager';
    case 'memory':
      return 'In-memory (tests only)';
    case 'none':
      return 'No keychain answered';
  }
}

function shellLabel(shell: AppStatus['shell']): string {
  switch (shell) {
    case 'electron':
      return 'Desktop app';
    case 'browser':
      return 'Browser shell (npm run serve), listening on this computer only';
    case 'test':
      return 'Test harness';
  }
}
