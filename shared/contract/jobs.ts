import { z } from 'zod';
import { planRowSchema } from '../domain/planner';
import { taskNameSchema } from '../domain/tasks';
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
  rows: z.array(planRowSchema).max(100_000),
  /** defaults to the active workspace's setting */
  importOrderLimit: z.number().int().min(1).max(MAX_IMPORT_ORDER_LIMIT).optional(),
};
const jobId = z.object({ id: z.number().int().positive() }).strict();

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
  /** Rows → the calls that would be made, without queueing anything. */
  'plan.preview': channel(z.object(planInput).strict(), planSummarySchema),
  /**
   * Rows → batch + jobs, in one transaction. `intentId` identifies the user's intent (generate it when
   * the user starts the batch): committing the same intent twice queues it once.
   */
  'plan.commit': channel(
    z
      .object({
        ...planInput,
        intentId: z
          .string()
          .min(1)
          .max(40)
          .regex(/^[A-Za-z0-9_-]+$/),
        label: z.string().trim().min(1).max(120),
      })
      .strict(),
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
