import { type AnyRoute, Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import type { DeskError } from '../../../shared/contract';
import { useAppStatus, useSyncState } from '../lib/app-state';
import { ErrorNotice } from '../ui/ErrorNotice';
import { StatusBadge } from '../ui/StatusBadge';
import { syncView } from '../ui/sync-view';
import { formatTime } from '../ui/time';
import { needsStorageBanner, StorageBanner } from './StorageBanner';

/**
 * The frame every screen lives in: header (app name, workspace badge, sync state — always visible),
 * the app-wide banner row, the rail, the main area. The rail lists exactly the screens registered in
 * app/router.tsx (no "coming soon" entries), the current one marked with aria-current.
 */
export function AppFrame({
  screens,
  connected,
  children,
}: {
  screens: readonly AnyRoute[];
  /** false while the browser shell refused the session: nothing is asked of the engine */
  connected: boolean;
  children: ReactNode;
}) {
  return (
    <div className="frame">
      {/* A button, not a #main link: with hash routing that link would navigate to a route "main". */}
      <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
        Skip to content
      </button>
      <header className="topbar">
        <div className="brand">
          <svg className="brand-mark" viewBox="0 0 32 32" width="22" height="22" aria-hidden="true">
            <rect width="32" height="32" rx="7" />
            <path d="M10 9v14M22 9v14M10 16h12" />
          </svg>
          <span className="brand-name">Hosting Desk</span>
        </div>
        {connected && <WorkspaceBadge />}
        <span className="topbar-spacer" />
        {connected && <SyncPill />}
      </header>
      {connected && <Banner />}
      <Rail screens={screens} connected={connected} />
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

function WorkspaceBadge() {
  const workspace = useAppStatus().data?.workspace;
  if (!workspace) return null;
  return (
    <span className={`workspace-badge workspace-${workspace.kind}`} data-testid="workspace-badge">
      <span className="workspace-kind">{workspace.kind === 'sandbox' ? 'Sandbox' : 'Live'}</span>
      {workspace.name !== 'Sandbox' && <span className="workspace-name">{workspace.name}</span>}
    </span>
  );
}

/** The sync state on every screen; the Status screen has its details and Start/Pause. */
function SyncPill() {
  const sync = useSyncState();
  const view = sync.data ? syncView(sync.data, formatTime) : null;
  return (
    <Link to="/status" className="sync-pill" title="Sync state — open Status for details">
      <span className="sync-pill-label">Sync</span>
      {view ? (
        <StatusBadge tone={view.tone}>{view.label}</StatusBadge>
      ) : (
        <StatusBadge tone="waiting">{sync.error ? 'Not available' : 'Asking…'}</StatusBadge>
      )}
    </Link>
  );
}

function Banner() {
  const storage = useAppStatus().data?.storage;
  if (!needsStorageBanner(storage)) return null;
  return (
    <div className="frame-banner">
      <StorageBanner storage={storage} />
    </div>
  );
}

function Rail({ screens, connected }: { screens: readonly AnyRoute[]; connected: boolean }) {
  const kind = useAppStatus(connected).data?.workspace.kind;
  return (
    <nav className="sidenav" aria-label="Sections">
      <ul>
        {screens
          .filter((route) => !route.options.staticData?.screen?.sandboxOnly || kind === 'sandbox')
          .map((route) => (
            <li key={route.id}>
              <Link
                className="nav-item"
                to={route.fullPath}
                activeProps={{ 'aria-current': 'page', className: 'nav-item nav-active' }}
              >
                {route.options.staticData?.screen?.label ?? route.fullPath}
              </Link>
            </li>
          ))}
      </ul>
    </nav>
  );
}

export function NotConnected({ error }: { error: DeskError }) {
  return (
    <section className="page">
      <div className="page-head">
        <h1>Not connected</h1>
      </div>
      <ErrorNotice
        title="This page is not connected to Hosting Desk"
        error={error}
        fix="In the terminal where npm run serve runs, open the one link it printed (http://127.0.0.1:…/#token=…). If it is not running, start it with npm run serve and open the new link."
      />
    </section>
  );
}

export function NotFound() {
  return (
    <section className="page">
      <div className="page-head">
        <h1>No such screen</h1>
        <p className="page-lede">
          This link points to a screen Hosting Desk does not have. Pick one from the list on the left.
        </p>
      </div>
    </section>
  );
}
