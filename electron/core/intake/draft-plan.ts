import type { WorkspaceProfile } from '../workspaces/registry';
import { createPhoneClassifier } from '../../../shared/domain/phone';
import type { Db } from '../store/database';
import { ensureNumbers } from '../store/numbers';
import { enqueue } from '../queue/job-queue';
import { jobIdByKey } from '../queue/job-views';
import type { Plan, PlanRow } from '../../../shared/domain/planner';
import type { PlannedCall } from '../../../shared/domain/tasks';
import type { LoaProfileKind } from '../../../shared/contract';
import { planWithLoaProfiles } from '../loa/plan-check';
import type { IntakeFieldsInput } from '../../../shared/contract';
import { type DraftRow, planningRows } from './drafts';

const NO_FIELDS: IntakeFieldsInput = {};

/**
 * A draft → the plan (issue 8 §4): its valid and fixed rows, with what each row leaves empty filled
 * from the list's own values, then the workspace defaults; the planner decides the calls. Rows that
 * cannot go (errors, duplicates, no service plan, an LOA profile that is missing) are excluded with
 * their reason, and the warnings say what will not be sent as the file said.
 */
export type DraftPlan = {
  plan: Plan;
  /** draft row number of each planned row, by index */
  rowNumbers: number[];
  warnings: string[];
  /** planner refusals and rows without a service plan (errors and duplicates are paged from the draft) */
  excluded: { row: number; original: string; reason: string }[];
};

export type DraftPlanOptions = {
  intentId: string;
  importOrderLimit: number;
  defaults: WorkspaceProfile['defaults'];
  kindOf: ((profileId: string) => LoaProfileKind | null) | null;
  profileIdByLabel: (label: string) => string | null;
};

type DraftValues = {
  regionCode?: 'US' | 'CA';
  servicePlanId?: string;
  campaignId?: string;
  loaProfileId?: string;
  loaType?: PlanRow['loaType'];
};

export function planDraft(
  db: Parameters<typeof planningRows>[0],
  draft: DraftRow,
  options: DraftPlanOptions,
): DraftPlan {
  const values = JSON.parse(draft.draft_values) as DraftValues;
  const { defaults } = options;
  const rows: PlanRow[] = [];
  const rowNumbers: number[] = [];
  const originals: string[] = [];
  const excluded: DraftPlan['excluded'] = [];
  let campaignDropped = 0;
  let displayNames = 0;
  const profileIds = new Map<string, string | null>();
  for (const [rowNumber, original, e164, region, tollFreeFlag, skips, fieldsJson] of planningRows(
    db,
    draft.id,
  )) {
    const r = {
      row: rowNumber,
      original,
      e164,
      region,
      tollFree: tollFreeFlag === 1,
      skipsQualification: skips === 1,
    };
    if (draft.action === 'qualify') {
      // workflow C: the call carries the numbers alone, so no list value or default can exclude a row
      rows.push({ phoneNumber: r.e164 as string, action: 'qualify' });
      rowNumbers.push(r.row);
      originals.push(r.original);
      continue;
    }
    const f: IntakeFieldsInput = fieldsJson === null ? NO_FIELDS : JSON.parse(fieldsJson);
    const servicePlanId = f.servicePlanId ?? values.servicePlanId ?? defaults.servicePlanId;
    if (!servicePlanId) {
      excluded.push({
        row: r.row,
        original: r.original,
        reason: 'No service plan: set one for the list, or in the workspace defaults.',
      });
      continue;
    }
    let campaignId = f.campaignId ?? values.campaignId ?? defaults.campaignId;
    // text-enable: toll-free takes no campaign (§6.10); an import of a toll-free number is refused by the planner
    if (campaignId && r.tollFree && draft.action === 'text-enable') {
      campaignDropped++;
      campaignId = undefined;
    }
    if (f.displayName) displayNames++;
    const row: PlanRow = {
      phoneNumber: r.e164 as string,
      action: draft.action as PlanRow['action'],
      servicePlanId,
      ...(campaignId ? { campaignId } : {}),
      // sent on a single import only (the planner imports a named number on its own)
      ...(f.displayName && draft.action === 'import' ? { displayName: f.displayName } : {}),
    };
    const regionCode =
      f.regionCode ?? (r.tollFree ? (values.regionCode ?? defaults.regionCode) : r.region) ?? undefined;
    if (regionCode) row.regionCode = regionCode;
    if (draft.action === 'text-enable') {
      let loaProfileId = values.loaProfileId;
      if (f.loaProfile) {
        if (!profileIds.has(f.loaProfile))
          profileIds.set(f.loaProfile, options.profileIdByLabel(f.loaProfile));
        const found = profileIds.get(f.loaProfile);
        if (!found) {
          excluded.push({
            row: r.row,
            original: r.original,
            reason: `There is no saved LOA profile named "${f.loaProfile}".`,
          });
          continue;
        }
        loaProfileId = found;
      }
      const loaType =
        f.loaType ??
        values.loaType ??
        (loaProfileId ? (options.kindOf?.(loaProfileId) ?? undefined) : undefined);
      if (loaProfileId) row.loaProfileId = loaProfileId;
      if (loaType) row.loaType = loaType;
      if (r.skipsQualification) row.qualified = true;
    }
    rows.push(row);
    rowNumbers.push(r.row);
    originals.push(r.original);
  }
  const plan = planWithLoaProfiles(
    rows,
    { intentId: options.intentId, importOrderLimit: options.importOrderLimit },
    options.kindOf,
  );
  for (const rejected of plan.rejected)
    excluded.push({
      row: rowNumbers[rejected.index] as number,
      original: originals[rejected.index] as string,
      reason: rejected.reason,
    });
  excluded.sort((a, b) => a.row - b.row);
  const warnings: string[] = [];
  if (draft.action === 'qualify' && plan.acceptedRows > 0)
    warnings.push(
      'Sinch reviews qualification by hand: after these are sent, e-mail the invoices for these numbers to orders@sinch.com. It takes 1–3 business days and does not start without them.',
    );
  if (campaignDropped > 0)
    warnings.push(
      `${count(campaignDropped, 'toll-free number')} ${campaignDropped === 1 ? 'has' : 'have'} a campaign: toll-free numbers take none, so it is not sent for them.`,
    );
  // A named import row is a single import (the only call that sends the name): worth saying only where
  // that changes the calls — one number on its own is one single import anyway.
  if (displayNames > 0 && draft.action === 'import' && plan.acceptedRows > 1)
    warnings.push(
      `${count(displayNames, 'number')} with a display name ${displayNames === 1 ? 'is' : 'are'} imported one at a time, not in an order: only a single import sends the name.`,
    );
  if (displayNames > 0 && draft.action !== 'import')
    warnings.push(
      `${count(displayNames, 'display name')} ${displayNames === 1 ? 'is' : 'are'} not sent: a text-enable order takes no name per number.`,
    );
  return { plan, rowNumbers, warnings, excluded };
}

