import { z } from 'zod';
import { planRowSchema } from '../domain/planner';
import { type TaskName, taskNameSchema } from '../domain/tasks';
import { MAX_IMPORT_ORDER_LIMIT } from '../domain/limits';
import { channel, cursorOrOffset, isoDateTime, offsetWindow, page, pageRequest } from './define';

/**
 * The queue as the user sees it: jobs (one API call each, or a call plus the remote condition it
 * waits for), their attempt history, Retry/Cancel; and the plan preview before anything is queued.
 */
export const JOB_STATES = [
  'pending',
  'running',
  'waiting_remote',
  'done',
  'failed',
  'dead',
  'cancelled',
] as const;
export const jobStateSchema = z.enum(JOB_STATES);
export type JobStateName = z.infer<typeof jobStateSchema>;

export const jobCountsSchema = z.object(
  Object.fromEntries(JOB_STATES.map((s) => [s, z.number().int().nonnegative()])) as Record<
    (typeof JOB_STATES)[number],
    z.ZodNumber
  >,
);

export const jobSummarySchema = z.object({
  id: z.number().int(),
  key: z.string(),
  task: taskNameSchema,
  state: jobStateSchema,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: isoDateTime,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  batchId: z.string().nullable(),
  /** how many phone numbers the call carries */
  numberCount: z.number().int(),
  /** 'user' for a first intent; 'reissue', 'requalify', … for a deliberate repeat */
  intent: z.string(),
  repeatOf: z.number().int().nullable(),
  /** a job it depends on is not done */
  blocked: z.boolean(),
  lastError: z
    .object({ message: z.string(), status: z.number().int().nullable(), details: z.unknown() })
    .nullable(),
  /** the remote condition polled while waiting */
  waitingFor: z.unknown().nullable(),
  /** Sinch hosting orders this job created or found, oldest first (`orders.get` takes these ids) */
  orderIds: z.array(z.string()),
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

export const jobAttemptSchema = z.object({
  attempt: z.number().int(),
  /** intent = recorded before sending; response = outcome stored; note = reclaim, user action, poll */
  phase: z.enum(['intent', 'response', 'note']),
  at: isoDateTime,
  summary: z.string(),
  outcome: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
});

export const jobDetailSchema = jobSummarySchema.extend({
  dependsOn: z.array(z.number().int()),
  /** the call's numbers (first 500) */
  phoneNumbers: z.array(z.string()),
  /** what the call sends, for the tasks that send them (AMENDABLE_FIELDS); null when none */
  servicePlanId: z.string().nullable(),
  campaignId: z.string().nullable(),
  /** an earlier request got no definite answer and may have reached Sinch: `jobs.amend` refuses it */
  sendMayHaveLanded: z.boolean(),
  history: z.array(jobAttemptSchema),
});

export const planSummarySchema = z.object({
  intentId: z.string(),
  acceptedRows: z.number().int(),
  rejectedRows: z.number().int(),
  totalCalls: z.number().int(),
  callsByOperation: z.record(z.string(), z.number().int()),
  numbersByOperation: z.record(z.string(), z.number().int()),
  rejected: z.array(z.object({ index: z.number().int(), input: z.string(), reason: z.string() })),
});

/** One batch (a committed plan) and how far its jobs have got: the Queue screen's progress per batch. */
export const batchProgressSchema = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: isoDateTime,
  /** the numbers the batch was planned for */
  numberCount: z.number().int(),
  /** its jobs per state */
  counts: jobCountsSchema,
});
export type BatchProgress = z.infer<typeof batchProgressSchema>;

const planInput = {
  /** a few rows given inline; a list brought in is a draft (`draftId`) */
  rows: z.array(planRowSchema).max(1_000),
  /** defaults to the active workspace's setting */
  importOrderLimit: z.number().int().min(1).max(MAX_IMPORT_ORDER_LIMIT).optional(),
};
const draftPlanInput = {
  draftId: z.string().min(1).max(64),
  /** above the workspace's setting it is refused (the setting is used, with a warning) */
  importOrderLimit: z.number().int().min(1).max(MAX_IMPORT_ORDER_LIMIT).optional(),
};

/** One call of a draft's plan, as the preview lists it. */
export const plannedCallViewSchema = z.object({
  key: z.string(),
  operation: z.string(),
  regionCode: z.string().nullable(),
  tollFree: z.boolean(),
  numberCount: z.number().int(),
  /** the first ten */
  numbers: z.array(z.string()),
  dependsOn: z.array(z.string()),
  loa: z.object({ type: z.string(), profileId: z.string().nullable() }).nullable(),
  waitsForQualification: z.boolean(),
});

/** The preview of a draft's plan: totals, warnings, what is left out and why, the calls in windows. */
export const draftPlanPreviewSchema = planSummarySchema.extend({
  draftId: z.string(),
  /** plan.commit must name it: the draft has not changed since this preview */
  revision: z.number().int(),
  warnings: z.array(z.string()),
  excluded: page(z.object({ row: z.number().int(), original: z.string(), reason: z.string() })),
  calls: page(plannedCallViewSchema),
});
const jobId = z.object({ id: z.number().int().positive() }).strict();

/** The values of a refused call the user may change before it is sent again (`jobs.amend`). */
export type AmendableField = 'servicePlanId' | 'campaignId';
/**
 * Which of them each task's request sends (electron/core/sync/wire-body.ts): imports, text-enables
 * and links carry both; a toll-free text-enable takes no campaign. Other tasks send neither.
 */
export const AMENDABLE_FIELDS: Readonly<Partial<Record<TaskName, readonly AmendableField[]>>> = {
  importNumber: ['servicePlanId', 'campaignId'],
  importNumbersOrder: ['servicePlanId', 'campaignId'],
  textEnableNumbers: ['servicePlanId', 'campaignId'],
  textEnableTollFreeNumbers: ['servicePlanId'],
  linkNumber: ['servicePlanId', 'campaignId'],
};

