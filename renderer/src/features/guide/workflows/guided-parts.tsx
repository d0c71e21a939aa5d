import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import type { FieldError, FieldValues, Path, Resolver, UseFormRegister } from 'react-hook-form';
import { DeskError, deskQueryOptions, isDeskError, useDesk, useDeskMutation } from '../../../lib/query';
import { useSyncState, useSyncToggle } from '../../../lib/app-state';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { formatTime } from '../../../ui/time';
import { syncView } from '../../../ui/sync-view';
import { Field } from '../../../ui/Field';
import { StatusBadge, type Tone } from '../../../ui/StatusBadge';
import { useGuide } from '../useGuide';
import { callWords, createGuidedDraft, type GuidedDraft } from './typed-numbers';
import './wizards.css';

/**
 * The pieces the guided workflows A, B, C, E and F share on screen: the plan of a wizard's draft with
 * its Queue button (the same `plan.preview` / `plan.commit` the Plan screen uses), the "sending is
 * paused" notice with Start, a list of follow lines in the status vocabulary, and the service plan
 * and campaign fields of the forms that choose them (A, B and F's relink).
 */

/** A react-hook-form resolver over a wizard's pure check (the check names each field and the fix). */
export function checkResolver<F extends FieldValues>(
  check: (values: F) => { ok: true } | { ok: false; errors: Partial<Record<keyof F, string>> },
): Resolver<F> {
  return async (values) => {
    const result = check(values);
    if (result.ok) return { values, errors: {} };
    const errors = Object.fromEntries(
      Object.entries(result.errors)
        .filter(([, message]) => message)
        .map(([field, message]) => [field, { type: 'check', message }]),
    );
    return { values: {}, errors } as never;
  };
}

