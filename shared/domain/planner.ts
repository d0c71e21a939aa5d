import { z } from 'zod';
import {
  DEFAULT_IMPORT_ORDER_LIMIT,
  MAX_IMPORT_ORDER_LIMIT,
  QUALIFY_LIMIT,
  TEXT_ENABLE_LIMIT,
} from './limits';
import { createPhoneClassifier, REGION_CODES, type RegionCode } from './phone';
import { CALL_OPERATIONS, type CallOperation, LOA_TYPES, type PlanLoaType, type PlannedCall } from './tasks';

/**
 * Batch planning (DESIGN.md "Batch planning"): validated rows in, the minimal ordered set of API
 * calls out. Pure and O(n): one pass to validate and group (Map keyed by the group's identity), one
 * pass to chunk. The renderer calls it for the preview; the engine commits exactly its output.
 */

/**
 * What the user wants for one number:
 * - `import`: host for SMS with Sinch as DCA, no LOA (guide workflows A/B);
 * - `text-enable`: hosting order with an LOA (workflow D), after qualification (workflow C) if needed;
 * - `relink`: move an imported number to another service plan / campaign (PATCH, "unlink before relink");
 * - `qualify`: only ask Sinch whether the number can be hosted (workflow C): the body is the numbers alone,
 *   so service plan, campaign and LOA are ignored.
 */
export const PLAN_ACTIONS = ['import', 'text-enable', 'relink', 'qualify'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export const planRowSchema = z.object({
  /** as typed by the user; normalised to E.164 here */
  phoneNumber: z.string().max(64),
  action: z.enum(PLAN_ACTIONS),
  regionCode: z.enum(REGION_CODES).optional(),
  /** every action but `qualify` needs one; a row without it is refused with the reason */
  servicePlanId: z.string().min(1).max(64).optional(),
  campaignId: z.string().max(64).optional(),
  /** text-enable only: which saved LOA profile signs for this number, and the LOA kind */
  loaProfileId: z.string().max(64).optional(),
  loaType: z.enum(LOA_TYPES).optional(),
  /** text-enable only: the number is already a qualified number at Sinch (ELIGIBLE or later) */
  qualified: z.boolean().optional(),
  /**
   * import only: the number's name at Sinch. Only the single import sends one (REFERENCE.md (2)); an
   * order's displayName carries its job key, so a named number is imported on its own.
   */
  displayName: z.string().max(200).optional(),
});
export type PlanRow = z.infer<typeof planRowSchema>;

export const planOptionsSchema = z.object({
  /** Identifies the user intent; every job key of the plan derives from it (DESIGN.md "Store and queue"). */
  intentId: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/),
  importOrderLimit: z.number().int().min(1).max(MAX_IMPORT_ORDER_LIMIT).default(DEFAULT_IMPORT_ORDER_LIMIT),
});
export type PlanOptions = z.input<typeof planOptionsSchema>;

export type RejectedRow = { index: number; input: string; reason: string };

export type Plan = {
  intentId: string;
  calls: PlannedCall[];
  rejected: RejectedRow[];
  /** how many rows became part of a call */
  acceptedRows: number;
};

export type PlanSummary = {
  intentId: string;
  acceptedRows: number;
  rejectedRows: number;
  totalCalls: number;
  callsByOperation: Record<CallOperation, number>;
  numbersByOperation: Record<CallOperation, number>;
  /** first rejections, for the preview table (the full list comes from intake) */
  rejected: RejectedRow[];
};

export const limitFor = (operation: CallOperation, importOrderLimit: number): number => {
  switch (operation) {
    case 'importNumbersOrder':
      return importOrderLimit;
    case 'qualifyNumbers':
      return QUALIFY_LIMIT;
    case 'textEnableNumbers':
    case 'textEnableTollFreeNumbers':
      return TEXT_ENABLE_LIMIT;
    default:
      return 1;
  }
};

