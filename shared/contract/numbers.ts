import { z } from 'zod';
import { REGION_CODES } from '../domain/phone';
import { numberStateSchema, taskNameSchema } from '../domain/tasks';
import { channel, cursorOrOffset, isoDateTime, offsetWindow, page, pageRequest } from './define';
import { orderStateSchema, orderTypeSchema, stepSchema, stepStateSchema, failureSchema } from './orders';

/**
 * The phone numbers the workspace knows — the ones its batches carried and the ones Sinch lists as
 * imported or qualified — with their local state (NUMBER_STATES), Sinch's states, and one number's
 * history joining our jobs, its qualification and verification, every order that carried it and each
 * step change the pollers observed (REFERENCE §5.1, §5.3, §7.2, §7.5; workflow F).
 */

/** Which Sinch collection the number is in, as far as we know: `local` = only planned here so far. */
export const NUMBER_KINDS = ['imported', 'qualified', 'local'] as const;
export const numberKindSchema = z.enum(NUMBER_KINDS);
export type NumberKind = z.infer<typeof numberKindSchema>;

/** `QualifiedNumber.globalProcessState` (REFERENCE §7.2) without its GLOBAL_PROCESS_STATE_ prefix. */
export const QUALIFICATION_STATES = [
  'eligible-check-pending',
  'eligible',
  'not-eligible',
  'verification-pending',
  'verification-failed',
  'verification-blocked',
  'verified',
  'hosting-in-progress',
  'hosting-done',
  'hosting-failed',
  'unknown',
] as const;
export const qualificationStateSchema = z.enum(QUALIFICATION_STATES);
export type QualificationState = z.infer<typeof qualificationStateSchema>;

/** Sinch's `numberPattern.searchPattern` (note: CONTAIN, not CONTAINS). */
export const SEARCH_PATTERNS = ['START', 'CONTAIN', 'END'] as const;

export const numberSummarySchema = z.object({
  /** E.164 */
  phone: z.string(),
  region: z.enum(REGION_CODES),
  tollFree: z.boolean(),
  kind: numberKindSchema,
  /** our state vocabulary (planned … hosted, deleted); the lifecycle screens show this one */
  state: numberStateSchema,
  /** Sinch's qualification state (qualified numbers), null when not qualified through us or Sinch */
  qualificationState: qualificationStateSchema.nullable(),
  /** imported numbers: SMS platform and campaign provisioning (REFERENCE §7.5), null when not known */
  smsProvisioning: stepSchema.nullable(),
  campaignProvisioning: stepSchema.nullable(),
  servicePlanId: z.string().nullable(),
  campaignId: z.string().nullable(),
  displayName: z.string().nullable(),
  callbackUrl: z.string().nullable(),
  /** the batch that last planned it; null for numbers adopted from Sinch */
  batchId: z.string().nullable(),
  loaProfileId: z.string().nullable(),
  /** the last order that carried it, null when none */
  lastOrderId: z.string().nullable(),
  /** the last job that changed its state, null when none */
  lastJobId: z.number().int().nullable(),
  /** 'app' = a batch of this workspace carried it; 'adopted' = first seen in a listing of Sinch */
  origin: z.enum(['app', 'adopted']),
  /** a failure to show in a row (last failed step or qualification reason), null when none */
  failure: failureSchema.nullable(),
  /** when we last read it from Sinch; null = never */
  checkedAt: isoDateTime.nullable(),
  updatedAt: isoDateTime,
});
export type NumberSummary = z.infer<typeof numberSummarySchema>;

export const numberOrderRefSchema = z.object({
  id: z.string(),
  type: orderTypeSchema,
  state: orderStateSchema,
  createdAt: isoDateTime,
});

export const numberDetailSchema = numberSummarySchema.extend({
  /** imported numbers: per-carrier SMS/MMS configuration (mnoConfiguration) */
  carriers: z
    .object({ smsAtt: stepSchema, smsTmo: stepSchema, mmsAtt: stepSchema, mmsTmo: stepSchema })
    .nullable(),
  /** qualified numbers: OSR eligibility and ownership verification sub-statuses */
  osrEligibility: stepSchema.nullable(),
  ownershipVerification: stepSchema.nullable(),
  /** every order that carried it, newest first (at most 50) */
  orders: z.array(numberOrderRefSchema).max(50),
});
export type NumberDetail = z.infer<typeof numberDetailSchema>;

