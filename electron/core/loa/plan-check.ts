import type { LoaProfileKind } from '../../../shared/contract';
import {
  type Plan,
  type PlanOptions,
  type PlanRow,
  planBatch,
  type RejectedRow,
} from '../../../shared/domain/planner';

/**
 * The planner is pure and cannot read the database, so rows naming an LOA profile are checked here
 * first: a text-enable row whose direct/reseller profile is missing or of the other kind is rejected
 * (with its index in the caller's rows) and the rest is planned as usual. Blanket rows need no profile.
 * `kindOf` is null when no workspace database is open: then nothing is checked (the preview still works).
 */
export function planWithLoaProfiles(
  rows: readonly PlanRow[],
  options: PlanOptions,
  kindOf: ((profileId: string) => LoaProfileKind | null) | null,
): Plan {
  if (!kindOf) return planBatch(rows, options);
  const known = new Map<string, LoaProfileKind | null>();
  const lookup = (id: string) => {
    if (!known.has(id)) known.set(id, kindOf(id));
    return known.get(id) ?? null;
  };
  const refused: RejectedRow[] = [];
  /** index in `kept` → index in `rows` */
  const original: number[] = [];
  const kept: PlanRow[] = [];
  rows.forEach((row, index) => {
    const reason = profileProblem(row, lookup);
    if (reason) refused.push({ index, input: row.phoneNumber, reason });
    else {
      original.push(index);
      kept.push(row);
    }
  });
  if (refused.length === 0) return planBatch(rows, options);
  const plan = planBatch(kept, options);
  const rejected = [
    ...refused,
    ...plan.rejected.map((r) => ({ ...r, index: original[r.index] ?? r.index })),
  ].sort((a, b) => a.index - b.index);
  return { ...plan, rejected };
}

function profileProblem(row: PlanRow, kindOf: (id: string) => LoaProfileKind | null): string | null {
  if (row.action !== 'text-enable' || !row.loaProfileId) return null;
  if (row.loaType !== 'direct' && row.loaType !== 'reseller') return null;
  const kind = kindOf(row.loaProfileId);
  if (kind === null) return `LOA profile ${row.loaProfileId} not found in this workspace.`;
  if (kind !== row.loaType)
    return `LOA profile ${row.loaProfileId} is a ${kind} profile, but the row asks for a ${row.loaType} LOA.`;
  return null;
}
