import { z } from 'zod';
import { REGION_CODES } from '../domain/phone';
import { channel, cursorOrOffset, isoDateTime, offsetWindow, page, pageRequest } from './define';

/**
 * The hosting orders the workspace knows: the ones its jobs created and the ones it adopted from
 * Sinch (`orders.discover`), kept current by the sync loop's pollers and the report endpoint
 * (REFERENCE §5.2 (6)–(10), workflow E). Sinch's upper-case enums are mapped to the vocabularies
 * below at the engine boundary; screens turn these into words.
 */

/** `HostingOrder.state` (REFERENCE §7.3); `unknown` = Sinch answered a state we do not know (or UNSPECIFIED). */
export const ORDER_STATES = [
  'draft',
  'submitted',
  'waiting-loa',
  'in-progress',
  'completed',
  'rejected',
  'unknown',
] as const;
export const orderStateSchema = z.enum(ORDER_STATES);
export type OrderState = z.infer<typeof orderStateSchema>;
/** States in which Sinch is still working on the order: "everything in flight". */
export const ORDER_STATES_IN_FLIGHT: readonly OrderState[] = [
  'draft',
  'submitted',
  'waiting-loa',
  'in-progress',
];

/** What the order does: an import order (workflow B) or a text-enable (workflow D), standard or toll-free. */
export const ORDER_TYPES = ['import', 'text-enable', 'text-enable-toll-free'] as const;
export const orderTypeSchema = z.enum(ORDER_TYPES);
export type OrderType = z.infer<typeof orderTypeSchema>;

/** The `State` enum of every per-number step and carrier (REFERENCE §7.1). */
export const STEP_STATES = ['waiting', 'in-progress', 'done', 'failed', 'unspecified'] as const;
export const stepStateSchema = z.enum(STEP_STATES);
export type StepStateName = z.infer<typeof stepStateSchema>;

/** The steps of a number inside an order, in the order Sinch runs them (REFERENCE §7.4). */
export const ORDER_STEPS = ['osrUpdate', 'platformProvisioning', 'campaignProvisioning'] as const;
export type OrderStepName = (typeof ORDER_STEPS)[number];
export const CARRIERS = ['smsAtt', 'smsTmo', 'mmsAtt', 'mmsTmo'] as const;
export type CarrierName = (typeof CARRIERS)[number];

const count = z.number().int().nonnegative();

/** How many numbers of an order are in each state, per step (from the numbers the pollers read). */
export const stepStateCountsSchema = z.object({
  waiting: count,
  'in-progress': count,
  done: count,
  failed: count,
  unspecified: count,
});
export type StepStateCounts = z.infer<typeof stepStateCountsSchema>;

/** Sinch's own `HostingOrderReport` (REFERENCE §6.12), as last read; workflow E compares against it. */
export const orderReportSchema = z.object({
  total: count,
  osrUpdated: count,
  smsProvisioned: count,
  addedToCampaign: count,
  ongoingManualAction: count,
  /** when the report was read */
  readAt: isoDateTime,
});
export type OrderReport = z.infer<typeof orderReportSchema>;

/** A failure as the user sees it: Sinch's code (callback `failureCode` or carrier `errorCode`), and words. */
export const failureSchema = z.object({
  /** Sinch's code, e.g. CAMPAIGN_NOT_AVAILABLE; null when Sinch gave none (platform provisioning) */
  code: z.string().nullable(),
  /** Sinch's own message, as received ("" from Sinch becomes null) */
  remoteMessage: z.string().nullable(),
  /** plain words and the next step, for operations staff (filled by the engine's wording table) */
  text: z.string().nullable(),
});
export type Failure = z.infer<typeof failureSchema>;

export const stepSchema = z.object({
  state: stepStateSchema,
  failure: failureSchema.nullable(),
  /** when the pollers saw this step reach its state */
  since: isoDateTime.nullable(),
});
export type OrderNumberStep = z.infer<typeof stepSchema>;

/** The LOA an order was sent with (text-enable only). */
export const orderLoaSchema = z.object({
  kind: z.enum(['direct', 'reseller', 'blanket']),
  /** who gets the e-signature request (authorisedPerson.email); null for blanket or unknown */
  recipient: z.string().nullable(),
  /** the workspace's LOA profile it came from; null for adopted orders */
  profileId: z.string().nullable(),
});

