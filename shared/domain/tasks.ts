import { z } from 'zod';
import { REGION_CODES } from './phone';

/**
 * The task vocabulary: every kind of job the queue holds, and the payload of a planned one. One list,
 * so the planner, the queue, the sync loop's handler table (`Record<TaskName, …>`: a new task does
 * not compile until it has its handler) and the screens that filter or show tasks agree.
 */

/** The API operation a planned call maps to (REFERENCE.md §4 numbering in comments). */
export const CALL_OPERATIONS = [
  'importNumber', // (2) POST importedNumbers — one number, workflow A
  'importNumbersOrder', // (11) POST hostingOrders:importNumbers — workflow B
  'qualifyNumbers', // (17) POST qualifiedNumbers:addNumbers — workflow C
  'textEnableNumbers', // (12) POST hostingOrders:textEnableNumbers — workflow D
  'textEnableTollFreeNumbers', // (13) POST hostingOrders:textEnableTollFreeNumbers — workflow D, toll-free
  'unlinkNumber', // (4) PATCH importedNumbers/{n} with "" — first half of a relink
  'linkNumber', // (4) PATCH importedNumbers/{n} with the new values — second half
] as const;
export type CallOperation = (typeof CALL_OPERATIONS)[number];

/** Single-number actions outside a batch plan (electron/core/sync/actions.ts enqueues them). */
export const NUMBER_ACTION_TASKS = [
  'sendVoiceChallenge',
  'verifyVoiceChallenge',
  'deleteImportedNumber',
  'updateImportedNumber', // (4) PATCH importedNumbers/{n}: display name, callback URL
  'deleteQualifiedNumber', // (16) DELETE qualifiedNumbers/{n}
] as const;
export type NumberActionTask = (typeof NUMBER_ACTION_TASKS)[number];

/** Jobs that send nothing and only watch Sinch until a remote outcome (or a time limit). */
export const WATCH_TASKS = [
  'awaitQualification', // qualified numbers until decided (ELIGIBLE or later, or refused), workflow C
  'followOrder', // a hosting order whose job was cancelled: Cancel stops our work, not the order
] as const;
export type WatchTask = (typeof WATCH_TASKS)[number];

export const TASK_NAMES = [...CALL_OPERATIONS, ...NUMBER_ACTION_TASKS, ...WATCH_TASKS] as const;
export const taskNameSchema = z.enum(TASK_NAMES);
export type TaskName = z.infer<typeof taskNameSchema>;
export const isTaskName = (task: string): task is TaskName =>
  (TASK_NAMES as readonly string[]).includes(task);

/** The calls that define a number's row (its import, text-enable or link); qualify and unlink do not. */
export const DEFINING_TASKS: ReadonlySet<TaskName> = new Set<TaskName>([
  'importNumber',
  'importNumbersOrder',
  'textEnableNumbers',
  'textEnableTollFreeNumbers',
  'linkNumber',
]);

export const LOA_TYPES = ['direct', 'reseller', 'blanket'] as const;
export type PlanLoaType = (typeof LOA_TYPES)[number];

/** One API call of a plan; committed as the job's payload, read back by the sync loop. */
export const plannedCallSchema = z.object({
  /** the job key: unique per call within the intent, stable for the same input */
  key: z.string(),
  operation: z.enum(CALL_OPERATIONS),
  /** absent only for `qualifyNumbers`, whose body is just the phone numbers */
  regionCode: z.enum(REGION_CODES).optional(),
  tollFree: z.boolean(),
  numbers: z.array(z.string()).min(1),
  servicePlanId: z.string().optional(),
  campaignId: z.string().optional(),
  loaProfileId: z.string().optional(),
  loaType: z.enum(LOA_TYPES).optional(),
  /** orders carry the job key so reconciliation can find them (DESIGN.md reconciliation table) */
  displayName: z.string().optional(),
  /** keys of calls that must be done first */
  dependsOn: z.array(z.string()),
  /**
   * A remote condition to wait for before sending: text-enable needs each number's qualification to
   * reach ELIGIBLE or VERIFIED (REFERENCE.md §7.2). The queue polls it.
   */
  awaits: z.literal('qualification').optional(),
});
export type PlannedCall = z.infer<typeof plannedCallSchema>;

/**
 * The per-number state vocabulary (the `numbers.state` column and its history; the lifecycle
 * screens show these). electron/core/sync/remote-state.ts maps Sinch's states onto it.
 */
/** A qualification's states (workflow C): what the Verification screen lists and a number's kind reads. */
export const QUALIFICATION_NUMBER_STATES = [
  'qualifying',
  'eligible',
  'not-eligible',
  'verification-pending',
  'verification-failed',
  'verification-blocked',
  'verified',
] as const;

/** A hosting order's states (workflow D): the order, then the step now running. */
export const ORDER_NUMBER_STATES = [
  'ordered',
  'waiting-loa',
  'rejected',
  'osr-update',
  'platform-provisioning',
  'campaign-linking',
  'hosting',
  'hosted',
  'hosting-failed',
] as const;

export const NUMBER_STATES = [
  'planned',
  // import (workflows A/B) and relink
  'import-sent',
  'provisioning',
  'imported',
  'unlinking',
  'unlinked',
  'linking',
  'linked',
  'deleted',
  ...QUALIFICATION_NUMBER_STATES,
  ...ORDER_NUMBER_STATES,
  'failed',
] as const;
export const numberStateSchema = z.enum(NUMBER_STATES);
export type NumberState = z.infer<typeof numberStateSchema>;