export const jobsChannels = {
  'jobs.list': channel(
    pageRequest
      .extend({
        ...offsetWindow,
        states: z.array(jobStateSchema).max(JOB_STATES.length).optional(),
        task: taskNameSchema.optional(),
        batchId: z.string().max(64).optional(),
      })
      .strict()
      .refine(...cursorOrOffset),
    page(jobSummarySchema).extend({ counts: jobCountsSchema }),
  ),
  'jobs.get': channel(jobId, jobDetailSchema),
  /** Batches newest first with their jobs per state (an offset window; `total` counts them all). */
  'jobs.batches': channel(
    z
      .object({
        offset: z.number().int().min(0).max(10_000_000).default(0),
        limit: z.number().int().min(1).max(100).default(20),
      })
      .strict(),
    z.object({ items: z.array(batchProgressSchema), total: z.number().int().nonnegative() }),
  ),
  /** Give a failed, dead or cancelled job a fresh set of attempts. */
  'jobs.retry': channel(jobId, jobSummarySchema),
  /**
   * Change the service plan and/or campaign of a refused (failed or dead) job, then retry it like
   * `jobs.retry`: the job's call, its numbers' rows and an audit entry change in one transaction; the
   * job key stays. An empty `campaignId` sends no campaign. The shapes are the plan rows'.
   */
  'jobs.amend': channel(
    z
      .object({
        id: z.number().int().positive(),
        servicePlanId: planRowSchema.shape.servicePlanId,
        campaignId: planRowSchema.shape.campaignId,
      })
      .strict(),
    jobSummarySchema,
  ),
  /** Stop a job that is not being sent right now. */
  'jobs.cancel': channel(jobId, jobSummarySchema),
  /** Retry every failed or dead job of a batch (jobs they stopped come back with them). */
  'jobs.retryFailed': channel(
    z.object({ batchId: z.string().min(1).max(64) }).strict(),
    z.object({ retried: z.array(z.number().int()), counts: jobCountsSchema }),
  ),
  /**
   * Re-issue a text-enable whose LOA was refused (order rejected) or never signed: a deliberate new
   * intent (`intent: 'reissue'`, `repeatOf` = this job) sending a new order, after the LOA profile it
   * names is checked again (fix the profile first; a VALIDATION answer names the field).
   */
  'jobs.reissue': channel(
    z
      .object({
        id: z.number().int().positive(),
        intentId: z
          .string()
          .min(1)
          .max(40)
          .regex(/^[A-Za-z0-9_-]+$/),
      })
      .strict(),
    jobSummarySchema,
  ),
  /**
   * The calls that would be made, without queueing anything: for a draft (`draftId`, with an offset
   * window over its calls and excluded rows) or for up to 1,000 rows given inline. Works offline and
   * without credentials.
   */
  'plan.preview': channel(
    z
      .object({
        rows: planInput.rows.optional(),
        ...draftPlanInput,
        draftId: draftPlanInput.draftId.optional(),
        callsOffset: z.number().int().min(0).default(0),
        callsLimit: z.number().int().min(1).max(500).default(100),
        excludedOffset: z.number().int().min(0).default(0),
        excludedLimit: z.number().int().min(1).max(500).default(100),
      })
      .strict()
      .refine((i) => (i.rows === undefined) !== (i.draftId === undefined), {
        path: ['draftId'],
        message: 'Give either rows or a draftId.',
      }),
    z.union([draftPlanPreviewSchema, planSummarySchema]),
  ),
  /** One call of a draft's plan as it goes on the wire: method, path and the exact body. */
  'plan.call': channel(
    z.object({ draftId: z.string().min(1).max(64), key: z.string().min(1).max(80) }).strict(),
    z.object({
      key: z.string(),
      method: z.enum(['POST', 'PATCH']),
      path: z.string(),
      body: z.record(z.string(), z.unknown()),
    }),
  ),
  /**
   * Rows → batch + jobs, in one transaction. `intentId` identifies the user's intent (generate it when
   * the user starts the batch): committing the same intent twice queues it once.
   */
  /**
   * Rows → batch + jobs, in one transaction. Either up to 1,000 `rows` with `intentId` (generate it
   * when the user starts the batch) and `label`, or a draft (`draftId`) at the `revision` its preview
   * showed (CONFLICT if it changed since); the draft then becomes read-only, linked to its batch.
   * Committing the same intent (or draft) twice queues it once.
   */
  'plan.commit': channel(
    z
      .object({
        rows: planInput.rows.optional(),
        importOrderLimit: planInput.importOrderLimit,
        intentId: z
          .string()
          .min(1)
          .max(40)
          .regex(/^[A-Za-z0-9_-]+$/)
          .optional(),
        label: z.string().trim().min(1).max(120).optional(),
        draftId: draftPlanInput.draftId.optional(),
        revision: z.number().int().optional(),
      })
      .strict()
      .refine(
        (i) =>
          i.rows !== undefined
            ? i.draftId === undefined && i.intentId !== undefined && i.label !== undefined
            : i.draftId !== undefined && i.revision !== undefined && i.intentId === undefined,
        {
          path: ['draftId'],
          message: 'Give rows with an intentId and a label, or a draftId with its revision.',
        },
      ),
    z.object({
      batchId: z.string(),
      created: z.boolean(),
      jobCount: z.number().int(),
      summary: planSummarySchema,
    }),
  ),
};

export const jobsEvents = {
  /** Jobs changed (ids, coalesced) and the new totals per state; re-query the page shown. */
  'jobs.changed': z.object({ ids: z.array(z.number().int()), counts: jobCountsSchema }),
};
