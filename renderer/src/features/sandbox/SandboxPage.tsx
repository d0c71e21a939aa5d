import { useQuery } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import {
  SANDBOX_FAILURE_STEPS,
  SANDBOX_FAULT_PRESETS,
  type SandboxFaultPreset,
} from '../../../../shared/contract';
import { CALLBACK_FAILURE_CODES } from '../../../../shared/sinch/enums';
import { useAppStatus } from '../../lib/app-state';
import { deskQueryOptions, useDesk, useDeskMutation, useQueryClient } from '../../lib/query';
import { Dialog } from '../../ui/aria';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { StatusBadge } from '../../ui/StatusBadge';
import { formatDate, formatTime } from '../../ui/time';
import {
  budgetPerSecond,
  CLOCK_JUMPS,
  FAULT_WORDS,
  failureCodeWords,
  reviewDays,
  STEP_WORDS,
} from './sandbox-view';
import './sandbox.css';

/**
 * `/sandbox`: play Sinch's and the customer's part in a rehearsal — sign or refuse an LOA, decide a
 * qualification, read a voice code, move the simulated clock, make Sinch misbehave, reset. Every
 * button is one `sandbox.*` call; what the simulator did comes back as one sentence.
 */
export function SandboxPage() {
  const status = useAppStatus();
  const kind = status.data?.workspace.kind;
  return (
    <section className="page" aria-labelledby="sandbox-title">
      <div className="page-head">
        <h1 id="sandbox-title">Sandbox</h1>
        <p className="page-lede">
          Play Sinch’s and your customer’s part while you rehearse. Nothing here reaches the real Sinch.
        </p>
      </div>
      {kind === 'live' ? (
        <div className="notice" role="status">
          <StatusBadge tone="waiting">Not available</StatusBadge>
          <div className="notice-body">
            <p>
              A Live workspace is open: these controls work only in the Sandbox. Open the Sandbox under
              Settings → Workspaces.
            </p>
          </div>
        </div>
      ) : (
        <Controls />
      )}
    </section>
  );
}

/** The last thing the simulator said, shared by every control (one live region, not many). */
type Said = { text: string; tone: 'done' | 'failed'; simulatedNow?: string };

function Controls() {
  const search = useSearch({ from: '/sandbox' });
  const [said, setSaid] = useState<Said | null>(null);
  const report = {
    ok: (text: string, simulatedNow?: string) =>
      setSaid({ text, tone: 'done', ...(simulatedNow ? { simulatedNow } : {}) }),
    fail: (error: { message: string }) => setSaid({ text: error.message, tone: 'failed' }),
  };
  return (
    <>
      <div className="sandbox-said" aria-live="polite" data-testid="sandbox-said">
        {said && (
          <p className={`sandbox-said-line sandbox-said-${said.tone}`}>
            <StatusBadge tone={said.tone}>{said.tone === 'done' ? 'Done' : 'Refused'}</StatusBadge>{' '}
            {said.text}
            {said.simulatedNow && (
              <span className="detail-muted">
                {' '}
                Simulated time: {formatDate(said.simulatedNow)} {formatTime(said.simulatedNow)}.
              </span>
            )}
          </p>
        )}
      </div>
      <div className="sandbox-grid">
        <LoaCard report={report} initialOrder={search.order ?? ''} />
        <QualificationCard report={report} initialNumber={search.number ?? ''} />
        <ClockCard report={report} />
        <BehaviourCard report={report} />
        <FailureCard report={report} initialNumber={search.number ?? ''} />
        <ResetCard report={report} />
      </div>
    </>
  );
}

type Report = {
  ok: (text: string, simulatedNow?: string) => void;
  fail: (error: { message: string }) => void;
};

