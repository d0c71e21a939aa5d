import type { IntakeRowItem } from '../../../shared/contract';
import {
  createPhoneCellReader,
  decideRowStatus,
  type IntakeAction,
  type PhoneReading,
  type WorkspaceLookup,
} from '../../../shared/domain/intake';

/**
 * One row decided again after a fix or a bulk action, with the same status function the pipeline
 * used (shared/domain/intake/status.ts): its number re-read from `original`, the remaining field
 * problems, the first earlier row with the same number, and what the workspace holds.
 */
const read = createPhoneCellReader();

export function revalidateRow(
  row: IntakeRowItem,
  action: IntakeAction,
  context: { earlierRow: (e164: string) => number | undefined; lookup: WorkspaceLookup },
): IntakeRowItem {
  const reading = read(row.original, row.fields.regionCode);
  const problems = Object.values(row.problems ?? {});
  const firstRow = reading.ok ? context.earlierRow(reading.e164) : undefined;
  const decision = decideRowStatus({
    cell: row.original,
    reading,
    action,
    fieldProblems: problems,
    firstRow,
    lookup: context.lookup,
  });
  return {
    ...row,
    ...fromReading(reading),
    status: decision.status,
    reason: decision.reason,
    skipsQualification: decision.skipsQualification,
  };
}

const fromReading = (r: PhoneReading) =>
  r.ok
    ? { e164: r.e164, region: r.region, tollFree: r.tollFree, extension: r.extension }
    : { e164: null, region: null, tollFree: false, extension: r.extension };

/** A chunk's valid or fixed row, decided again against the workspace (what the engine adds on append). */
export function checkAgainstWorkspace(
  row: IntakeRowItem,
  action: IntakeAction,
  lookup: WorkspaceLookup,
): IntakeRowItem {
  if ((row.status !== 'valid' && row.status !== 'fixed') || row.e164 === null || row.region === null)
    return row;
  const decision = decideRowStatus({
    cell: row.original,
    reading: {
      ok: true,
      e164: row.e164,
      national: Number(row.e164.slice(2)),
      region: row.region,
      tollFree: row.tollFree,
      extension: row.extension,
    },
    action,
    lookup,
  });
  if (decision.status === row.status && decision.skipsQualification === row.skipsQualification) return row;
  return {
    ...row,
    status: decision.status,
    reason: decision.reason ?? row.reason,
    skipsQualification: decision.skipsQualification,
  };
}
