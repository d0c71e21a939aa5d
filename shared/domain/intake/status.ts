import type { IntakeAction } from './fields';
import type { PhoneReading } from './phone-cell';

/**
 * The status of one row, decided in one place (issue 8 §1): `error` > `duplicate` > `fixed` > `valid`.
 * The pipeline calls it per row, the engine calls it again when a row is edited or when chunks are
 * checked against the workspace, so both always agree.
 */
export const ROW_STATUSES = ['valid', 'fixed', 'error', 'duplicate'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

/** What the workspace already holds for one number (the engine's lookup answers this). */
export type KnownNumber = {
  imported: boolean;
  /** a qualified number at Sinch (ELIGIBLE or later) */
  qualified: boolean;
  /** text-enabled, or a text-enable order in progress */
  hosting: boolean;
  /** actions with a job for this number that has not finished yet */
  queued: readonly IntakeAction[];
};
export type WorkspaceLookup = (e164: string) => KnownNumber | undefined;

export type StatusInput = {
  /** the phone cell as read (area code joined), untrimmed */
  cell: string;
  reading: PhoneReading;
  action: IntakeAction;
  /** problems with the row's other fields, each naming its field */
  fieldProblems?: readonly string[] | undefined;
  /** the row number where this number first appeared in the file, when this row is a later one */
  firstRow?: number | undefined;
  lookup?: WorkspaceLookup | undefined;
};

export type RowDecision = {
  status: RowStatus;
  /** plain words for operations staff; null for a plain valid row */
  reason: string | null;
  /** text-enable of a number the workspace has already qualified: the plan leaves qualification out */
  skipsQualification: boolean;
};

const ALREADY: Record<IntakeAction, { done: string; queued: string }> = {
  import: {
    done: 'Already imported in this workspace.',
    queued: 'Already queued for import in this workspace.',
  },
  qualify: {
    done: 'Already qualified in this workspace.',
    queued: 'Already queued for qualification in this workspace.',
  },
  'text-enable': {
    done: 'Already text-enabled (or being text-enabled) in this workspace.',
    queued: 'Already queued for text-enabling in this workspace.',
  },
};

// The common outcomes are shared, frozen objects: no allocation per row.
const VALID: RowDecision = Object.freeze({ status: 'valid', reason: null, skipsQualification: false });
const FIXED: RowDecision = Object.freeze({ status: 'fixed', reason: null, skipsQualification: false });

export function decideRowStatus(input: StatusInput): RowDecision {
  const { reading } = input;
  if (!reading.ok) return { status: 'error', reason: reading.reason, skipsQualification: false };
  if (input.fieldProblems && input.fieldProblems.length > 0)
    return { status: 'error', reason: input.fieldProblems.join(' '), skipsQualification: false };
  if (input.firstRow !== undefined)
    return {
      status: 'duplicate',
      reason: `The same number as row ${input.firstRow}; only the first is kept.`,
      skipsQualification: false,
    };
  const known = input.lookup?.(reading.e164);
  if (known) {
    const done =
      input.action === 'import'
        ? known.imported
        : input.action === 'qualify'
          ? known.qualified
          : known.hosting;
    if (done) return { status: 'duplicate', reason: ALREADY[input.action].done, skipsQualification: false };
    if (known.queued.includes(input.action))
      return { status: 'duplicate', reason: ALREADY[input.action].queued, skipsQualification: false };
  }
  const skipsQualification = input.action === 'text-enable' && known?.qualified === true;
  if (reading.extension === null && isE164Cell(input.cell, reading.e164))
    return skipsQualification ? { ...VALID, skipsQualification } : VALID;
  if (reading.extension === null) return skipsQualification ? { ...FIXED, skipsQualification } : FIXED;
  return {
    status: 'fixed',
    reason: `Extension ${reading.extension} removed: the API takes the number without it.`,
    skipsQualification,
  };
}

/** `cell.trim() === e164`, without allocating the trimmed copy. */
function isE164Cell(cell: string, e164: string): boolean {
  if (cell.length === e164.length) return cell === e164;
  const start = cell.indexOf('+');
  return start >= 0 && cell.startsWith(e164, start) && cell.trim() === e164;
}