function Card({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <section className="sandbox-card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function TextField({
  label,
  value,
  onChange,
  hint,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: string;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input mono"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        {...(hint ? { 'aria-describedby': `${id}-hint` } : {})}
      />
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

function LoaCard({ report, initialOrder }: { report: Report; initialOrder: string }) {
  const [order, setOrder] = useState(initialOrder);
  const [reason, setReason] = useState('');
  const sign = useDeskMutation('sandbox.signLoa', {
    onSuccess: (r) => report.ok(r.detail, r.simulatedNow),
    onError: report.fail,
  });
  const refuse = useDeskMutation('sandbox.refuseLoa', {
    onSuccess: (r) => report.ok(r.detail, r.simulatedNow),
    onError: report.fail,
  });
  const id = order.trim();
  return (
    <Card title="Letter of authorization" id="card-loa">
      <p className="sandbox-hint">The customer signs or refuses the LOA of an order that waits for it.</p>
      <TextField
        label="Hosting order ID"
        value={order}
        onChange={setOrder}
        hint="Shown on the order under Orders."
      />
      <TextField label="Reason for refusing (optional)" value={reason} onChange={setReason} />
      <div className="sandbox-buttons">
        <button
          type="button"
          className="button button-primary"
          disabled={!id || sign.isPending}
          onClick={() => sign.mutate({ hostingOrderId: id })}
        >
          Sign LOA
        </button>
        <button
          type="button"
          className="button"
          disabled={!id || refuse.isPending}
          onClick={() =>
            refuse.mutate({ hostingOrderId: id, ...(reason.trim() ? { reason: reason.trim() } : {}) })
          }
        >
          Refuse LOA
        </button>
      </div>
    </Card>
  );
}

function QualificationCard({ report, initialNumber }: { report: Report; initialNumber: string }) {
  const [number, setNumber] = useState(initialNumber);
  const [verify, setVerify] = useState(false);
  const [reason, setReason] = useState('');
  const approve = useDeskMutation('sandbox.approveQualification', {
    onSuccess: (r) => report.ok(r.detail, r.simulatedNow),
    onError: report.fail,
  });
  const reject = useDeskMutation('sandbox.rejectQualification', {
    onSuccess: (r) => report.ok(r.detail, r.simulatedNow),
    onError: report.fail,
  });
  const voice = useDeskMutation('sandbox.voiceCode', {
    onSuccess: (r) =>
      report.ok(r.code ? `The voice call to ${r.phoneNumber} reads out the code ${r.code}.` : r.detail),
    onError: report.fail,
  });
  const phoneNumber = number.trim();
  return (
    <Card title="Qualification and voice call" id="card-qualification">
      <p className="sandbox-hint">
        Sinch’s review of a number you asked to qualify, and the code its voice call says.
      </p>
      <TextField label="Phone number" value={number} onChange={setNumber} placeholder="+12025550134" />
      <label className="sandbox-check">
        <input type="checkbox" checked={verify} onChange={(e) => setVerify(e.target.checked)} /> Approve only
        after a voice verification
      </label>
      <TextField label="Reason for rejecting (optional)" value={reason} onChange={setReason} />
      <div className="sandbox-buttons">
        <button
          type="button"
          className="button button-primary"
          disabled={!phoneNumber || approve.isPending}
          onClick={() => approve.mutate({ phoneNumber, requireVerification: verify })}
        >
          Approve
        </button>
        <button
          type="button"
          className="button"
          disabled={!phoneNumber || reject.isPending}
          onClick={() => reject.mutate({ phoneNumber, ...(reason.trim() ? { reason: reason.trim() } : {}) })}
        >
          Reject
        </button>
        <button
          type="button"
          className="button"
          disabled={!phoneNumber || voice.isPending}
          onClick={() => voice.mutate({ phoneNumber })}
        >
          Show voice code
        </button>
      </div>
    </Card>
  );
}

function ClockCard({ report }: { report: Report }) {
  const [minutes, setMinutes] = useState('');
  const advance = useDeskMutation('sandbox.advanceClock', {
    onSuccess: (r) => report.ok(r.detail, r.simulatedNow),
    onError: report.fail,
  });
  const custom = Number(minutes);
  const customOk = /^\d+$/.test(minutes.trim()) && custom >= 1 && custom <= 7 * 24 * 60;
  return (
    <Card title="Simulated clock" id="card-clock">
      <p className="sandbox-hint">
        Sinch’s reviews, signatures and provisioning take days; move its clock instead of waiting.
      </p>
      <div className="sandbox-buttons">
        {CLOCK_JUMPS.map((j) => (
          <button
            key={j.minutes}
            type="button"
            className="button"
            disabled={advance.isPending}
            onClick={() => advance.mutate({ minutes: j.minutes })}
            aria-label={`Advance the clock ${j.label}`}
          >
            +{j.label}
          </button>
        ))}
      </div>
      <form
        className="sandbox-inline"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (customOk) advance.mutate({ minutes: custom });
        }}
      >
        <TextField label="Minutes (1 to 10080, a week)" value={minutes} onChange={setMinutes} />
        <button type="submit" className="button" disabled={!customOk || advance.isPending}>
          Advance
        </button>
      </form>
    </Card>
  );
}

