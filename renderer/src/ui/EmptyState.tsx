import type { ReactNode } from 'react';

/** Nothing to show yet: say so, and what to do about it (a sentence, and a button when there is one). */
export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty-state">
      <svg className="empty-state-mark" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
        <rect x="3.5" y="5.5" width="17" height="13" rx="2.5" />
        <path d="M3.5 10h17" />
      </svg>
      <p className="empty-state-title">{title}</p>
      <div className="empty-state-body">{children}</div>
      {action && <div className="empty-state-action">{action}</div>}
    </div>
  );
}
