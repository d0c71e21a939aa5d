import type { ReactNode } from 'react';
import type { AppStatus } from '../../../shared/contract';

/**
 * The frame every screen lives in: header (app name, workspace badge), left navigation, main area.
 * Sections that do not exist yet are listed as "coming" and cannot be selected — no fake screens.
 */
const sections: { id: string; label: string; ready: boolean }[] = [
  { id: 'status', label: 'Status', ready: true },
  { id: 'intake', label: 'Intake', ready: false },
  { id: 'loa', label: 'LOA profiles', ready: false },
  { id: 'plan', label: 'Plan', ready: false },
  { id: 'queue', label: 'Queue', ready: false },
  { id: 'orders', label: 'Hosting orders', ready: false },
  { id: 'numbers', label: 'Numbers', ready: false },
  { id: 'settings', label: 'Settings', ready: false },
];

export function AppFrame({
  workspace,
  banner,
  children,
}: {
  workspace: AppStatus['workspace'] | null;
  /** a permanent, app-wide notice under the header (e.g. unencrypted storage) */
  banner?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="frame">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <svg className="brand-mark" viewBox="0 0 32 32" width="22" height="22" aria-hidden="true">
            <rect width="32" height="32" rx="7" />
            <path d="M10 9v14M22 9v14M10 16h12" />
          </svg>
          <span className="brand-name">Hosting Desk</span>
        </div>
        {workspace && (
          <span className={`workspace-badge workspace-${workspace.kind}`} data-testid="workspace-badge">
            <span className="workspace-kind">{workspace.kind === 'sandbox' ? 'Sandbox' : 'Live'}</span>
            {workspace.name !== 'Sandbox' && <span className="workspace-name">{workspace.name}</span>}
          </span>
        )}
      </header>
      {banner && <div className="frame-banner">{banner}</div>}
      <nav className="sidenav" aria-label="Sections">
        <ul>
          {sections.map((s) =>
            s.ready ? (
              <li key={s.id}>
                <a className="nav-item" href={`#${s.id}`} aria-current="page">
                  {s.label}
                </a>
              </li>
            ) : (
              <li key={s.id}>
                <span className="nav-item nav-coming" aria-disabled="true">
                  {s.label}
                  <span className="coming-tag">coming</span>
                </span>
              </li>
            ),
          )}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
