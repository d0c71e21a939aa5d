import type { ReactNode } from 'react';
import type { DeskError } from '../../../shared/contract';
import { StatusIcon } from './StatusBadge';

/** How the user can fix each kind of failure; the engine's message says what happened. */
const fixes: Record<DeskError['code'], string> = {
  VALIDATION:
    'The request was refused as malformed. Reload the page; if it happens again, report it with the engine log.',
  NOT_FOUND: 'It may have been removed meanwhile. Reload the page.',
  CONFLICT: 'Something changed meanwhile. Reload the page and try again.',
  UNAUTHENTICATED: 'Open the link that started this session again.',
  KEYCHAIN_UNAVAILABLE: 'Unlock or start your OS keychain, then use “Check again” on the Status page.',
  OFFLINE: 'Check that Hosting Desk is still running (start it again if not), then try again.',
  RATE_LIMITED: 'Sinch asked us to slow down. Sending resumes by itself.',
  SINCH_ERROR: 'Sinch refused the request; correct what the message names and try again.',
  INTERNAL:
    'This is a bug in Hosting Desk. Try again; the engine log (logs/engine.log in the data directory) has the details.',
};

/** An error says what happened and how to fix it (ENGINEERING.md, "UI"). */
export function ErrorNotice({
  title,
  error,
  fix,
  action,
}: {
  title: string;
  error: DeskError;
  /** overrides the generic fix for the error code when the screen knows better */
  fix?: string;
  action?: ReactNode;
}) {
  return (
    <div className="notice notice-failed" role="alert">
      <StatusIcon tone="failed" />
      <div className="notice-body">
        <p className="notice-title">{title}</p>
        <p>{error.message}</p>
        <p className="notice-fix">{fix ?? fixes[error.code]}</p>
        {action && <div className="notice-actions">{action}</div>}
      </div>
    </div>
  );
}
