/**
 * A dialog's footer: the way out first (Cancel, or Keep it on a confirmation), then the one action.
 * The action submits the dialog's form when `form` names it (Enter in a field does the same), or
 * runs `onAction`; `danger` colours an action that removes something.
 */
export function DialogButtons({
  cancel = 'Cancel',
  onCancel,
  action,
  danger = false,
  disabled = false,
  ...run
}: {
  cancel?: string;
  onCancel: () => void;
  action: string;
  danger?: boolean;
  disabled?: boolean;
} & ({ form: string } | { onAction: () => void })) {
  const className = `button ${danger ? 'button-danger' : 'button-primary'}`;
  return (
    <>
      <button type="button" className="button" onClick={onCancel}>
        {cancel}
      </button>
      {'form' in run ? (
        <button type="submit" form={run.form} className={className} disabled={disabled}>
          {action}
        </button>
      ) : (
        <button type="button" className={className} disabled={disabled} onClick={run.onAction}>
          {action}
        </button>
      )}
    </>
  );
}
