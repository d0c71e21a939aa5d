import type { Draft, Input, JobSummary, Result } from '../../../../../shared/contract';
// the light modules only (not the intake index): a wizard's few typed numbers need no file readers
import type { IntakeAction } from '../../../../../shared/domain/intake/fields';
import { createPhoneCellReader } from '../../../../../shared/domain/intake/phone-cell';
import { decideRowStatus } from '../../../../../shared/domain/intake/status';
import type { Desk } from '../../../lib/desk';
import { DeskError } from '../../../lib/query';
import type { Tone } from '../../../ui/StatusBadge';

/**
 * What the guided workflows A, B and C share (pure, except `createGuidedDraft`, which only calls the
 * desk): numbers typed or pasted into a box become intake rows exactly as a one-column list would
 * (the same phone-cell reader and status rule as the intake pipeline), so a wizard's numbers are a
 * draft like any other list — the same planner, queue and screens, never a second code path.
 */

type RowInput = Input<'intake.append'>['rows'][number];

/** The cells of a box: one number a line, or separated by commas or semicolons; blanks dropped. */
export function splitTyped(text: string): string[] {
  return text
    .split(/[\n\r,;]+/)
    .map((cell) => cell.trim())
    .filter((cell) => cell !== '');
}

export type TypedRows = {
  rows: RowInput[];
  /** the E.164 of every row that can go (valid or fixed), in order */
  numbers: string[];
  /** one line per row that cannot go: the number as typed and why */
  problems: string[];
};

/**
 * The rows of typed numbers, as the intake pipeline would read a one-column list: each cell read by
 * the shared phone reader, its status decided by `decideRowStatus` (a repeat is a duplicate of its
 * first line). The engine checks them against the workspace again when they are appended.
 */
export function typedRows(cells: readonly string[], action: IntakeAction): TypedRows {
  const read = createPhoneCellReader();
  const firstLine = new Map<string, number>();
  const rows: RowInput[] = [];
  const numbers: string[] = [];
  const problems: string[] = [];
  cells.forEach((cell, i) => {
    const line = i + 1;
    const reading = read(cell);
    const firstRow = reading.ok ? firstLine.get(reading.e164) : undefined;
    if (reading.ok && firstRow === undefined) firstLine.set(reading.e164, line);
    const decision = decideRowStatus({ cell, reading, action, firstRow });
    rows.push({
      row: line,
      original: cell,
      e164: reading.ok ? reading.e164 : null,
      region: reading.ok ? reading.region : null,
      tollFree: reading.ok ? reading.tollFree : false,
      extension: reading.extension,
      status: decision.status,
      reason: decision.reason,
      fields: {},
    });
    if (reading.ok && (decision.status === 'valid' || decision.status === 'fixed'))
      numbers.push(reading.e164);
    else problems.push(`${cell}: ${decision.reason ?? 'cannot be used.'}`);
  });
  return { rows, numbers, problems };
}

/**
 * A wizard's draft: created and filled in one go (`intake.create`, one `intake.append` with
 * `last: true`), so it is on the Bring numbers screen like a list that was read from a file. A refused
 * append cancels the draft, as the file path does, so nothing half-made stays behind.
 */
/** What a guided workflow's draft is made of: its name, action, list values and typed rows. */
export type GuidedDraft = {
  name: string;
  action: IntakeAction;
  values: Input<'intake.create'>['values'];
  rows: RowInput[];
};

export async function createGuidedDraft(desk: Pick<Desk, 'call'>, draft: GuidedDraft): Promise<Draft> {
  const created = await unwrap(
    desk.call('intake.create', {
      name: draft.name,
      action: draft.action,
      source: { format: 'typed' },
      values: draft.values,
    }),
  );
  try {
    return await unwrap(desk.call('intake.append', { draftId: created.id, rows: draft.rows, last: true }));
  } catch (error) {
    await desk.call('intake.cancel', { draftId: created.id });
    throw error;
  }
}

async function unwrap<T>(result: Promise<Result<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new DeskError(r.error);
  return r.value;
}

/** A fresh id for one user intent (the engine queues the same intent once): `g<wf>-<time>-<random>`. */
export function newIntentId(workflow: string, now = Date.now(), random = Math.random()): string {
  return `g${workflow}-${now.toString(36)}-${Math.floor(random * 36 ** 4).toString(36)}`;
}

export type FollowProgress = { tone: Tone; words: string; settled: boolean };

/**
 * Where a wizard's jobs are, in one line of the status vocabulary: failed first (it needs the user),
 * then anything still moving, then done. `settled` = nothing will change by itself any more.
 */
export function jobsProgress(
  jobs: readonly Pick<JobSummary, 'state' | 'blocked' | 'lastError'>[],
): FollowProgress {
  if (jobs.length === 0) return { tone: 'waiting', words: 'Queued', settled: false };
  const count = (states: readonly JobSummary['state'][]) =>
    jobs.filter((j) => states.includes(j.state)).length;
  const failed = count(['failed', 'dead']);
  const cancelled = count(['cancelled']);
  const done = count(['done']);
  const moving = jobs.length - failed - cancelled - done;
  const of = (n: number) => (jobs.length === 1 ? '' : ` (${n} of ${jobs.length})`);
  if (failed > 0)
    return {
      tone: 'failed',
      words: `Failed${of(failed)}: see why in the Queue`,
      settled: moving === 0,
    };
  if (moving > 0) {
    const retrying = jobs.some((j) => j.state === 'pending' && j.lastError);
    const sent = jobs.some((j) => j.state === 'waiting_remote' || j.state === 'running');
    if (retrying) return { tone: 'action', words: 'Will retry', settled: false };
    return sent
      ? { tone: 'progress', words: `Sent, Sinch working${of(moving)}`, settled: false }
      : { tone: 'waiting', words: `Waiting to send${of(moving)}`, settled: false };
  }
  if (cancelled > 0 && done === 0) return { tone: 'waiting', words: 'Cancelled', settled: true };
  return { tone: 'done', words: 'Done', settled: true };
}

/** "+12025550101, +12025550102 and 3 more" */
export function listNumbers(numbers: readonly string[], shown = 3): string {
  if (numbers.length <= shown) return numbers.join(', ').replace(/, ([^,]*)$/, ' and $1');
  return `${numbers.slice(0, shown).join(', ')} and ${numbers.length - shown} more`;
}

/** The Numbers screen's page of one number (built by the numbers screen; linked, not imported). */
export const numberHref = (e164: string) => `#/numbers/${encodeURIComponent(e164)}`;
export const orderHref = (id: string) => `#/orders/${encodeURIComponent(id)}`;

const CALL_WORDS: Record<string, (n: number) => string> = {
  importNumber: () => 'Import one number',
  importNumbersOrder: (n) => `Import order of ${n} numbers`,
  qualifyNumbers: (n) => `Qualify ${n} number${n === 1 ? '' : 's'}`,
  textEnableNumbers: (n) => `Text-enable order of ${n} number${n === 1 ? '' : 's'}`,
  textEnableTollFreeNumbers: (n) => `Toll-free text-enable order of ${n} number${n === 1 ? '' : 's'}`,
  unlinkNumber: () => 'Unlink from its service plan',
  linkNumber: () => 'Link to the new service plan',
};

/** One planned call in words ("Import order of 3 numbers"); an unknown operation says what it is. */
export const callWords = (operation: string, numbers: number): string =>
  CALL_WORDS[operation]?.(numbers) ?? `${operation} (${numbers})`;