/** `displayName` of an order created by a call: short, and carries the job key verbatim. */
export const orderDisplayName = (key: string): string => `HD ${key}`;

type Group = {
  action: PlanAction;
  regionCode: RegionCode;
  tollFree: boolean;
  servicePlanId: string | undefined;
  campaignId: string | undefined;
  loaProfileId: string | undefined;
  loaType: PlanLoaType | undefined;
  /** numbers in input order; for text-enable, whether each still needs qualifying */
  numbers: string[];
  unqualified: boolean[];
};

export function planBatch(rows: readonly PlanRow[], options: PlanOptions): Plan {
  const { intentId, importOrderLimit } = planOptionsSchema.parse(options);
  const classify = createPhoneClassifier();
  const rejected: RejectedRow[] = [];
  const seen = new Set<string>();
  const groups = new Map<string, Group>();
  /** imports with a display name: one single import each (the only call that sends the name) */
  const named: Array<{
    regionCode: RegionCode;
    tollFree: boolean;
    servicePlanId: string;
    campaignId?: string;
    phone: string;
    displayName: string;
  }> = [];
  let acceptedRows = 0;
  // Consecutive rows of a list usually share their fields: the previous row's group is reused without
  // building its key (100,000 rows spent a fifth of planning on keys).
  let last: { row: PlanRow; region: RegionCode; tollFree: boolean; group: Group } | null = null;

  // one function for the whole plan, not a closure per row (100,000 allocations for the rare reject)
  const reject = (index: number, row: PlanRow, reason: string) => {
    rejected.push({ index, input: row.phoneNumber, reason });
  };
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as PlanRow;
    const verdict = classify(row.phoneNumber, row.regionCode);
    if (!verdict.ok) {
      rejected.push({ index, input: row.phoneNumber, reason: verdict.reason });
      continue;
    }
    if (seen.has(verdict.e164)) {
      reject(index, row, `${verdict.e164} appears more than once in this batch.`);
      continue;
    }
    if (row.regionCode && !verdict.tollFree && row.regionCode !== verdict.region) {
      reject(
        index,
        row,
        `${verdict.e164} is a ${verdict.region} number, but the row says ${row.regionCode}.`,
      );
      continue;
    }
    if (row.action === 'qualify') {
      // one stream of qualification chunks in input order: nothing else splits a qualify call
      seen.add(verdict.e164);
      acceptedRows++;
      let group = groups.get('qualify');
      if (!group) {
        group = {
          action: 'qualify',
          regionCode: verdict.region,
          tollFree: false,
          servicePlanId: undefined,
          campaignId: undefined,
          loaProfileId: undefined,
          loaType: undefined,
          numbers: [],
          unqualified: [],
        };
        groups.set('qualify', group);
      }
      group.numbers.push(verdict.e164);
      continue;
    }
    if (!row.servicePlanId) {
      reject(index, row, 'No service plan: set one for the list, or in the workspace defaults.');
      continue;
    }
    let { campaignId, loaProfileId, loaType } = row;
    // Toll-free numbers have their own endpoints (REFERENCE.md §6.10); the import family refuses them
    // ("toll-free numbers not allowed", §7.1), so they never go to a standard endpoint.
    if (verdict.tollFree && row.action !== 'text-enable') {
      reject(
        index,
        row,
        `${verdict.e164} is toll-free: toll-free numbers are hosted by text-enabling, not importing.`,
      );
      continue;
    }
    if (row.action === 'text-enable') {
      if (!loaType) {
        reject(index, row, 'Text-enabling needs an LOA type (direct, reseller or blanket).');
        continue;
      }
      if (loaType !== 'blanket' && !loaProfileId) {
        reject(index, row, 'Text-enabling with a direct or reseller LOA needs an LOA profile.');
        continue;
      }
      if (verdict.tollFree && loaType === 'blanket') {
        reject(
          index,
          row,
          'Toll-free numbers need a direct or reseller LOA: Sinch takes no blanket LOA for them. Choose an LOA profile.',
        );
        continue;
      }
      if (loaType === 'blanket') loaProfileId = undefined;
    } else {
      // Import and relink requests carry no LOA: grouping by it would only split calls for nothing.
      loaProfileId = undefined;
      loaType = undefined;
    }
    // Toll-free has no campaign (REFERENCE.md §6.10): drop it rather than send a field the endpoint lacks.
    if (verdict.tollFree) campaignId = undefined;
    if (campaignId === '') campaignId = undefined;

    seen.add(verdict.e164);
    acceptedRows++;
    if (row.action === 'import' && row.displayName) {
      named.push({
        regionCode: verdict.region,
        tollFree: verdict.tollFree,
        servicePlanId: row.servicePlanId,
        ...(campaignId !== undefined ? { campaignId } : {}),
        phone: verdict.e164,
        displayName: row.displayName,
      });
      continue;
    }
    if (
      last !== null &&
      last.region === verdict.region &&
      last.tollFree === verdict.tollFree &&
      sameGroupFields(last.row, row)
    ) {
      last.group.numbers.push(verdict.e164);
      last.group.unqualified.push(row.action === 'text-enable' && row.qualified !== true);
      continue;
    }
    const key = [
      row.action,
      verdict.region,
      verdict.tollFree ? 'tf' : 'local',
      row.servicePlanId,
      campaignId ?? '',
      loaProfileId ?? '',
      loaType ?? '',
    ].join('\u0000');
    let group = groups.get(key);
    if (!group) {
      group = {
        action: row.action,
        regionCode: verdict.region,
        tollFree: verdict.tollFree,
        servicePlanId: row.servicePlanId,
        campaignId,
        loaProfileId,
        loaType,
        numbers: [],
        unqualified: [],
      };
      groups.set(key, group);
    }
    group.numbers.push(verdict.e164);
    group.unqualified.push(row.action === 'text-enable' && row.qualified !== true);
    last = { row, region: verdict.region, tollFree: verdict.tollFree, group };
  }

  const calls: PlannedCall[] = [];
  const counters = new Map<CallOperation, number>();
  const nextKey = (operation: CallOperation) => {
    const n = (counters.get(operation) ?? 0) + 1;
    counters.set(operation, n);
    return `${intentId}-${SHORT[operation]}${n}`;
  };
  const base = (g: Group) => ({
    regionCode: g.regionCode,
    tollFree: g.tollFree,
    ...(g.servicePlanId !== undefined ? { servicePlanId: g.servicePlanId } : {}),
    ...(g.campaignId !== undefined ? { campaignId: g.campaignId } : {}),
  });

  // Qualification takes only phone numbers (REFERENCE.md §5.3 (17)), so all numbers needing it share one
  // stream of chunks, filled in text-enable order: each text-enable call then depends on at most two.
  const qualifyCalls: PlannedCall[] = [];
  let qualifyOpen: PlannedCall | null = null;
  const qualifyFor = (phone: string): string => {
    if (!qualifyOpen || qualifyOpen.numbers.length >= QUALIFY_LIMIT) {
      qualifyOpen = {
        key: nextKey('qualifyNumbers'),
        operation: 'qualifyNumbers',
        tollFree: false,
        numbers: [],
        dependsOn: [],
      };
      qualifyCalls.push(qualifyOpen);
    }
    qualifyOpen.numbers.push(phone);
    return qualifyOpen.key;
  };

  const textEnableCalls: PlannedCall[] = [];
  for (const g of groups.values()) {
    if (g.action === 'qualify') {
      for (const phone of g.numbers) qualifyFor(phone);
      continue;
    }
    if (g.action === 'relink') {
      for (const phone of g.numbers) {
        const unlink: PlannedCall = {
          ...base(g),
          key: nextKey('unlinkNumber'),
          operation: 'unlinkNumber',
          numbers: [phone],
          dependsOn: [],
        };
        const link: PlannedCall = {
          ...base(g),
          key: nextKey('linkNumber'),
          operation: 'linkNumber',
          numbers: [phone],
          dependsOn: [unlink.key],
        };
        calls.push(unlink, link);
      }
      continue;
    }
    if (g.action === 'import') {
      for (let i = 0; i < g.numbers.length; i += importOrderLimit) {
        const chunk = g.numbers.slice(i, i + importOrderLimit);
        // One number: the plain import (workflow A) is the same one call and answers with the number itself.
        const operation: CallOperation = chunk.length === 1 ? 'importNumber' : 'importNumbersOrder';
        const key = nextKey(operation);
        calls.push({
          ...base(g),
          key,
          operation,
          numbers: chunk,
          dependsOn: [],
          ...(operation === 'importNumbersOrder' ? { displayName: orderDisplayName(key) } : {}),
        });
      }
      continue;
    }
    const operation: CallOperation = g.tollFree ? 'textEnableTollFreeNumbers' : 'textEnableNumbers';
    for (let i = 0; i < g.numbers.length; i += TEXT_ENABLE_LIMIT) {
      const chunk = g.numbers.slice(i, i + TEXT_ENABLE_LIMIT);
      const dependsOn: string[] = [];
      for (let j = 0; j < chunk.length; j++) {
        if (!g.unqualified[i + j]) continue;
        const q = qualifyFor(chunk[j] as string);
        if (dependsOn[dependsOn.length - 1] !== q) dependsOn.push(q);
      }
      const key = nextKey(operation);
      textEnableCalls.push({
        ...base(g),
        key,
        operation,
        numbers: chunk,
        ...(g.loaProfileId !== undefined ? { loaProfileId: g.loaProfileId } : {}),
        ...(g.loaType !== undefined ? { loaType: g.loaType } : {}),
        displayName: orderDisplayName(key),
        dependsOn,
        ...(dependsOn.length > 0 ? { awaits: 'qualification' as const } : {}),
      });
    }
  }
  // Order: every call after the calls it depends on.
  for (const n of named) {
    const { phone, ...fields } = n;
    calls.push({
      ...fields,
      key: nextKey('importNumber'),
      operation: 'importNumber',
      numbers: [phone],
      dependsOn: [],
    });
  }
  return { intentId, calls: [...calls, ...qualifyCalls, ...textEnableCalls], rejected, acceptedRows };
}

