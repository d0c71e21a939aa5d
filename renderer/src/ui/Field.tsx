import { type ReactNode, useId } from 'react';
import type { FieldError } from 'react-hook-form';

/**
 * A labelled form field for react-hook-form: `<Field label="E-mail" error={errors.email}>{(props) =>
 * <input {...register('email')} {...props} />}</Field>`. The render prop wires id, aria-invalid and
 * aria-describedby, so the error (from the zod resolver or `applyDeskError`) is read with the field.
 */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: FieldError | undefined;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({
        id,
        'aria-invalid': Boolean(error),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error?.message && (
        <p className="field-error" id={errorId}>
          {error.message}
        </p>
      )}
    </div>
  );
}

/** Messages no field owns (see `applyDeskError`), shown above the form's buttons. */
export function FormErrors({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="form-errors" role="alert">
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}
