import type { PlanRow } from '../../shared/domain/planner';

/**
 * The harnesses' workload: N distinct, valid US numbers, half to import (workflow A/B) and half
 * already qualified at Sinch to text-enable with a blanket LOA (workflow D, no signature step), so
 * every number can reach a final state on the simulator without a human in the loop.
 */

/** mulberry32: the harness's own seeded PRNG (kill moments, workloads), independent of the simulator's. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ordinary geographic US area codes (none toll-free); exchanges 201–999 skip N11 and 555. */
const AREA_CODES = ['202', '212', '312', '415', '617', '713', '303', '404', '206', '305'];

/**
 * `count` distinct E.164 numbers, deterministic per `offset` (different harnesses in one run use
 * different offsets so their numbers never collide).
 */
export function phoneNumbers(count: number, offset = 0): string[] {
  const out: string[] = [];
  let i = offset;
  while (out.length < count) {
    const line = i % 10_000;
    const block = Math.floor(i / 10_000);
    const nxx = 201 + (block % 700);
    const npa = AREA_CODES[Math.floor(block / 700) % AREA_CODES.length] as string;
    i++;
    if (nxx % 100 === 11 || nxx === 555) continue;
    out.push(`+1${npa}${nxx}${String(line).padStart(4, '0')}`);
  }
  return out;
}

export const SERVICE_PLAN = 'hd-harness-plan-0001';
export const CAMPAIGN = 'CHARNESS';

export type Workload = {
  /** numbers to import (no LOA) */
  toImport: string[];
  /** numbers already qualified at Sinch, to text-enable with a blanket LOA */
  toTextEnable: string[];
  rows: PlanRow[];
};

/** `total` numbers: the first half imported, the second half text-enabled (already qualified). */
export function workload(total: number, offset = 0): Workload {
  const numbers = phoneNumbers(total, offset);
  const half = Math.floor(total / 2);
  const toImport = numbers.slice(0, half);
  const toTextEnable = numbers.slice(half);
  const rows: PlanRow[] = [
    ...toImport.map((phoneNumber) => ({
      phoneNumber,
      action: 'import' as const,
      servicePlanId: SERVICE_PLAN,
      campaignId: CAMPAIGN,
    })),
    ...toTextEnable.map((phoneNumber) => ({
      phoneNumber,
      action: 'text-enable' as const,
      servicePlanId: SERVICE_PLAN,
      campaignId: CAMPAIGN,
      loaType: 'blanket' as const,
      qualified: true,
    })),
  ];
  return { toImport, toTextEnable, rows };
}

/**
 * The least number of mutating calls the workload needs, computed here from the workload's own
 * groups (Σ ⌈group ÷ limit⌉), never from the planner: one import group and one text-enable group.
 */
export function minimumCalls(w: Workload, limits: { importOrder: number; textEnable: number }): number {
  const importCalls = w.toImport.length === 0 ? 0 : Math.ceil(w.toImport.length / limits.importOrder);
  const textEnableCalls =
    w.toTextEnable.length === 0 ? 0 : Math.ceil(w.toTextEnable.length / limits.textEnable);
  return importCalls + textEnableCalls;
}