/**
 * Whether two rows with the same region and toll-free flag land in the same group: the same raw
 * fields give the same derived ones (campaign, LOA profile and type), so the raw ones are compared.
 */
const sameGroupFields = (a: PlanRow, b: PlanRow): boolean =>
  a.action === b.action &&
  a.servicePlanId === b.servicePlanId &&
  a.campaignId === b.campaignId &&
  a.loaProfileId === b.loaProfileId &&
  a.loaType === b.loaType;

const SHORT: Record<CallOperation, string> = {
  importNumber: 'i',
  importNumbersOrder: 'o',
  qualifyNumbers: 'q',
  textEnableNumbers: 't',
  textEnableTollFreeNumbers: 'f',
  unlinkNumber: 'u',
  linkNumber: 'l',
};

export function summarizePlan(plan: Plan, maxRejected = 50): PlanSummary {
  const zero = () =>
    Object.fromEntries(CALL_OPERATIONS.map((op) => [op, 0])) as Record<CallOperation, number>;
  const callsByOperation = zero();
  const numbersByOperation = zero();
  for (const call of plan.calls) {
    callsByOperation[call.operation]++;
    numbersByOperation[call.operation] += call.numbers.length;
  }
  return {
    intentId: plan.intentId,
    acceptedRows: plan.acceptedRows,
    rejectedRows: plan.rejected.length,
    totalCalls: plan.calls.length,
    callsByOperation,
    numbersByOperation,
    rejected: plan.rejected.slice(0, maxRejected),
  };
}
