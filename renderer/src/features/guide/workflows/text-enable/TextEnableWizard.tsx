import { useMutation, useQuery } from '@tanstack/react-query';
import { orderStateStep } from '../../../../../../shared/domain/next-steps';
import { Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import type { PlanLoaType } from '../../../../../../shared/domain/tasks';
import { useAppStatus } from '../../../../lib/app-state';
import { IntakeReader } from '../../../../lib/intake-reader';
import { readIntoDraft } from '../../../../lib/intake-to-draft';
import { callDesk, type DeskError, deskQueryOptions, useDesk, useDeskMutation } from '../../../../lib/query';
import type { Draft, Input } from '../../../../../../shared/contract';
import {
  SAMPLE_NUMBERS,
  SAMPLE_PROFILE,
  SAMPLE_PROFILE_LABEL,
  SAMPLE_SERVICE_PLAN,
} from '../../../../lib/rehearsal-sample';
import { ErrorNotice } from '../../../../ui/ErrorNotice';
import { StatusBadge } from '../../../../ui/StatusBadge';
import { type GuideStep, GuideSteps } from '../../GuideSteps';
import { useGuide } from '../../useGuide';
import { SendingNotice } from '../guided-parts';
import {
  followHeadline,
  isLoaType,
  LOA_CHOICES,
  numberKind,
  planLines,
  WAITING_FOR_QUALIFICATION,
} from './text-enable-view';

/** The steps' numbers, for the steps that move on by themselves. */
const STEP = { servicePlan: 2, loaType: 3, profile: 4, kind: 5, plan: 6, follow: 7 } as const;

/**
 * Workflow D: numbers → who signs the LOA → the LOA profile → standard or toll-free → the plan →
 * follow the order. Every step works on one intake draft (`?draft=`), through the same channels as
 * Bring numbers and the plan screen; the choices live in the URL (`loa`, `profile`, `batch`), and
 * `?sample=1` (the Sandbox rehearsal) prefills the sample numbers and the sample reseller profile.
 */
export function TextEnableWizard() {
  const { search, text } = useGuide();
  const sample = search.sample === 1 || search.sample === true || search.sample === '1';
  const loa = isLoaType(search.loa) ? search.loa : null;
  const sandbox = useAppStatus().data?.workspace.kind !== 'live';
  const draftId = text('draft');
  const steps: GuideStep[] = [
    numbersStep(sample, draftId),
    servicePlanStep(draftId, sample),
    loaTypeStep(draftId, loa ?? (sample ? 'reseller' : null)),
    profileStep(draftId, loa, sample),
    kindStep(draftId),
    planStep(draftId),
    followStep(text('batch'), sandbox),
  ];
  return (
    <>
      {sandbox && (
        <p className="guide-sandbox-line">
          You are in the Sandbox: nothing leaves this computer.{' '}
          <Link to="/sandbox" className="link">
            Sandbox controls
          </Link>{' '}
          play Sinch and the customer.
        </p>
      )}
      <GuideSteps label="Text-enable numbers" steps={steps} />
    </>
  );
}

type DraftValues = Input<'intake.update'>['values'] & object;

/**
 * Changes some of the draft's batch values. `intake.update` replaces them all, so the current ones
 * are read first and merged (a key set to undefined is removed: a blanket LOA has no profile).
 */
function useSaveValues(draftId: string, onSaved: () => void) {
  const desk = useDesk();
  return useMutation<Draft, DeskError, { [K in keyof DraftValues]?: DraftValues[K] | undefined }>({
    mutationFn: async (patch) => {
      const draft = await callDesk(desk, 'intake.get', { draftId });
      const values: Record<string, unknown> = { ...draft.values, ...patch };
      for (const key of Object.keys(values)) if (values[key] === undefined) delete values[key];
      return callDesk(desk, 'intake.update', { draftId, values: values as DraftValues });
    },
    onSuccess: onSaved,
  });
}

// ── 1. numbers ────────────────────────────────────────────────────────────────────────────────────
function numbersStep(sample: boolean, draftId: string | undefined): GuideStep {
  return draftId
    ? { title: 'Your numbers', content: <DraftNumbers draftId={draftId} /> }
    : { title: 'Your numbers', content: <TypeNumbers sample={sample} />, next: false };
}

function TypeNumbers({ sample }: { sample: boolean }) {
  const desk = useDesk();
  const { go } = useGuide();
  const id = useId();
  const [numbers, setNumbers] = useState(sample ? SAMPLE_NUMBERS.join('\n') : '');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const read = async () => {
    setBusy(true);
    setFailure(null);
    const reader = new IntakeReader();
    try {
      const inspected = await reader.open({ text: numbers, name: 'Typed numbers' });
      const draft = await readIntoDraft(desk, reader, {
        name: sample ? 'Rehearsal: text-enable' : 'Text-enable (guided)',
        action: 'text-enable',
        inspected,
      });
      go(STEP.servicePlan, { draft: draft.id });
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      reader.dispose();
      setBusy(false);
    }
  };
  return (
    <>
      <p>
        Type or paste the numbers to text-enable, one a line, with the country code (+1). They become a draft
        under Bring numbers, checked like any list.
      </p>
      <label htmlFor={id} className="field-label">
        Phone numbers
      </label>
      <textarea
        id={id}
        className="input guide-numbers"
        value={numbers}
        onChange={(e) => setNumbers(e.target.value)}
        placeholder={'+12025550134\n+12025550135'}
      />
      {failure && (
        <p className="notice notice-failed" role="alert">
          The numbers could not be read: {failure} Check the list and try again.
        </p>
      )}
      <div className="guide-step-buttons">
        <button
          type="button"
          className="button button-primary"
          disabled={busy || numbers.trim() === ''}
          onClick={() => void read()}
        >
          {busy ? 'Reading…' : 'Check the numbers'}
        </button>
      </div>
    </>
  );
}

function DraftNumbers({ draftId }: { draftId: string }) {
  const desk = useDesk();
  const draft = useQuery(deskQueryOptions(desk, 'intake.get', { draftId }));
  if (draft.error) return <ErrorNotice title="The numbers’ draft could not be read" error={draft.error} />;
  if (!draft.data) return <p role="status">Reading the draft…</p>;
  const { counts } = draft.data;
  const ready = counts.valid + counts.fixed;
  const attention = counts.error + counts.duplicate;
  return (
    <>
      <p>
        <StatusBadge tone={ready > 0 ? 'done' : 'action'}>
          {ready} number{ready === 1 ? '' : 's'} ready
        </StatusBadge>
        {attention > 0 && (
          <>
            {' '}
            <StatusBadge tone="action">{attention} need attention</StatusBadge>
          </>
        )}
      </p>
      <p>
        They are in the draft “{draft.data.name}”.{' '}
        <Link to="/intake/$draftId" params={{ draftId }} className="link">
          See or fix its rows
        </Link>
        {attention > 0 && ' — rows that need attention are left out of the plan until fixed.'}
      </p>
    </>
  );
}

// ── 2. service plan ───────────────────────────────────────────────────────────────────────────────
function servicePlanStep(draftId: string | undefined, sample: boolean): GuideStep {
  return {
    title: 'Service plan',
    content: draftId ? <ServicePlan draftId={draftId} sample={sample} /> : null,
    next: false,
  };
}

function ServicePlan({ draftId, sample }: { draftId: string; sample: boolean }) {
  const desk = useDesk();
  const { go } = useGuide();
  const workspaceId = useAppStatus().data?.workspace.id;
  const draft = useQuery(deskQueryOptions(desk, 'intake.get', { draftId }));
  const workspace = useQuery({
    ...deskQueryOptions(desk, 'workspaces.get', { id: workspaceId ?? '' }),
    enabled: workspaceId !== undefined,
  });
  if (draft.error) return <ErrorNotice title="The numbers’ draft could not be read" error={draft.error} />;
  if (!draft.data || (workspaceId !== undefined && workspace.isPending))
    return <p role="status">Reading the workspace’s defaults…</p>;
  const defaults = workspace.data?.defaults ?? {};
  return (
    <ServicePlanForm
      key={draftId}
      draftId={draftId}
      initialPlan={
        draft.data.values.servicePlanId ?? defaults.servicePlanId ?? (sample ? SAMPLE_SERVICE_PLAN : '')
      }
      initialCampaign={draft.data.values.campaignId ?? defaults.campaignId ?? ''}
      fromDefaults={draft.data.values.servicePlanId === undefined && defaults.servicePlanId !== undefined}
      onSaved={() => go(STEP.loaType)}
    />
  );
}

function ServicePlanForm(props: {
  draftId: string;
  initialPlan: string;
  initialCampaign: string;
  fromDefaults: boolean;
  onSaved: () => void;
}) {
  const planId = useId();
  const campaignId = useId();
  const [plan, setPlan] = useState(props.initialPlan);
  const [campaign, setCampaign] = useState(props.initialCampaign);
  const update = useSaveValues(props.draftId, props.onSaved);
  return (
    <>
      <p>
        Sinch links every text-enabled number to an SMS service plan of your project, and in the US to a 10DLC
        campaign if you have one. Both IDs are in the Sinch dashboard, under SMS.
      </p>
      <div className="field">
        <label htmlFor={planId} className="field-label">
          Service plan ID
        </label>
        <input id={planId} className="input" value={plan} onChange={(e) => setPlan(e.target.value)} />
        {props.fromDefaults && (
          <p className="field-hint">The workspace’s default; change it for these numbers only.</p>
        )}
      </div>
      <div className="field">
        <label htmlFor={campaignId} className="field-label">
          10DLC campaign ID (optional)
        </label>
        <input
          id={campaignId}
          className="input"
          value={campaign}
          onChange={(e) => setCampaign(e.target.value)}
        />
      </div>
      {update.error && (
        <ErrorNotice
          title="The service plan could not be saved"
          error={update.error}
          fix="Check the service plan and campaign IDs: letters, digits, - and _ only, as the Sinch dashboard shows them."
        />
      )}
      <div className="guide-step-buttons">
        <button
          type="button"
          className="button button-primary"
          disabled={plan.trim() === '' || update.isPending}
          onClick={() =>
            update.mutate({
              servicePlanId: plan.trim(),
              campaignId: campaign.trim() === '' ? undefined : campaign.trim(),
            })
          }
        >
          Next
        </button>
        {plan.trim() === '' && <p className="guide-step-hint">Service plan ID: enter it to go on.</p>}
      </div>
    </>
  );
}

// ── 3. who signs the LOA ──────────────────────────────────────────────────────────────────────────
function loaTypeStep(draftId: string | undefined, preset: PlanLoaType | null): GuideStep {
  return {
    title: 'Who signs the LOA',
    content: <LoaTypeChoice draftId={draftId} preset={preset} />,
    next: false,
  };
}

function LoaTypeChoice({ draftId, preset }: { draftId: string | undefined; preset: PlanLoaType | null }) {
  const { go } = useGuide();
  const [choice, setChoice] = useState<PlanLoaType | null>(preset);
  const update = useSaveValues(draftId ?? '', () => {});
  return (
    <>
      <p>
        Sinch text-enables a number only with a Letter of Authorization (LOA) from its owner, e-mailed for an
        e-signature. Whose numbers are they?
      </p>
      <fieldset className="guide-choices">
        <legend className="visually-hidden">Whose numbers are they?</legend>
        {LOA_CHOICES.map((c) => (
          <label key={c.type} className="guide-choice">
            <input
              type="radio"
              name="loa-type"
              value={c.type}
              checked={choice === c.type}
              onChange={() => setChoice(c.type)}
            />
            <span>
              {c.answer}
              <small>{c.detail}</small>
            </span>
          </label>
        ))}
      </fieldset>
      {update.error && <ErrorNotice title="The LOA choice could not be saved" error={update.error} />}
      <div className="guide-step-buttons">
        <button
          type="button"
          className="button button-primary"
          disabled={!draftId || choice === null || update.isPending}
          onClick={() => {
            if (!draftId || !choice) return;
            update.mutate(
              // a blanket LOA signs for itself: no profile goes with it
              { loaType: choice, ...(choice === 'blanket' ? { loaProfileId: undefined } : {}) },
              { onSuccess: () => go(STEP.profile, { loa: choice, profile: undefined }) },
            );
          }}
        >
          Next
        </button>
      </div>
    </>
  );
}

// ── 4. the LOA profile ────────────────────────────────────────────────────────────────────────────
function profileStep(draftId: string | undefined, loa: PlanLoaType | null, sample: boolean): GuideStep {
  if (loa === 'blanket')
    return {
      title: 'LOA profile',
      content: (
        <p>
          A blanket LOA needs no profile: Sinch has it on file, and nobody is asked to sign for these numbers.
        </p>
      ),
    };
  return {
    title: 'LOA profile',
    content: (
      <ProfileChoice draftId={draftId} kind={loa === 'direct' ? 'direct' : 'reseller'} sample={sample} />
    ),
    next: false,
  };
}

function ProfileChoice({
  draftId,
  kind,
  sample,
}: {
  draftId: string | undefined;
  kind: 'direct' | 'reseller';
  sample: boolean;
}) {
  const desk = useDesk();
  const { go, text } = useGuide();
  const profiles = useQuery(deskQueryOptions(desk, 'loaProfiles.list', { kind, limit: 100 }));
  const [picked, setPicked] = useState<string | undefined>(text('profile'));
  const update = useSaveValues(draftId ?? '', () => {});
  const addSample = useDeskMutation('loaProfiles.create', { onSuccess: (p) => setPicked(p.id) });
  const items = profiles.data?.items ?? [];
  const sampleProfile = items.find((p) => p.label === SAMPLE_PROFILE_LABEL);
  // the one to preselect: the URL's, else the sample in a rehearsal, else the only one there is
  const chosen =
    picked ?? (sample ? sampleProfile?.id : undefined) ?? (items.length === 1 ? items[0]?.id : undefined);
  const profile = items.find((p) => p.id === chosen);
  return (
    <>
      <p>
        {kind === 'direct'
          ? 'Your business as it signs the LOA: its authorised person, address and current voice carrier.'
          : 'Your customer’s business as it signs the LOA: its name, authorised person, address and current voice carrier.'}
      </p>
      {profiles.error && <ErrorNotice title="The LOA profiles could not be read" error={profiles.error} />}
      {profiles.data && items.length === 0 && (
        <p>No {kind === 'direct' ? 'direct' : 'reseller'} LOA profile yet.</p>
      )}
      {items.length > 0 && (
        <fieldset className="guide-choices">
          <legend className="visually-hidden">LOA profile</legend>
          {items.map((p) => (
            <label key={p.id} className="guide-choice">
              <input
                type="radio"
                name="loa-profile"
                value={p.id}
                checked={chosen === p.id}
                onChange={() => setPicked(p.id)}
              />
              <span>
                {p.label}
                <small>
                  {'businessName' in p.info ? `${p.info.businessName} · ` : ''}
                  {p.info.authorisedPerson.firstName} {p.info.authorisedPerson.lastName}
                </small>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <p>
        {sample && kind === 'reseller' && !sampleProfile && (
          <>
            <button
              type="button"
              className="button"
              disabled={addSample.isPending}
              onClick={() => addSample.mutate(SAMPLE_PROFILE)}
            >
              Add the sample profile
            </button>{' '}
          </>
        )}
        <Link to="/loa" search={{ open: 'new' }} className="link">
          Create a profile under LOA profiles
        </Link>{' '}
        — then come back here with the browser’s Back.
      </p>
      {addSample.error && (
        <ErrorNotice title="The sample profile could not be added" error={addSample.error} />
      )}
      {profile && (
        <p className="guide-note" role="status">
          The LOA goes to <strong>{profile.info.authorisedPerson.email}</strong> for the e-signature. Check
          that this address is right: the order waits until it is signed.
        </p>
      )}
      {update.error && <ErrorNotice title="The profile choice could not be saved" error={update.error} />}
      <div className="guide-step-buttons">
        <button
          type="button"
          className="button button-primary"
          disabled={!draftId || !chosen || update.isPending}
          onClick={() => {
            if (!draftId || !chosen) return;
            update.mutate({ loaProfileId: chosen }, { onSuccess: () => go(STEP.kind, { profile: chosen }) });
          }}
        >
          Next
        </button>
      </div>
    </>
  );
}

// ── 5. standard or toll-free ──────────────────────────────────────────────────────────────────────
function kindStep(draftId: string | undefined): GuideStep {
  return { title: 'Standard or toll-free', content: draftId ? <NumberKind draftId={draftId} /> : null };
}

function usePreview(draftId: string) {
  const desk = useDesk();
  return useQuery(deskQueryOptions(desk, 'plan.preview', { draftId, callsLimit: 20, excludedLimit: 20 }));
}

function NumberKind({ draftId }: { draftId: string }) {
  const preview = usePreview(draftId);
  if (preview.error) return <ErrorNotice title="The numbers could not be sorted" error={preview.error} />;
  if (!preview.data || !('draftId' in preview.data)) return <p role="status">Sorting the numbers…</p>;
  const kind = numberKind(preview.data.numbersByOperation);
  return (
    <>
      <p>
        <strong>{kind.title}.</strong> {kind.why}
      </p>
      {kind.kind === 'none' && preview.data.excluded.items[0] && (
        <p className="guide-note" role="status">
          For example {preview.data.excluded.items[0].original}: {preview.data.excluded.items[0].reason}
        </p>
      )}
      <p className="guide-step-hint">
        You do not choose this: Sinch takes standard and toll-free numbers through different requests, and the
        desk picks the right one for each number.
      </p>
    </>
  );
}

// ── 6. the plan ───────────────────────────────────────────────────────────────────────────────────
function planStep(draftId: string | undefined): GuideStep {
  return {
    title: 'Review and confirm',
    content: draftId ? <PlanSummary draftId={draftId} /> : null,
    next: false,
  };
}

function PlanSummary({ draftId }: { draftId: string }) {
  const desk = useDesk();
  const { go } = useGuide();
  const draft = useQuery(deskQueryOptions(desk, 'intake.get', { draftId }));
  const queued = draft.data?.state === 'queued';
  const preview = useQuery({
    ...deskQueryOptions(desk, 'plan.preview', { draftId, callsLimit: 20, excludedLimit: 20 }),
    enabled: draft.data !== undefined && !queued,
  });
  const commit = useDeskMutation('plan.commit', { onSuccess: (r) => go(STEP.follow, { batch: r.batchId }) });
  if (draft.data?.batchId && queued)
    return (
      <>
        <p>
          <StatusBadge tone="done">Queued</StatusBadge> This plan is in the queue already.
        </p>
        <div className="guide-step-buttons">
          <button
            type="button"
            className="button button-primary"
            onClick={() => go(STEP.follow, { batch: draft.data.batchId ?? undefined })}
          >
            Follow the work
          </button>
        </div>
      </>
    );
  const error = draft.error ?? preview.error;
  if (error) return <ErrorNotice title="The plan could not be made" error={error} />;
  const plan = preview.data && 'draftId' in preview.data ? preview.data : null;
  if (!plan) return <p role="status">Making the plan…</p>;
  return (
    <>
      <p>Nothing has been sent yet. Confirm, and the desk sends these requests at Sinch’s pace:</p>
      <ul>
        {planLines(plan.numbersByOperation).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {plan.warnings.map((w) => (
        <p key={w} className="guide-note">
          {w}
        </p>
      ))}
      {plan.excluded.items.length > 0 && (
        <div>
          <p>
            <StatusBadge tone="action">
              {plan.excluded.total ?? plan.excluded.items.length} left out
            </StatusBadge>{' '}
            These rows are not sent:
          </p>
          <ul>
            {plan.excluded.items.map((x) => (
              <li key={x.row}>
                {x.original}: {x.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p>
        <Link to="/plan/$draftId" params={{ draftId }} className="link">
          See every request as it will be sent
        </Link>
      </p>
      {commit.error && <ErrorNotice title="The plan could not be queued" error={commit.error} />}
      <div className="guide-step-buttons">
        <button
          type="button"
          className="button button-primary"
          disabled={plan.acceptedRows === 0 || commit.isPending}
          onClick={() => commit.mutate({ draftId, revision: plan.revision })}
        >
          Confirm and queue
        </button>
      </div>
    </>
  );
}

// ── 7. follow the work ────────────────────────────────────────────────────────────────────────────
function followStep(batchId: string | undefined, sandbox: boolean): GuideStep {
  return {
    title: 'Follow the work',
    content: batchId ? <Follow batchId={batchId} sandbox={sandbox} /> : null,
  };
}

function Follow({ batchId, sandbox }: { batchId: string; sandbox: boolean }) {
  const desk = useDesk();
  const { text } = useGuide();
  const jobs = useQuery(deskQueryOptions(desk, 'jobs.list', { batchId, limit: 100 }));
  const orders = useQuery(deskQueryOptions(desk, 'orders.list', { batchId, limit: 50 }));
  const draftId = text('draft');
  const rows = useQuery({
    ...deskQueryOptions(desk, 'intake.rows', { draftId: draftId ?? '', limit: 1 }),
    enabled: draftId !== undefined,
  });
  const error = jobs.error ?? orders.error;
  if (error) return <ErrorNotice title="Where the work stands could not be read" error={error} />;
  if (!jobs.data || !orders.data) return <p role="status">Reading the queue…</p>;
  const head = followHeadline(jobs.data.items, orders.data.items);
  const firstNumber = rows.data?.items[0]?.e164 ?? undefined;
  return (
    <>
      <SendingNotice />
      <p aria-live="polite">
        <StatusBadge tone={head.tone}>{head.words}</StatusBadge> {head.next}
      </p>
      {sandbox && head.words === WAITING_FOR_QUALIFICATION && (
        <p>
          In the Sandbox you play Sinch:{' '}
          <Link to="/sandbox" search={firstNumber ? { number: firstNumber } : {}} className="link">
            approve the numbers in the Sandbox controls
          </Link>
          , then come back here.
        </p>
      )}
      {orders.data.items.length > 0 && (
        <ul className="guide-orders">
          {orders.data.items.map((o) => {
            const step = orderStateStep(o.state);
            return (
              <li key={o.id}>
                <Link to="/orders/$id" params={{ id: o.id }} className="link">
                  Order {o.id}
                </Link>{' '}
                ({o.numberCount} number{o.numberCount === 1 ? '' : 's'}
                {o.tollFree ? ', toll-free' : ''}){' '}
                <StatusBadge
                  tone={
                    step.tone === 'in-progress'
                      ? 'progress'
                      : step.tone === 'needs-action'
                        ? 'action'
                        : step.tone
                  }
                >
                  {step.words}
                </StatusBadge>
                {sandbox && o.state === 'waiting-loa' && (
                  <>
                    {' '}
                    <Link to="/sandbox" search={{ order: o.id }} className="link">
                      Sign it as the customer in the Sandbox controls
                    </Link>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <Link to="/queue" className="link">
          See the requests in the Queue
        </Link>
      </p>
    </>
  );
}