/** Auto-sign, review time, request budget and fault preset: how the simulated Sinch behaves. */
function BehaviourCard({ report }: { report: Report }) {
  const desk = useDesk();
  const queryClient = useQueryClient();
  // `sandbox.configure` with no keys changes nothing and answers the current settings: the read.
  const settings = useQuery(deskQueryOptions(desk, 'sandbox.configure', {}));
  const configure = useDeskMutation('sandbox.configure', {
    onSuccess: (s) => {
      queryClient.setQueryData(['sandbox.configure', {}], s);
      report.ok(s.detail);
    },
    onError: report.fail,
  });
  const [preset, setPreset] = useState<SandboxFaultPreset>('none');
  const faults = useDeskMutation('sandbox.setFaults', {
    onSuccess: (r) => report.ok(r.detail),
    onError: report.fail,
  });
  const [review, setReview] = useState<string | null>(null);
  const [budget, setBudget] = useState<string | null>(null);
  const reviewId = useId();
  const budgetId = useId();
  if (settings.error)
    return (
      <Card title="How Sinch behaves" id="card-behaviour">
        <ErrorNotice
          title="Could not read the simulator’s settings"
          error={settings.error}
          action={
            <button type="button" className="button" onClick={() => void settings.refetch()}>
              Try again
            </button>
          }
        />
      </Card>
    );
  const s = settings.data;
  const reviewText = review ?? s?.qualificationReviewBusinessDays?.toString() ?? '';
  const budgetText = budget ?? s?.requestBudgetPerSecond?.toString() ?? '';
  const reviewValue = reviewDays(reviewText);
  const budgetValue = budgetPerSecond(budgetText);
  return (
    <Card title="How Sinch behaves" id="card-behaviour">
      {s ? <p className="sandbox-hint">{s.detail}</p> : <p className="loading">Asking the simulator…</p>}
      {s && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (reviewValue === 'invalid' || budgetValue === 'invalid') return;
            configure.mutate({
              qualificationReviewBusinessDays: reviewValue,
              requestBudgetPerSecond: budgetValue,
            });
          }}
        >
          <label className="sandbox-check">
            <input
              type="checkbox"
              checked={s.autoSignLoa}
              disabled={configure.isPending}
              onChange={(e) => configure.mutate({ autoSignLoa: e.target.checked })}
            />{' '}
            The customer signs LOAs by himself
          </label>
          <div className="sandbox-pair">
            <div className={`field${reviewValue === 'invalid' ? ' field-invalid' : ''}`}>
              <label className="field-label" htmlFor={reviewId}>
                Qualification review (business days)
              </label>
              <input
                id={reviewId}
                className="input"
                inputMode="numeric"
                value={reviewText}
                onChange={(e) => setReview(e.target.value)}
                aria-invalid={reviewValue === 'invalid'}
                aria-describedby={`${reviewId}-hint`}
              />
              <p className="field-hint" id={`${reviewId}-hint`}>
                {reviewValue === 'invalid'
                  ? 'A whole number from 0 to 30, or empty.'
                  : 'Empty: only when you decide.'}
              </p>
            </div>
            <div className={`field${budgetValue === 'invalid' ? ' field-invalid' : ''}`}>
              <label className="field-label" htmlFor={budgetId}>
                Request budget (per second)
              </label>
              <input
                id={budgetId}
                className="input"
                inputMode="decimal"
                value={budgetText}
                onChange={(e) => setBudget(e.target.value)}
                aria-invalid={budgetValue === 'invalid'}
                aria-describedby={`${budgetId}-hint`}
              />
              <p className="field-hint" id={`${budgetId}-hint`}>
                {budgetValue === 'invalid'
                  ? 'A number from 0.1 to 10000, or empty.'
                  : 'Over it Sinch answers “too many requests”. Empty: no limit.'}
              </p>
            </div>
          </div>
          <button type="submit" className="button" disabled={configure.isPending}>
            Save review time and budget
          </button>
        </form>
      )}
      <fieldset className="sandbox-faults">
        <legend>Faults</legend>
        {SANDBOX_FAULT_PRESETS.map((p) => (
          <label key={p} className="sandbox-radio">
            <input type="radio" name="fault" value={p} checked={preset === p} onChange={() => setPreset(p)} />
            <span>
              <strong>{FAULT_WORDS[p].label}</strong> — {FAULT_WORDS[p].what}
            </span>
          </label>
        ))}
        <button
          type="button"
          className="button"
          disabled={faults.isPending}
          onClick={() => faults.mutate({ preset })}
        >
          Apply
        </button>
      </fieldset>
    </Card>
  );
}