/** One entry of a number's history; `kind` says which source it comes from. */
export const numberHistoryEntrySchema = z.discriminatedUnion('kind', [
  /** our state of the number changed (planned, import-sent, qualifying, eligible, verified, hosted, …) */
  z.object({
    kind: z.literal('state'),
    at: isoDateTime,
    state: numberStateSchema,
    jobId: z.number().int().nullable(),
    note: z.string().nullable(),
  }),
  /** a job carrying the number was created or finished (its attempts are on jobs.get) */
  z.object({
    kind: z.literal('job'),
    at: isoDateTime,
    jobId: z.number().int(),
    task: taskNameSchema,
    /** created = queued; sent = its request went out; the others are how it ended */
    event: z.enum(['created', 'sent', 'done', 'failed', 'dead', 'cancelled']),
    summary: z.string().nullable(),
  }),
  /** an order carrying the number was created (or adopted) */
  z.object({
    kind: z.literal('order'),
    at: isoDateTime,
    orderId: z.string(),
    type: orderTypeSchema,
    state: orderStateSchema,
  }),
  /** a step of the number changed as a poller observed it: an order step, a carrier, provisioning or qualification */
  z.object({
    kind: z.literal('step'),
    at: isoDateTime,
    /** the order it belongs to; null for an imported number's own provisioning or its qualification */
    orderId: z.string().nullable(),
    step: z.enum([
      'osrUpdate',
      'platformProvisioning',
      'campaignProvisioning',
      'smsAtt',
      'smsTmo',
      'mmsAtt',
      'mmsTmo',
      'smsProvisioning',
      'osrEligibility',
      'ownershipVerification',
    ]),
    state: stepStateSchema,
    failure: failureSchema.nullable(),
  }),
]);
export type NumberHistoryEntry = z.infer<typeof numberHistoryEntrySchema>;

const phone = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, 'Give the number in E.164 form, e.g. +12025550134.');

export const numbersChannels = {
  'numbers.list': channel(
    pageRequest
      .extend({
        ...offsetWindow,
        /** Sinch's numberPattern: digits (with a leading + for START), matched at the start, anywhere, or the end */
        pattern: z
          .object({
            pattern: z
              .string()
              .trim()
              .regex(/^\+?\d{1,15}$/, 'Give digits only (a leading + is allowed).'),
            searchPattern: z.enum(SEARCH_PATTERNS).default('CONTAIN'),
          })
          .strict()
          .optional(),
        regionCode: z.enum(REGION_CODES).optional(),
        tollFree: z.boolean().optional(),
        servicePlanId: z.string().max(100).optional(),
        campaignId: z.string().max(100).optional(),
        states: z.array(numberStateSchema).max(64).optional(),
        kinds: z.array(numberKindSchema).max(NUMBER_KINDS.length).optional(),
        qualificationStates: z.array(qualificationStateSchema).max(QUALIFICATION_STATES.length).optional(),
        batchId: z.string().max(64).optional(),
        /** only numbers with work still running (here or at Sinch): not planned, and not in a final state */
        inFlight: z.boolean().optional(),
      })
      .strict()
      .refine(...cursorOrOffset),
    page(numberSummarySchema),
  ),
  'numbers.get': channel(z.object({ phone }).strict(), numberDetailSchema),
  /** One number's history, oldest first (cursor pages; `limit` entries each). */
  'numbers.history': channel(pageRequest.extend({ phone }).strict(), page(numberHistoryEntrySchema)),
};

export const numbersEvents = {
  /** Numbers changed: the first 500 phones (coalesced) and how many changed in all; re-query what is shown. */
  'numbers.changed': z.object({
    phones: z.array(z.string()).max(500),
    changed: z.number().int().nonnegative(),
  }),
};
