import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Controller, type FieldErrors, type FieldPath, type Resolver, useForm } from 'react-hook-form';
import type { LoaProfile } from '../../../../shared/contract';
import { LOA_FIELD_LABELS } from '../../../../shared/domain/loa-check';
import { deskQueryOptions, useDesk, useDeskMutation } from '../../lib/query';
import { SuggestField } from '../../ui/aria';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field, FormErrors } from '../../ui/Field';
import { applyDeskError } from '../../ui/form';
import { StatusIcon } from '../../ui/StatusBadge';
import {
  CARRIER_SUGGESTIONS,
  checkLoaForm,
  emptyLoaForm,
  formFromProfile,
  KIND_HINTS,
  KIND_LABELS,
  type LoaFormKind,
  type LoaFormValues,
  toProfileInput,
} from './loa-form';

/**
 * The contract's zod schemas and the LOA check, as react-hook-form's resolver (checkLoaForm runs
 * both): errors land on their fields worded for people, never as zod's programmer messages.
 */
const loaResolver: Resolver<LoaFormValues> = async (values) => {
  const { errors } = checkLoaForm(values);
  const entries = Object.entries(errors);
  if (entries.length === 0) return { values, errors: {} };
  const nested: Record<string, unknown> = {};
  for (const [path, message] of entries) {
    const keys = path.split('.');
    let at = nested;
    for (const key of keys.slice(0, -1)) {
      at[key] = at[key] ?? {};
      at = at[key] as Record<string, unknown>;
    }
    at[keys[keys.length - 1] as string] = { type: 'validate', message };
  }
  return { values: {}, errors: nested as FieldErrors<LoaFormValues> };
};

const FIELD_PATHS = Object.keys(LOA_FIELD_LABELS) as FieldPath<LoaFormValues>[];

export type SavedProfile = { id: string; label: string; edited: boolean };

/** Loads what the editor starts from (a profile to edit, or one to copy), then shows the form. */
export function LoaEditor({
  open,
  copyOf,
  onDone,
}: {
  /** `new` or the id of the profile to edit */
  open: string;
  copyOf: string | undefined;
  /** back to the list with the saved profile (`edited`: an existing profile's details changed) */
  onDone: (saved?: SavedProfile) => void;
}) {
  const desk = useDesk();
  const sourceId = open === 'new' ? copyOf : open;
  // Read afresh every time the editor opens: the form starts from these values and saves them whole,
  // so a cached copy from before the last save (its change event may still be on its way) would
  // quietly undo that save.
  const source = useQuery({
    ...deskQueryOptions(desk, 'loaProfiles.get', { id: sourceId ?? '' }),
    enabled: Boolean(sourceId),
    refetchOnMount: 'always',
  });
  const siblings = useQuery({
    ...deskQueryOptions(desk, 'loaProfiles.list', { limit: 100, text: source.data?.label ?? '' }),
    enabled: Boolean(copyOf && source.data),
  });

  const title = open !== 'new' ? 'Edit LOA profile' : copyOf ? 'Duplicate LOA profile' : 'New LOA profile';
  let body: ReactNode;
  if (source.error)
    body = (
      <ErrorNotice
        title="Could not open the profile"
        error={source.error}
        action={
          <button type="button" className="button" onClick={() => onDone()}>
            Back to the list
          </button>
        }
      />
    );
  else if (sourceId && (!source.data || !source.isFetchedAfterMount || (copyOf && !siblings.data)))
    body = (
      <p className="loading" aria-live="polite">
        Loading the profile…
      </p>
    );
  else
    body = (
      <LoaForm
        editing={open !== 'new' ? source.data : undefined}
        initial={
          source.data
            ? formFromProfile(
                source.data,
                copyOf ? { existingLabels: siblings.data?.items.map((p) => p.label) ?? [] } : undefined,
              )
            : emptyLoaForm()
        }
        onDone={onDone}
      />
    );
  return (
    <>
      <div className="page-head">
        <h1 id="loa-title">{title}</h1>
        <p className="page-lede">
          The LOA is e-mailed to the signer for an e-signature, once per order. What you enter here is sent
          exactly as shown.
        </p>
      </div>
      {body}
    </>
  );
}