function FailureCard({ report, initialNumber }: { report: Report; initialNumber: string }) {
  const [number, setNumber] = useState(initialNumber);
  const [step, setStep] = useState<(typeof SANDBOX_FAILURE_STEPS)[number]>('campaign');
  const [code, setCode] = useState('');
  const inject = useDeskMutation('sandbox.injectFailure', {
    onSuccess: (r) => report.ok(r.detail),
    onError: report.fail,
  });
  const stepId = useId();
  const codeId = useId();
  const phoneNumber = number.trim();
  return (
    <Card title="Make one step fail" id="card-failure">
      <p className="sandbox-hint">The next order that carries this number fails at the chosen step, once.</p>
      <TextField label="Phone number" value={number} onChange={setNumber} placeholder="+12025550134" />
      <div className="sandbox-pair">
        <div className="field">
          <label className="field-label" htmlFor={stepId}>
            Step
          </label>
          <select
            id={stepId}
            className="input"
            value={step}
            onChange={(e) => setStep(e.target.value as typeof step)}
          >
            {SANDBOX_FAILURE_STEPS.map((s) => (
              <option key={s} value={s}>
                {STEP_WORDS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={codeId}>
            Sinch’s reason
          </label>
          <select id={codeId} className="input" value={code} onChange={(e) => setCode(e.target.value)}>
            <option value="">The step’s usual one</option>
            {CALLBACK_FAILURE_CODES.map((c) => (
              <option key={c} value={c}>
                {failureCodeWords(c)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button
        type="button"
        className="button"
        disabled={!phoneNumber || inject.isPending}
        onClick={() =>
          inject.mutate({
            phoneNumber,
            step,
            ...(code ? { failureCode: code as (typeof CALLBACK_FAILURE_CODES)[number] } : {}),
          })
        }
      >
        Make it fail
      </button>
    </Card>
  );
}

function ResetCard({ report }: { report: Report }) {
  const [confirm, setConfirm] = useState(false);
  const queryClient = useQueryClient();
  const reset = useDeskMutation('sandbox.reset', {
    onSuccess: (r) => {
      setConfirm(false);
      void queryClient.invalidateQueries();
      report.ok(r.detail, r.simulatedNow);
    },
    onError: (e) => {
      setConfirm(false);
      report.fail(e);
    },
  });
  return (
    <Card title="Start over" id="card-reset">
      <p className="sandbox-hint">
        The simulated Sinch and this workspace forget every number, order and job.
      </p>
      <button type="button" className="button button-danger" onClick={() => setConfirm(true)}>
        Reset the Sandbox…
      </button>
      <Dialog
        title="Reset the Sandbox?"
        role="alertdialog"
        isOpen={confirm}
        onOpenChange={setConfirm}
        footer={
          <>
            <button type="button" className="button" onClick={() => setConfirm(false)}>
              Keep it
            </button>
            <button
              type="button"
              className="button button-danger"
              disabled={reset.isPending}
              onClick={() => reset.mutate({})}
            >
              Reset
            </button>
          </>
        }
      >
        <p>
          The simulated Sinch forgets every number, order and qualification and stops any fault; auto-sign,
          review time and budget stay as set. This workspace forgets its jobs, drafts and orders too; LOA
          profiles and settings stay. Live workspaces are not touched.
        </p>
      </Dialog>
    </Card>
  );
}
