import { useId } from 'react';

/**
 * Long work shows progress and can be cancelled (UI.md, "How it should feel"). `value` null means
 * the size is not known yet (indeterminate). The numbers are said in words too, not only drawn.
 */
export function Progress({
  label,
  value,
  max,
  detail,
  onCancel,
  cancelling = false,
}: {
  label: string;
  value: number | null;
  max: number;
  /** e.g. "12,000 of 48,000 rows read" */
  detail?: string;
  onCancel?: () => void;
  cancelling?: boolean;
}) {
  const labelId = useId();
  const percent = value === null || max <= 0 ? null : Math.min(100, Math.round((value / max) * 100));
  return (
    <div className="progress">
      <div className="progress-head">
        <span className="progress-label" id={labelId}>
          {label}
        </span>
        <span className="progress-detail">{detail ?? (percent === null ? 'Starting…' : `${percent}%`)}</span>
        {onCancel && (
          <button type="button" className="button button-quiet" onClick={onCancel} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      <div
        className={`progress-track${percent === null ? ' is-indeterminate' : ''}`}
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={percent === null ? undefined : 100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={detail}
      >
        <div className="progress-fill" style={{ width: `${percent ?? 30}%` }} />
      </div>
    </div>
  );
}