export const orderSummarySchema = z.object({
  /** Sinch's hostingOrderId */
  id: z.string(),
  type: orderTypeSchema,
  tollFree: z.boolean(),
  state: orderStateSchema,
  displayName: z.string().nullable(),
  regionCode: z.enum(REGION_CODES).nullable(),
  servicePlanId: z.string().nullable(),
  campaignId: z.string().nullable(),
  loa: orderLoaSchema.nullable(),
  /** text-enable: when the carrier OSR update runs */
  scheduledOsrUpdateTime: isoDateTime.nullable(),
  /** toll-free text-enable: when Zipwhip provisioning runs */
  scheduledZipwhipProvisioningTime: isoDateTime.nullable(),
  /** since when the order waits for the LOA e-signature (state waiting-loa); null otherwise */
  signatureWaitingSince: isoDateTime.nullable(),
  /** 'app' = a job of this workspace created it; 'adopted' = found by orders.discover */
  origin: z.enum(['app', 'adopted']),
  batchId: z.string().nullable(),
  /**
   * The batch it was sent for, by its label, and its place among the batch's orders (plan order; a
   * re-issued order keeps the place of the order it replaces). Null for adopted orders.
   */
  batch: z
    .object({
      id: z.string(),
      label: z.string(),
      position: z.number().int().min(1),
      of: z.number().int().min(1),
    })
    .nullable(),
  jobId: z.number().int().nullable(),
  numberCount: count,
  /** per step, how many of its numbers are in each state (as the pollers last saw them) */
  stepCounts: z.object({
    osrUpdate: stepStateCountsSchema,
    platformProvisioning: stepStateCountsSchema,
    campaignProvisioning: stepStateCountsSchema,
  }),
  /** Sinch's report, null until read */
  report: orderReportSchema.nullable(),
  /** numbers with at least one failed step */
  failedNumbers: count,
  remoteCreatedAt: isoDateTime.nullable(),
  remoteUpdatedAt: isoDateTime.nullable(),
  /** when we last read the order from Sinch; null = never */
  checkedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

/** One number inside an order: each step's state and failure, and the carriers. */
export const orderNumberSchema = z.object({
  phone: z.string(),
  steps: z.object({
    osrUpdate: stepSchema,
    platformProvisioning: stepSchema,
    campaignProvisioning: stepSchema,
  }),
  carriers: z.object({ smsAtt: stepSchema, smsTmo: stepSchema, mmsAtt: stepSchema, mmsTmo: stepSchema }),
  /** the overall outcome Sinch reported for this number (HOSTING_PROCESS), null while running */
  outcome: z.enum(['hosted', 'failed']).nullable(),
  /** the first failure of any step, for a one-line cell */
  failure: failureSchema.nullable(),
  updatedAt: isoDateTime,
});
export type OrderNumber = z.infer<typeof orderNumberSchema>;

export const orderDetailSchema = orderSummarySchema.extend({
  /** every number of the order (an order carries at most 500) */
  numbers: z.array(orderNumberSchema).max(500),
});
export type OrderDetail = z.infer<typeof orderDetailSchema>;

export const orderCountsSchema = z.object(
  Object.fromEntries(ORDER_STATES.map((s) => [s, count])) as Record<OrderState, typeof count>,
);
export type OrderCounts = z.infer<typeof orderCountsSchema>;

const orderId = z.string().trim().min(1).max(100);

export const ordersChannels = {
  'orders.list': channel(
    pageRequest
      .extend({
        ...offsetWindow,
        states: z.array(orderStateSchema).max(ORDER_STATES.length).optional(),
        types: z.array(orderTypeSchema).max(ORDER_TYPES.length).optional(),
        /** only orders Sinch is still working on (ORDER_STATES_IN_FLIGHT); combines with `states` as AND */
        inFlight: z.boolean().optional(),
        batchId: z.string().max(64).optional(),
        origin: z.enum(['app', 'adopted']).optional(),
        /** part of an order id, or a phone number (any part of it) the order carries */
        text: z.string().trim().min(1).max(100).optional(),
      })
      .strict()
      .refine(...cursorOrOffset),
    page(orderSummarySchema).extend({ counts: orderCountsSchema }),
  ),
  /** One order with Sinch's report counts and each number's steps (failure codes included). */
  'orders.get': channel(z.object({ id: orderId }).strict(), orderDetailSchema),
  /**
   * Read these orders from Sinch now (order, report, numbers) instead of waiting for the next poll;
   * without ids, every order in flight (at most 50 per call, oldest check first).
   */
  'orders.refresh': channel(
    z.object({ ids: z.array(orderId).min(1).max(50).optional() }).strict(),
    z.object({
      items: z.array(orderSummarySchema),
      /** orders that could not be read, with the reason in words */
      failed: z.array(z.object({ id: z.string(), message: z.string() })),
    }),
  ),
  /**
   * Adopt orders created outside the app: list Sinch's orders for this service plan and campaign in
   * every state × type (the list endpoint requires all four filters) and keep what it finds.
   */
  'orders.discover': channel(
    z
      .object({
        servicePlanId: z.string().trim().min(1).max(100),
        /** required by Sinch's list endpoint */
        campaignId: z.string().trim().min(1).max(100),
        regionCode: z.enum(REGION_CODES).optional(),
      })
      .strict(),
    z.object({
      /** orders Sinch listed */
      found: count,
      /** of those, new to this workspace */
      adopted: count,
      /** of those, already known and updated */
      updated: count,
      /** list requests made */
      requests: count,
      /** ids of the adopted orders (first 500) */
      adoptedIds: z.array(z.string()).max(500),
    }),
  ),
};

export const ordersEvents = {
  /** Orders changed (ids, coalesced) and the new totals per state; re-query the page or order shown. */
  'orders.changed': z.object({ ids: z.array(z.string()), counts: orderCountsSchema }),
};
