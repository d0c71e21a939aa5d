import { type NumberState, ORDER_NUMBER_STATES } from '../../../../shared/domain/tasks';
import { addBusinessDays } from '../../../../shared/domain/business-days';
import { SINCH_ORDERS_EMAIL } from '../../../../shared/domain/operation-settings';
import type { Tone } from '../../ui/StatusBadge';

/**
 * What the Verification screen shows, as pure functions (unit-tested): a qualified number's state in
 * plain words with who holds the ball, the review deadline of a qualification request, one row of a
 * voice-challenge session, and the invoice e-mail to Sinch's order desk.
 */

export type Holder = 'Sinch' | 'You' | 'Nobody';
export type QualificationView = { tone: Tone; words: string; holder: Holder; next: string | null };

/** Our number states of workflow C, in the words operations staff use. */
export function qualificationView(state: NumberState): QualificationView {
  switch (state) {
    case 'planned':
      return {
        tone: 'waiting',
        words: 'Not sent yet',
        holder: 'You',
        next: 'Start sync to send it to Sinch.',
      };
    case 'qualifying':
      return {
        tone: 'progress',
        words: 'Sinch is reviewing',
        holder: 'Sinch',
        next: 'E-mail the invoices for these numbers to Sinch if you have not yet.',
      };
    case 'eligible':
      return {
        tone: 'action',
        words: 'Eligible — prove ownership',
        holder: 'You',
        next: 'Call the number and type the code, or e-mail the invoices.',
      };
    case 'not-eligible':
      return {
        tone: 'failed',
        words: 'Not eligible',
        holder: 'Nobody',
        next: 'Sinch refused this number; its history shows the reason.',
      };
    case 'verification-pending':
      return { tone: 'action', words: 'Call placed — type the code', holder: 'You', next: null };
    case 'verification-failed':
      return { tone: 'action', words: 'Wrong code — try again', holder: 'You', next: null };
    case 'verification-blocked':
      return {
        tone: 'failed',
        words: 'Blocked after too many wrong codes',
        holder: 'You',
        next: 'E-mail the invoices for this number to Sinch instead.',
      };
    case 'verified':
      return { tone: 'done', words: 'Ownership verified', holder: 'Nobody', next: null };
    case 'failed':
      return {
        tone: 'failed',
        words: 'Review took too long',
        holder: 'You',
        next: `Write to ${SINCH_ORDERS_EMAIL}, then retry the job on the Queue screen.`,
      };
    default:
      return PAST_VERIFICATION.has(state)
        ? { tone: 'done', words: 'Verified, being text-enabled', holder: 'Nobody', next: null }
        : { tone: 'waiting', words: 'Not a number being qualified', holder: 'Nobody', next: null };
  }
}

/** A text-enable order carries it: ownership was settled (verified, or not required). */
const PAST_VERIFICATION: ReadonlySet<NumberState> = new Set<NumberState>(ORDER_NUMBER_STATES);

/** The day Sinch's review should be over: the request's day plus the workspace's business days. */
export const reviewDeadline = (createdAt: string, businessDays: number): number =>
  addBusinessDays(Date.parse(createdAt), businessDays);

/** A number may be part of a voice session in these states (the rest show why not). */
export const VOICE_STATES: readonly NumberState[] = [
  'eligible',
  'verification-pending',
  'verification-failed',
  'verification-blocked',
  'verified',
];

export type SessionStatus = 'not-ready' | 'to-call' | 'busy' | 'type-code' | 'retry' | 'verified' | 'blocked';
/** what the session sent for a number and is still running: a call, or a code being checked */
export type Busy = 'calling' | 'checking' | null;
export type SessionRow = {
  status: SessionStatus;
  tone: Tone;
  words: string;
  /** a code can be typed and checked now */
  canVerify: boolean;
  /** a call can be placed now ("Call all" places it for `to-call` rows only) */
  canCall: boolean;
};

/**
 * One number of a voice-challenge session. `attemptsLeft` is the engine's estimate (Sinch does not
 * report it); `busy` says what we sent that is still running. A number with no
 * attempts left is blocked even before Sinch's state says so: a further code would only be refused.
 */
export function sessionRow(state: NumberState, attemptsLeft: number | null, busy: Busy): SessionRow {
  if (state === 'verified' || PAST_VERIFICATION.has(state))
    return { status: 'verified', tone: 'done', words: 'Verified', canVerify: false, canCall: false };
  if (state === 'verification-blocked' || attemptsLeft === 0)
    return {
      status: 'blocked',
      tone: 'failed',
      words: 'Blocked',
      canVerify: false,
      canCall: false,
    };
  if (busy)
    return {
      status: 'busy',
      tone: 'progress',
      words: busy === 'calling' ? 'Calling…' : 'Checking the code…',
      canVerify: false,
      canCall: false,
    };
  if (state === 'eligible')
    return { status: 'to-call', tone: 'waiting', words: 'Not called yet', canVerify: false, canCall: true };
  if (state === 'verification-pending')
    return { status: 'type-code', tone: 'action', words: 'Type the code', canVerify: true, canCall: true };
  if (state === 'verification-failed')
    return {
      status: 'retry',
      tone: 'action',
      words: 'Wrong code — type it again',
      canVerify: true,
      canCall: true,
    };
  return {
    status: 'not-ready',
    tone: 'waiting',
    words: qualificationView(state).words,
    canVerify: false,
    canCall: false,
  };
}

/** `numbers=` / `invoice=`: comma-separated E.164 numbers; anything else is dropped, duplicates once. */
export function parseNumberList(raw: string | undefined): string[] {
  if (!raw) return [];
  const out: string[] = [];
  for (const part of raw.split(',')) {
    // a `+` can arrive decoded as a space (form encoding), which trim() removes: put it back
    const digits = part.trim();
    const n = /^1\d{10}$/.test(digits) ? `+${digits}` : digits;
    if (/^\+1\d{10}$/.test(n) && !out.includes(n)) out.push(n);
  }
  return out;
}

export type InvoiceEmail = { to: string; subject: string; body: string; mailto: string };

/**
 * The e-mail workflow C asks for ("e-mail invoices for these numbers to orders@sinch.com"). A
 * `mailto:` cannot carry attachments, so the body reminds the sender to attach the invoices; only
 * `subject` and `body` go in the query — the allow-list (electron/main/security.ts) refuses any other.
 */
export function invoiceEmail(numbers: readonly string[]): InvoiceEmail {
  const n = numbers.length;
  const subject = `Invoices for number qualification — ${n} ${n === 1 ? 'number' : 'numbers'}`;
  const body = [
    'Hello Sinch orders team,',
    '',
    `Attached are the invoices that show we own the ${n === 1 ? 'number' : 'numbers'} below, which we added for qualification. Please use them to verify ownership.`,
    '',
    ...numbers,
    '',
    'Thank you.',
  ].join('\n');
  const mailto = `mailto:${SINCH_ORDERS_EMAIL}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  return { to: SINCH_ORDERS_EMAIL, subject, body, mailto };
}

/** Today's date where the user is (the e-mail went out on the user's day, not UTC's). */
export function localDate(now: Date): string {
  const p = (v: number) => String(v).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