/** The call a preview lists: what it does, for how many numbers, after what, with which LOA. */
export const callView = (call: PlannedCall) => ({
  key: call.key,
  operation: call.operation,
  regionCode: call.regionCode ?? null,
  tollFree: call.tollFree,
  numberCount: call.numbers.length,
  numbers: call.numbers.slice(0, 10),
  dependsOn: call.dependsOn,
  loa: call.loaType ? { type: call.loaType, profileId: call.loaProfileId ?? null } : null,
  waitsForQualification: call.awaits === 'qualification',
});

/**
 * A qualify-only plan has no call that gives its numbers their rows (commitPlan writes them for
 * imports, text-enables and links), so its commit writes them here, in the same transaction, as a
 * single qualification does (sync/actions.ts): the sync loop then records each number's
 * qualification on its row and the Numbers screen lists it. Rows that exist are left as they are.
 */
export function writeQualifyNumberRows(db: Db, plan: Plan, at: number, note: string): void {
  const classify = createPhoneClassifier();
  const numbers = plan.calls
    .filter((c) => c.operation === 'qualifyNumbers')
    .flatMap((c) => c.numbers)
    .map((phone) => {
      const v = classify(phone);
      return { phone, region: v.ok ? v.region : ('US' as const), tollFree: v.ok && v.tollFree };
    });
  ensureNumbers(db, numbers, at, { note });
}

/**
 * A qualify-only batch is followed until Sinch decides, as a single qualification is
 * (`qualification.qualify` in handlers/operations.ts): one `awaitQualification` job after each
 * `qualifyNumbers` job, in the batch, written in the commit's transaction. Without it the numbers
 * would stay "qualifying" on every screen until something else happened to read them.
 */
export function followQualifications(
  db: Db,
  plan: Plan,
  options: { queue: string; batchId: string; now: number; maxAttempts?: number },
): void {
  for (const call of plan.calls) {
    if (call.operation !== 'qualifyNumbers') continue;
    const addId = jobIdByKey(db, call.key, options.queue);
    if (addId === undefined) throw new Error(`the qualification job ${call.key} is not in the queue`);
    enqueue(
      db,
      {
        queue: options.queue,
        task: 'awaitQualification',
        jobKey: `${call.key}-w`,
        payload: { numbers: call.numbers },
        dependsOn: [addId],
        intent: 'user',
        batchId: options.batchId,
        ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
      },
      options.now,
    );
  }
}

/** "1 number", "2 numbers" (a warning is read by operations staff, not "number(s)") */
const count = (n: number, noun: string) => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
