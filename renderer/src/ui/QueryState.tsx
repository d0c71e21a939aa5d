import type { DeskError } from '../../../shared/contract';
import { ErrorNotice } from './ErrorNotice';

/**
 * What a screen shows before its query has data: the failure with Try again (the query fetches
 * again), or a loading line read out politely. Nothing once there is data: the screen renders that.
 */
export function QueryState({
  query,
  errorTitle,
  loading,
}: {
  query: { error: DeskError | null; isPending: boolean; refetch: () => unknown };
  /** "Could not load …": what was not loaded */
  errorTitle: string;
  /** "Loading …" */
  loading: string;
}) {
  if (query.error)
    return (
      <ErrorNotice
        title={errorTitle}
        error={query.error}
        action={
          <button type="button" className="button" onClick={() => void query.refetch()}>
            Try again
          </button>
        }
      />
    );
  if (query.isPending)
    return (
      <p className="loading" aria-live="polite">
        {loading}
      </p>
    );
  return null;
}