function LoaForm({
  editing,
  initial,
  onDone,
}: {
  editing: LoaProfile | undefined;
  initial: LoaFormValues;
  onDone: (saved?: SavedProfile) => void;
}) {
  const form = useForm<LoaFormValues>({ resolver: loaResolver, defaultValues: initial, mode: 'onTouched' });
  const { register, handleSubmit, control, watch, setError, formState } = form;
  const errors = formState.errors;
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const values = watch();
  const kind = values.kind;
  const warnings = checkLoaForm(values).warnings;

  const onError = (error: unknown) => setUnplaced(applyDeskError(error, FIELD_PATHS, setError));
  const create = useDeskMutation('loaProfiles.create', {
    onSuccess: (p) => onDone({ id: p.id, label: p.label, edited: false }),
    onError,
  });
  // queued orders carry the details they were queued with: the list then asks about updating them
  const update = useDeskMutation('loaProfiles.update', {
    onSuccess: (p) => onDone({ id: p.id, label: p.label, edited: true }),
    onError,
  });
  const saving = create.isPending || update.isPending;

  const submit = handleSubmit((v) => {
    setUnplaced([]);
    const input = toProfileInput(v);
    if (!input) return;
    if (editing) update.mutate({ id: editing.id, patch: { label: input.label, info: input.info } });
    else create.mutate(input);
  });

  const err = (path: keyof typeof LOA_FIELD_LABELS) => {
    const at = path
      .split('.')
      .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], errors);
    return at as { message?: string; type: string } | undefined;
  };
  const text = (
    path: keyof typeof LOA_FIELD_LABELS,
    props: { autoComplete?: string; autoFocus?: boolean; hint?: string } = {},
  ) => (
    <Field
      label={LOA_FIELD_LABELS[path]}
      error={err(path) as never}
      {...(props.hint ? { hint: props.hint } : {})}
    >
      {(a) => (
        <input
          className="input"
          {...register(path as FieldPath<LoaFormValues>)}
          {...a}
          {...(props.autoComplete ? { autoComplete: props.autoComplete } : {})}
          // biome-ignore lint/a11y/noAutofocus: the editor opens for typing; keyboard users start in its first field
          autoFocus={props.autoFocus}
        />
      )}
    </Field>
  );

  return (
    <form
      className="loa-form"
      noValidate
      aria-label="LOA profile"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          onDone();
        }
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void submit();
        }
      }}
    >
      <fieldset className="form-section kind-choice">
        <legend>Kind of LOA</legend>
        <div className="kind-options">
          {(['direct', 'reseller', 'blanket'] as const satisfies readonly LoaFormKind[]).map((k) => (
            <label key={k} className={`kind-option${kind === k ? ' is-chosen' : ''}`}>
              <input
                type="radio"
                value={k}
                {...register('kind')}
                disabled={Boolean(editing) && editing?.kind !== k}
              />
              <span className="kind-name">{KIND_LABELS[k]}</span>
              <span className="kind-hint">{KIND_HINTS[k]}</span>
            </label>
          ))}
        </div>
        {editing && (
          <p className="field-hint">The kind of a saved profile cannot change: duplicate it instead.</p>
        )}
      </fieldset>

      {kind === 'blanket' ? (
        <div className="notice notice-info">
          <StatusIcon tone="waiting" />
          <div className="notice-body">
            <p className="notice-title">A blanket LOA needs no profile</p>
            <p>{KIND_HINTS.blanket}</p>
            <div className="notice-actions">
              <button type="button" className="button" onClick={() => onDone()}>
                Back to the list
              </button>
            </div>
          </div>
        </div>
      ) : (
        <>
          <fieldset className="form-section">
            <legend>Profile</legend>
            <div className="form-grid">
              {text('label', { autoFocus: true, hint: 'How you find it later, e.g. the customer’s name.' })}
              {kind === 'reseller' && text('info.businessName', { autoComplete: 'organization' })}
            </div>
          </fieldset>
          <fieldset className="form-section">
            <legend>Signer (receives the LOA to sign)</legend>
            <div className="form-grid">
              {text('info.authorisedPerson.firstName', { autoComplete: 'given-name' })}
              {text('info.authorisedPerson.lastName', { autoComplete: 'family-name' })}
              {text('info.authorisedPerson.email', { autoComplete: 'email' })}
              {text('emailConfirm', {
                autoComplete: 'off',
                hint: 'Type it again: a typo means the LOA is never signed.',
              })}
            </div>
          </fieldset>
          <fieldset className="form-section">
            <legend>Service address (where the lines are)</legend>
            <div className="form-grid form-grid-address">
              {text('info.address.buildingNumber')}
              {text('info.address.street', { autoComplete: 'address-line1' })}
              {text('info.address.city', { autoComplete: 'address-level2' })}
              {text('info.address.state', { autoComplete: 'address-level1', hint: 'Two letters, e.g. NY' })}
              {text('info.address.postalCode', { autoComplete: 'postal-code' })}
              {text('info.address.country', { autoComplete: 'country', hint: 'US or CA' })}
            </div>
          </fieldset>
          <fieldset className="form-section">
            <legend>Numbers today</legend>
            <div className="form-grid">
              <Controller
                control={control}
                name="info.currentVoiceCarrier"
                render={({ field }) => (
                  <SuggestField
                    label={LOA_FIELD_LABELS['info.currentVoiceCarrier']}
                    suggestions={CARRIER_SUGGESTIONS}
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    name={field.name}
                    hint="Pick one or type the name on the customer’s phone bill."
                    error={err('info.currentVoiceCarrier')?.message}
                  />
                )}
              />
            </div>
          </fieldset>

          <section className="loa-check" aria-labelledby="loa-check-title" aria-live="polite">
            <h2 id="loa-check-title" className="section-title">
              Before you save
            </h2>
            {warnings.length === 0 ? (
              <p className="detail-muted">No common rejection causes found.</p>
            ) : (
              <ul className="warning-list">
                {warnings.map((w) => (
                  <li key={`${w.field}:${w.message}`}>
                    <StatusIcon tone="action" />
                    <span>{w.message}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <FormErrors messages={unplaced} />
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={saving}
              aria-keyshortcuts="Control+Enter"
            >
              {saving ? 'Saving…' : editing ? 'Save changes' : 'Save profile'}
            </button>
            <button type="button" className="button" onClick={() => onDone()}>
              Cancel
            </button>
            <span className="detail-muted">Ctrl+Enter saves, Escape cancels.</span>
          </div>
        </>
      )}
    </form>
  );
}