/** The plan of a wizard's draft, and Queue. Nothing is sent before the user confirms. */
export function PlanStep({
  draftId,
  note,
  onQueued,
}: {
  draftId: string;
  note?: ReactNode;
  onQueued: (batchId: string) => void;
}) {
  const desk = useDesk();
  const preview = useQuery(
    deskQueryOptions(desk, 'plan.preview', { draftId, callsLimit: 50, excludedLimit: 50 }),
  );
  const commit = useDeskMutation('plan.commit', { onSuccess: (r) => onQueued(r.batchId) });
  if (preview.error)
    return (
      <ErrorNotice
        title="Could not work out the plan"
        error={preview.error}
        action={
          <button type="button" className="button" onClick={() => void preview.refetch()}>
            Try again
          </button>
        }
      />
    );
  const p = preview.data;
  if (!p || !('draftId' in p))
    return (
      <p className="loading" aria-live="polite">
        Working out the plan…
      </p>
    );
  return (
    <section aria-labelledby="guided-plan-title" className="guided-plan">
      <h3 id="guided-plan-title">What will be sent</h3>
      {note}
      <ul className="guided-calls" aria-label="Calls to Sinch">
        {p.calls.items.map((c) => (
          <li key={c.key}>
            <strong>{callWords(c.operation, c.numberCount)}</strong>{' '}
            <span className="mono">{c.numbers.join(', ')}</span>
          </li>
        ))}
      </ul>
      {p.warnings.map((w) => (
        <p key={w} className="detail-line">
          <StatusBadge tone="action">Note</StatusBadge> {w}
        </p>
      ))}
      {p.excluded.items.length > 0 && (
        <div className="guided-excluded">
          <p className="detail-strong">Left out:</p>
          <ul>
            {p.excluded.items.map((x) => (
              <li key={x.row}>
                <span className="mono">{x.original}</span>: {x.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {commit.error && <ErrorNotice title="Nothing was queued" error={commit.error} />}
      <div className="guided-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={commit.isPending || p.totalCalls === 0}
          onClick={() => commit.mutate({ draftId, revision: p.revision })}
        >
          {commit.isPending ? 'Queueing…' : 'Queue it'}
        </button>
        <a className="button button-quiet" href={`#/plan/${encodeURIComponent(draftId)}`}>
          Open the full plan
        </a>
      </div>
    </section>
  );
}

/**
 * Queued work waits while sending is off: say why in the sync pill's words (a Live workspace not
 * started yet, or paused by the user) and offer to start. One notice for every guided workflow.
 */
export function SendingNotice() {
  const sync = useSyncState();
  const toggle = useSyncToggle(false);
  if (!sync.data || sync.data.running) return null;
  const view = syncView(sync.data, formatTime);
  return (
    <div className="notice" role="status">
      <div className="notice-body">
        <p className="notice-title">
          <StatusBadge tone={view.tone}>
            {view.label === 'Not started' ? 'Sending not started' : 'Sending is paused'}
          </StatusBadge>
        </p>
        <p>
          {view.fix ?? 'What you queued waits here until sending starts. It stays on until you pause it.'}
        </p>
        <div className="notice-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={toggle.isPending}
            onClick={() => toggle.mutate({})}
          >
            Start sending
          </button>
        </div>
        {toggle.error && <ErrorNotice title="Sending could not start" error={toggle.error} />}
      </div>
    </div>
  );
}

export type Line = { label: string; tone: Tone; words: string };

/** Follow lines: what, its state in the status vocabulary, in words. */
export function FollowLines({ title, lines }: { title: string; lines: readonly Line[] }) {
  return (
    <dl className="fact-list guided-follow" aria-label={title}>
      {lines.map((l) => (
        <div key={l.label} className="guided-follow-line">
          <dt>{l.label}</dt>
          <dd>
            <StatusBadge tone={l.tone}>{l.words}</StatusBadge>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A thrown value as the ErrorNotice shows it (anything not from the engine is a bug of ours). */
export const asDeskError = (error: unknown): DeskError =>
  isDeskError(error) ? error : new DeskError({ code: 'INTERNAL', message: String(error) });

/**
 * A wizard's first step sent: the values checked again (the resolver showed their errors), the draft
 * made from the request, and its id handed on; a failure is kept for the step to show.
 */
export function useDraftSubmit<Values, Request extends { draft: GuidedDraft }>(
  check: (values: Values) => { ok: true; request: Request } | { ok: false },
  onDraft: (request: Request, draftId: string) => void,
): { submit: (values: Values) => Promise<void>; failure: DeskError | null } {
  const desk = useDesk();
  const [failure, setFailure] = useState<DeskError | null>(null);
  const submit = async (values: Values) => {
    const checked = check(values);
    if (!checked.ok) return;
    setFailure(null);
    try {
      const draft = await createGuidedDraft(desk, checked.request.draft);
      onDraft(checked.request, draft.id);
    } catch (error) {
      setFailure(asDeskError(error));
    }
  };
  return { submit, failure };
}

/** The active workspace's defaults (service plan, campaign) and import limit; undefined while loading. */
export function useWorkspaceDefaults() {
  const desk = useDesk();
  const list = useQuery(deskQueryOptions(desk, 'workspaces.list', {}));
  const active = list.data?.items.find((w) => w.active);
  if (list.isError) return { importOrderLimit: 5 };
  return active ? { ...active.defaults, importOrderLimit: active.importOrderLimit } : undefined;
}

/** A later step opened without what the earlier ones chose (an old link, a reload of a cut URL). */
export function StartAgain() {
  const { go } = useGuide();
  return (
    <p className="detail-line">
      This step needs what the first step prepares.{' '}
      <button type="button" className="link-button" onClick={() => go(1)}>
        Start from step 1
      </button>
    </p>
  );
}

type PlanFieldValues = { servicePlanId: string; campaignId: string };

/**
 * The service plan and campaign fields of a wizard's form (`servicePlanId`, `campaignId`). The words
 * around them differ by what the form does: A and B choose them for an import (`hint` says what the
 * plan is for), F's relink replaces them (`change`: "New …", and an empty campaign means none).
 */
export function PlanFields<F extends PlanFieldValues>({
  register,
  errors,
  planHint,
  change = false,
}: {
  register: UseFormRegister<F>;
  errors: { servicePlanId?: FieldError | undefined; campaignId?: FieldError | undefined };
  planHint?: string;
  change?: boolean;
}) {
  // F has both fields (the bound above); react-hook-form's Path<F> cannot see that for a generic F
  const field = (name: keyof PlanFieldValues) => register(name as Path<F>);
  return (
    <>
      <Field
        label={change ? 'New service plan ID' : 'Service plan ID'}
        {...(planHint ? { hint: planHint } : {})}
        error={errors.servicePlanId}
      >
        {(p) => <input {...field('servicePlanId')} {...p} autoComplete="off" />}
      </Field>
      <Field
        label={change ? 'New campaign ID (optional)' : 'Campaign ID (optional)'}
        hint={change ? 'Leave empty for no campaign.' : 'The 10DLC campaign for US messaging.'}
        error={errors.campaignId}
      >
        {(p) => <input {...field('campaignId')} {...p} autoComplete="off" />}
      </Field>
    </>
  );
}
