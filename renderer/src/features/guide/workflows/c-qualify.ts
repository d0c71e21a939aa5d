import type { NumberSummary, QualificationState } from '../../../../../shared/contract';
import { QUALIFY_LIMIT } from '../../../../../shared/domain/limits';
import type { Tone } from '../../../ui/StatusBadge';
import type { FormErrors } from './a-import-one';
import { splitTyped, typedRows } from './typed-numbers';

/**
 * Workflow C (Sinch's guide): qualify numbers. The wizard sends them for qualification
 * (`qualification.qualify`: addNumbers, then it follows each until Sinch decides), reminds the user
 * to e-mail the invoices to orders@sinch.com (and records when they did: the invoice route), and
 * shows each number's result with its next step — the voice challenge or the invoice route on the
 * Verification screen for numbers that must prove ownership.
 */

export const SINCH_ORDERS_EMAIL = 'orders@sinch.com';

export type QualifyForm = { numbers: string };

export function checkQualify(
  form: QualifyForm,
): { ok: true; numbers: string[]; problems: string[] } | { ok: false; errors: FormErrors<QualifyForm> } {
  const cells = splitTyped(form.numbers);
  if (cells.length === 0)
    return { ok: false, errors: { numbers: 'Numbers: type or paste the numbers, one a line.' } };
  if (cells.length > QUALIFY_LIMIT)
    return {
      ok: false,
      errors: { numbers: `Numbers: at most ${QUALIFY_LIMIT} at a time. Split the list.` },
    };
  const typed = typedRows(cells, 'qualify');
  if (typed.numbers.length === 0)
    return {
      ok: false,
      errors: { numbers: `Numbers: none of these can be qualified. ${typed.problems.slice(0, 2).join(' ')}` },
    };
  return { ok: true, numbers: typed.numbers, problems: typed.problems };
}

/** What the user does for a number in this qualification state. */
export type QualifyNext = 'wait' | 'invoice' | 'voice' | 'none' | 'contact';

export type QualifyLine = {
  phone: string;
  tone: Tone;
  words: string;
  next: QualifyNext;
  nextWords: string | null;
};

const LINES: Record<QualificationState, Omit<QualifyLine, 'phone'>> = {
  'eligible-check-pending': {
    tone: 'action',
    words: 'Waiting for Sinch’s review',
    next: 'invoice',
    nextWords: `E-mail the invoices for this number to ${SINCH_ORDERS_EMAIL}; Sinch reviews in 1–3 business days.`,
  },
  eligible: { tone: 'done', words: 'Eligible', next: 'none', nextWords: null },
  'not-eligible': {
    tone: 'failed',
    words: 'Not eligible',
    next: 'contact',
    nextWords: `Sinch cannot host it as it is. Ask ${SINCH_ORDERS_EMAIL} what evidence they need.`,
  },
  'verification-pending': {
    tone: 'action',
    words: 'Ownership to prove',
    next: 'voice',
    nextWords: 'Prove you own it: a voice call with a code, or the invoices by e-mail.',
  },
  'verification-failed': {
    tone: 'failed',
    words: 'Ownership not proven',
    next: 'voice',
    nextWords: 'Try the voice call again, or e-mail the invoices.',
  },
  'verification-blocked': {
    tone: 'failed',
    words: 'Voice check blocked',
    next: 'contact',
    nextWords: `Too many wrong codes. Write to ${SINCH_ORDERS_EMAIL} with the invoices.`,
  },
  verified: { tone: 'done', words: 'Ownership verified', next: 'none', nextWords: null },
  'hosting-in-progress': { tone: 'progress', words: 'Being text-enabled', next: 'none', nextWords: null },
  'hosting-done': { tone: 'done', words: 'Text-enabled', next: 'none', nextWords: null },
  'hosting-failed': {
    tone: 'failed',
    words: 'Text-enable failed',
    next: 'none',
    nextWords: 'Open the number to see why.',
  },
  unknown: { tone: 'waiting', words: 'Not known yet', next: 'wait', nextWords: null },
};

/**
 * One number's result. (Sinch's ELIGIBLE does not say whether it will also want ownership proven —
 * the ownership step stays WAITING on every number until a challenge starts — so an eligible number
 * is done here; the wizard links the voice challenge for anyone Sinch asks.)
 */
export function qualifyLine(
  phone: string,
  number: Pick<NumberSummary, 'qualificationState' | 'failure'> | undefined,
): QualifyLine {
  const state = number?.qualificationState ?? null;
  if (state === null)
    return { phone, tone: 'waiting', words: 'Sending for qualification', next: 'wait', nextWords: null };
  const line = { phone, ...LINES[state] };
  if (state === 'not-eligible' && number?.failure?.remoteMessage)
    return { ...line, words: `Not eligible: Sinch says “${number.failure.remoteMessage}”` };
  return line;
}

/** Links to the Verification screen (built by the verify screen; linked, not imported). */
export const voiceHref = (numbers: readonly string[]) =>
  `#/verify?numbers=${encodeURIComponent(numbers.join(','))}`;
export const invoiceHref = (numbers: readonly string[]) =>
  `#/verify?invoice=${encodeURIComponent(numbers.join(','))}`;

/** The day's date as the invoice route records it (YYYY-MM-DD, the user's local day). */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A summary of the results: "2 eligible, 1 waiting for Sinch's review". Finished when none waits on Sinch. */
export function qualifySummary(lines: readonly QualifyLine[]): { words: string; finished: boolean } {
  const groups = new Map<string, number>();
  for (const l of lines) groups.set(l.words, (groups.get(l.words) ?? 0) + 1);
  const words = [...groups].map(([w, n]) => `${n} ${w.charAt(0).toLowerCase()}${w.slice(1)}`).join(', ');
  return { words, finished: lines.every((l) => l.next !== 'wait' && l.next !== 'invoice') };
}
