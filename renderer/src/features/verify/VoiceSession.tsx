import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useRef, useState } from 'react';
import type { NumberSummary } from '../../../../shared/contract';
import { callDesk, deskQueryOptions, isDeskError, useDesk } from '../../lib/query';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { QueryState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { type Busy, qualificationView, type SessionRow, sessionRow } from './verify-view';

const FINAL_JOB_STATES = new Set(['done', 'failed', 'dead', 'cancelled']);
const newIntent = () => crypto.randomUUID();

/** A number of the session with what the engine says about it (null while it loads). */
type SessionNumber = { phone: string; row: SessionRow | null; attemptsLeft: number | null };

/**
 * The voice-challenge session: a view over the chosen numbers' verification states (numbers.get and
 * voice.attempts, kept current by numbers.changed), not a store of its own. "Call all" places a call
 * to every number not called yet; each row takes the code the call read out (Enter checks it and
 * moves to the next row). What we sent and is still running is remembered only for this page, by
 * job id, so the row can say "Checking the code…" until the job ends.
 */
export function VoiceSession({
  phones,
  after,
}: {
  phones: readonly string[];
  /** what follows the grid, given the blocked numbers (the invoice route offers them) */
  after: (blocked: string[]) => ReactNode;
}) {
  const desk = useDesk();
  const [busy, setBusy] = useState<Record<string, { jobId: number; kind: Exclude<Busy, null> }>>({});
  const [codes, setCodes] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const inputs = useRef(new Map<string, HTMLInputElement>());

  const numbers = useQueries({
    queries: phones.map((phone) => deskQueryOptions(desk, 'numbers.get', { phone })),
  });
  const attempts = useQueries({
    queries: phones.map((phoneNumber) => deskQueryOptions(desk, 'voice.attempts', { phoneNumber })),
  });
  const jobs = useQueries({
    queries: Object.entries(busy).map(([, b]) => deskQueryOptions(desk, 'jobs.get', { id: b.jobId })),
  });
  const running = new Map<number, boolean>();
  for (const job of jobs) if (job.data) running.set(job.data.id, !FINAL_JOB_STATES.has(job.data.state));
  const busyOf = (phone: string): Busy => {
    const b = busy[phone];
    return b && running.get(b.jobId) !== false ? b.kind : null;
  };

  const rows: SessionNumber[] = phones.map((phone, i) => {
    const n = numbers[i]?.data;
    const left = attempts[i]?.data?.attemptsLeftEstimate ?? null;
    return { phone, row: n ? sessionRow(n.state, left, busyOf(phone)) : null, attemptsLeft: left };
  });
  const loadError = numbers.find((q) => q.error)?.error ?? attempts.find((q) => q.error)?.error ?? null;

  const fail = (phone: string, e: unknown) =>
    setErrors((all) => ({ ...all, [phone]: isDeskError(e) ? e.message : String(e) }));
  const call = async (phone: string) => {
    setErrors(({ [phone]: _, ...rest }) => rest);
    try {
      const r = await callDesk(desk, 'voice.send', { intentId: newIntent(), phoneNumber: phone });
      const job = r.jobs.at(-1);
      if (job) setBusy((all) => ({ ...all, [phone]: { jobId: job.id, kind: 'calling' } }));
    } catch (e) {
      fail(phone, e);
    }
  };
  const verify = async (phone: string) => {
    const code = (codes[phone] ?? '').trim();
    if (!/^\d{4,10}$/.test(code)) {
      setErrors((all) => ({ ...all, [phone]: 'Type the 4 to 10 digits the call read out.' }));
      return false;
    }
    setErrors(({ [phone]: _, ...rest }) => rest);
    setCodes((all) => ({ ...all, [phone]: '' }));
    try {
      const r = await callDesk(desk, 'voice.verify', { intentId: newIntent(), phoneNumber: phone, code });
      const job = r.jobs.at(-1);
      if (job) setBusy((all) => ({ ...all, [phone]: { jobId: job.id, kind: 'checking' } }));
    } catch (e) {
      fail(phone, e);
    }
    return true;
  };
  /** Enter: check this row's code and go on to the next row that takes a code. */
  const onEnter = (index: number) => {
    const phone = phones[index];
    if (!phone) return;
    void verify(phone);
    for (let j = index + 1; j < phones.length; j++) {
      const next = inputs.current.get(phones[j] ?? '');
      if (next && !next.disabled) return next.focus();
    }
  };
  const toCall = rows.filter((r) => r.row?.status === 'to-call');
  const verified = rows.filter((r) => r.row?.status === 'verified').length;
  const blockedPhones = rows.filter((r) => r.row?.status === 'blocked').map((r) => r.phone);
  const blocked = blockedPhones.length;

  return (
    <>
      <section className="verify-section" aria-labelledby="session-title">
        <div className="verify-section-head">
          <h2 id="session-title">Voice check</h2>
          <p className="verify-counts" aria-live="polite">
            {verified} of {phones.length} verified{blocked > 0 ? ` · ${blocked} blocked` : ''}
          </p>
          <button
            type="button"
            className="button button-primary"
            disabled={toCall.length === 0}
            onClick={() => {
              for (const r of toCall) void call(r.phone);
            }}
          >
            Call all{toCall.length > 0 ? ` (${toCall.length})` : ''}
          </button>
          <Link to="/verify" search={{}} className="button button-quiet">
            Choose other numbers
          </Link>
        </div>
        <p className="verify-lede">
          Sinch calls each number and reads out a code. Type the code in its row and press Enter to check it
          and move to the next row. After {attempts[0]?.data?.allowed ?? 3} wrong codes Sinch blocks the
          number; send its invoices instead.
        </p>
        {loadError && <ErrorNotice title="Could not load these numbers" error={loadError} />}
        <div className="table-scroll">
          <table className="verify-grid" aria-label="Numbers in this voice check">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">State</th>
                <th scope="col">Attempts left</th>
                <th scope="col">Code from the call</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ phone, row, attemptsLeft }, index) => (
                <tr key={phone} data-status={row?.status}>
                  <th scope="row" className="mono">
                    {phone}
                  </th>
                  <td>
                    {row ? <StatusBadge tone={row.tone}>{row.words}</StatusBadge> : 'Loading…'}
                    {errors[phone] && (
                      <p className="field-error" id={`err-${phone}`}>
                        {errors[phone]}
                      </p>
                    )}
                  </td>
                  <td>{attemptsLeft === null ? '—' : `${attemptsLeft} (estimate)`}</td>
                  <td>
                    {row?.status === 'verified' || row?.status === 'blocked' ? (
                      '—'
                    ) : (
                      <input
                        ref={(el) => {
                          if (el) inputs.current.set(phone, el);
                          else inputs.current.delete(phone);
                        }}
                        className="input verify-code"
                        inputMode="numeric"
                        autoComplete="one-time-code"
                        aria-label={`Code for ${phone}`}
                        aria-invalid={errors[phone] ? true : undefined}
                        aria-describedby={errors[phone] ? `err-${phone}` : undefined}
                        disabled={!row?.canVerify}
                        value={codes[phone] ?? ''}
                        onChange={(e) => setCodes((all) => ({ ...all, [phone]: e.target.value }))}
                        onKeyDown={(e) => {
                          if (e.key !== 'Enter') return;
                          e.preventDefault();
                          onEnter(index);
                        }}
                      />
                    )}
                  </td>
                  <td>
                    {row?.status === 'verified' ? null : row?.status === 'blocked' ? (
                      <button
                        type="button"
                        className="button button-quiet"
                        // not an #anchor: the hash is the router's
                        onClick={() =>
                          document.getElementById('invoice-title')?.scrollIntoView({ block: 'start' })
                        }
                      >
                        Send invoices
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="button button-quiet"
                        disabled={!row?.canCall}
                        aria-label={`${row?.status === 'to-call' ? 'Call' : 'Call again'} ${phone}`}
                        onClick={() => void call(phone)}
                      >
                        {row?.status === 'to-call' ? 'Call' : 'Call again'}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {after(blockedPhones)}
    </>
  );
}

/** No numbers chosen: the ones that can be voice-checked now, to pick from. */
export function SessionPicker({ onStart }: { onStart: (phones: string[]) => void }) {
  const desk = useDesk();
  const candidates = useQuery(
    deskQueryOptions(desk, 'numbers.list', {
      states: ['eligible', 'verification-pending', 'verification-failed'],
      offset: 0,
      limit: 200,
    }),
  );
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const items: NumberSummary[] = candidates.data?.items ?? [];
  return (
    <section className="verify-section" aria-labelledby="session-title">
      <div className="verify-section-head">
        <h2 id="session-title">Voice check</h2>
      </div>
      <QueryState
        query={candidates}
        errorTitle="Could not load the numbers to verify"
        loading="Loading numbers…"
      />
      {candidates.data && items.length === 0 && (
        <EmptyState
          title="No number waits for a voice check"
          action={
            <Link to="/intake" className="button">
              Bring numbers
            </Link>
          }
        >
          Numbers appear here once Sinch finds them eligible and asks for proof of ownership. Qualify numbers
          from “Bring numbers”; their review shows under “Qualification requests” below.
        </EmptyState>
      )}
      {items.length > 0 && (
        <>
          <p className="verify-lede">
            These numbers wait for proof of ownership. Pick the ones you can answer the phone for, then start.
          </p>
          <fieldset className="verify-pick">
            <legend className="visually-hidden">Numbers to check by voice call</legend>
            <label className="verify-pick-all">
              <input
                type="checkbox"
                checked={picked.size === items.length}
                onChange={(e) => setPicked(new Set(e.target.checked ? items.map((n) => n.phone) : []))}
              />
              All {items.length}
            </label>
            {items.map((n) => (
              <label key={n.phone} className="verify-pick-item">
                <input
                  type="checkbox"
                  checked={picked.has(n.phone)}
                  onChange={(e) => {
                    const next = new Set(picked);
                    if (e.target.checked) next.add(n.phone);
                    else next.delete(n.phone);
                    setPicked(next);
                  }}
                />
                <span className="mono">{n.phone}</span>
                <span className="verify-pick-state">{qualificationView(n.state).words}</span>
              </label>
            ))}
          </fieldset>
          <button
            type="button"
            className="button button-primary"
            disabled={picked.size === 0}
            onClick={() => onStart(items.map((n) => n.phone).filter((p) => picked.has(p)))}
          >
            Start voice check{picked.size > 0 ? ` for ${picked.size}` : ''}
          </button>
        </>
      )}
    </section>
  );
}
