import type { RowStatus } from '../../../../shared/domain/intake';
import { STATUS_WORDS } from './intake-flow';

/**
 * The draft review's view-model (pure): the status filter as the URL carries it, the words per
 * row, the draft's counts line, and the CSV of the rows that need a fix (what operations staff send
 * back to whoever made the spreadsheet).
 */

/** The filters the review offers, in the order of the buttons. */
export const FILTERS = [
  { id: 'all', label: 'All rows', statuses: undefined },
  { id: 'problems', label: 'Only problems', statuses: ['error', 'duplicate'] },
  { id: 'errors', label: 'Only errors', statuses: ['error'] },
  { id: 'duplicates', label: 'Only duplicates', statuses: ['duplicate'] },
  { id: 'ready', label: 'Only ready', statuses: ['valid', 'fixed'] },
] as const satisfies readonly { id: string; label: string; statuses: readonly RowStatus[] | undefined }[];
export type FilterId = (typeof FILTERS)[number]['id'];

export const filterStatuses = (id: FilterId): RowStatus[] | undefined => {
  const found = FILTERS.find((f) => f.id === id)?.statuses;
  return found ? [...found] : undefined;
};

/** What a row shows: the number as written next to what it becomes. */
export type ReviewRow = {
  row: number;
  original: string;
  e164: string | null;
  status: RowStatus;
  reason: string | null;
  extension: string | null;
};

export function rowWords(row: ReviewRow): { normalised: string; status: string; why: string } {
  const why = row.reason ?? (row.extension ? `Extension ${row.extension} removed.` : '');
  return {
    normalised: row.e164 ?? '—',
    status: STATUS_WORDS[row.status].label,
    why,
  };
}

export type Counts = Record<RowStatus, number>;

/** "4,200 ready · 300 duplicates · 500 need a fix" — the draft list's and the header's line. */
export function countsLine(counts: Counts): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const parts = [`${n(counts.valid + counts.fixed)} ready`];
  if (counts.duplicate) parts.push(`${n(counts.duplicate)} duplicate${counts.duplicate === 1 ? '' : 's'}`);
  if (counts.error) parts.push(`${n(counts.error)} need${counts.error === 1 ? 's' : ''} a fix`);
  return parts.join(' · ');
}

/** The next step the review suggests, with its button's label. */
export function nextStep(counts: Counts): { text: string; action: 'fix' | 'plan' } {
  if (counts.error > 0)
    return {
      action: 'fix',
      text: `Fix or remove the ${counts.error.toLocaleString('en-US')} row${counts.error === 1 ? '' : 's'} that need a fix, or go on without them: they are left out of the plan.`,
    };
  return {
    action: 'plan',
    text: 'Every row reads as a number. Review the plan to see the exact calls and anything left out.',
  };
}

/** RFC 4180 cell: quoted when it holds a separator, a quote or a line break; formulas defused. */
export function csvCell(value: string): string {
  // A leading = + - @ would run as a formula when the file is opened in a spreadsheet; a number
  // spelt with + or - (+1 202 555 0134) is left as written, since that is what the user must see.
  const formula = /^[=@\t\r]/.test(value) || (/^[+-]/.test(value) && !/^[+-][\d\s().x-]*$/i.test(value));
  const safe = formula ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The CSV of rows to send back for fixing: row number, as written, status, why. */
export function problemsCsv(rows: readonly ReviewRow[]): string {
  const lines = [['Row', 'Phone number as written', 'Status', 'What to fix'].join(',')];
  for (const r of rows)
    lines.push(
      [String(r.row), r.original, STATUS_WORDS[r.status].label, rowWords(r).why].map(csvCell).join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}

/** A draft's state in the app's five tones. */
export function draftState(state: 'loading' | 'ready' | 'queued'): {
  label: string;
  tone: 'progress' | 'action' | 'done';
} {
  if (state === 'loading') return { label: 'Loading', tone: 'progress' };
  if (state === 'ready') return { label: 'To review', tone: 'action' };
  return { label: 'Queued', tone: 'done' };
}
