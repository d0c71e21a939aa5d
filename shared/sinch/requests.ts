import { z } from 'zod';
import {
  globalProcessState,
  hostingOrderState,
  hostingOrderType,
  orderBy,
  searchPattern,
  stepState,
} from './enums';
import { sinchPhoneNumber, sinchRegionCode } from './phone';

/**
 * Request-side shapes: what the client sends (REFERENCE.md §5, §6). Top-level request bodies are strict
 * so a misspelt key (`authorizedPerson`, `voiceCarrier`) fails here instead of being silently ignored
 * by Sinch; nested LOA objects strip unknown keys so the spec's own (defective) toll-free example,
 * which nests common fields inside `directLoaInfo` (§9 #4), still parses.
 */

// ── path parameters ─────────────────────────────────────────────────────────────────────────────────

export const phoneNumberPath = z.object({ phoneNumber: sinchPhoneNumber });
export const hostingOrderIdPath = z.object({ hostingOrderId: z.string().min(1) });
export const hostingOrderNumberPath = z.object({
  hostingOrderId: z.string().min(1),
  phoneNumber: sinchPhoneNumber,
});

// ── list queries (§3.4, §5) ─────────────────────────────────────────────────────────────────────────

const pagination = {
  /** The server may cap it (§3.4). */
  pageSize: z.number().int().positive().optional(),
  /** Opaque: only ever a `nextPageToken` the server returned. */
  pageToken: z.string().optional(),
  orderBy: orderBy.optional(),
};

/** (1) Keys are the wire names, dots included. `servicePlanId` and `campaignId` are required (§5.1). */
export const listImportedNumbersQuery = z.strictObject({
  servicePlanId: z.string(),
  campaignId: z.string(),
  regionCode: sinchRegionCode.optional(),
  /** With `START` include the `+` (sent as `%2B`). */
  'numberPattern.pattern': z.string().optional(),
  'numberPattern.searchPattern': searchPattern.optional(),
  ...pagination,
});
export type ListImportedNumbersQuery = z.infer<typeof listImportedNumbersQuery>;

/** `states` may be repeated (`states=A&states=B`; §5.2 (6), §10 #3). */
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]);

/** (6) All four of `states`, `type`, `servicePlanId`, `campaignId` are required (§5.2 (6), §9 #6). */
export const listHostingOrdersQuery = z.strictObject({
  states: oneOrMany(hostingOrderState),
  type: hostingOrderType,
  servicePlanId: z.string(),
  campaignId: z.string(),
  regionCode: sinchRegionCode.optional(),
  ...pagination,
});
export type ListHostingOrdersQuery = z.infer<typeof listHostingOrdersQuery>;

/** (9) The order id is a path parameter; the three step filters are optional. */
export const listHostingOrderNumbersQuery = z.strictObject({
  osrUpdateState: stepState.optional(),
  campaignProvisioningState: stepState.optional(),
  platformProvisioningState: stepState.optional(),
  ...pagination,
});
export type ListHostingOrderNumbersQuery = z.infer<typeof listHostingOrderNumbersQuery>;

/** (14) `states` is required (§5.3 (14)). */
export const listQualifiedNumbersQuery = z.strictObject({
  states: oneOrMany(globalProcessState),
  regionCode: sinchRegionCode.optional(),
  ...pagination,
});
export type ListQualifiedNumbersQuery = z.infer<typeof listQualifiedNumbersQuery>;

// ── LOA objects (§6.8) ──────────────────────────────────────────────────────────────────────────────

const required = z.string().min(1);

export const loaAuthorisedPerson = z.object({ firstName: required, lastName: required, email: required });
export type LoaAuthorisedPerson = z.infer<typeof loaAuthorisedPerson>;

/** `postalCode` is a string: leading zeros matter (`01002`). `country`: `US` or `USA` (§9 #9). */
export const loaAddress = z.object({
  buildingNumber: required,
  street: required,
  city: required,
  state: required,
  postalCode: required,
  country: required,
});
export type LoaAddress = z.infer<typeof loaAddress>;

export const directLoaInfo = z.object({
  authorisedPerson: loaAuthorisedPerson,
  address: loaAddress,
  currentVoiceCarrier: required,
});
export type DirectLoaInfo = z.infer<typeof directLoaInfo>;

export const resellerLoaInfo = z.object({
  businessName: required,
  authorisedPerson: loaAuthorisedPerson,
  address: loaAddress,
  currentVoiceCarrier: required,
});
export type ResellerLoaInfo = z.infer<typeof resellerLoaInfo>;

/** Sent as `{}`; usable only once a blanket LOA was approved through the account manager (§6.8). */
export const blanketLoaInfo = z.object({});
export type BlanketLoaInfo = z.infer<typeof blanketLoaInfo>;

const LOA_KEYS = ['directLoaInfo', 'resellerLoaInfo', 'blanketLoaInfo'] as const;

/** The spec does not say `oneOf`, but an order needs exactly one LOA (§6.9): reject none or several. */
function exactlyOneLoa(keys: readonly (typeof LOA_KEYS)[number][]) {
  return (body: Partial<Record<(typeof LOA_KEYS)[number], unknown>>, ctx: z.RefinementCtx) => {
    const present = keys.filter((k) => body[k] !== undefined);
    if (present.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: present.length === 0 ? [] : [present[1] ?? present[0] ?? ''],
        message: `exactly one of ${keys.join(', ')} is required (got ${present.length})`,
      });
    }
  };
}

// ── bodies ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * (2) `CreateImportedNumberRequest`. `phoneNumber` is not flagged required in the spec but an import
 * without it is meaningless (§9 #7). `migrateToSinchTmo` may be sent (§9 #3).
 */
export const createImportedNumberRequest = z.strictObject({
  phoneNumber: sinchPhoneNumber,
  regionCode: sinchRegionCode,
  smsConfiguration: z.strictObject({
    servicePlanId: required,
    campaignId: z.string().optional(),
    migrateToSinchTmo: z.boolean().optional(),
  }),
  displayName: z.string().optional(),
  callbackUrl: z.string().optional(),
  /** Redundant with the path (§5.1 (2)). */
  projectId: z.string().optional(),
});
export type CreateImportedNumberRequest = z.infer<typeof createImportedNumberRequest>;

/**
 * (4) PATCH body: only the keys present are changed. `""` unlinks a service plan or campaign; relinking
 * to a new value needs a separate request after the unlink (§5.1 (4)). An empty body is refused: the
 * server derives its field mask from the keys present and answers 400 without one.
 */
export const updateImportedNumberRequest = z
  .strictObject({
    displayName: z.string().optional(),
    smsConfiguration: z
      .strictObject({
        servicePlanId: z.string().optional(),
        campaignId: z.string().optional(),
      })
      .optional(),
    callbackUrl: z.string().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'at least one field to update is required',
  });
export type UpdateImportedNumberRequest = z.infer<typeof updateImportedNumberRequest>;

/**
 * (11) `ImportNumbersRequest`. The 5-numbers-per-order limit is an account default that can be raised
 * (§5.2 (11)), so it is the planner's setting, not a schema rule.
 */
export const importNumbersRequest = z.strictObject({
  regionCode: sinchRegionCode,
  numbers: z.array(sinchPhoneNumber).min(1),
  servicePlanId: required,
  projectId: z.string().optional(),
  displayName: z.string().optional(),
  campaignId: z.string().optional(),
  callbackUrl: z.string().optional(),
  /** Writable here (§5.2 (11)): set after T-Mobile error 60135. */
  migrateToSinchTmo: z.boolean().optional(),
});
export type ImportNumbersRequest = z.infer<typeof importNumbersRequest>;

/** (12) and (18) `TextEnableNumbersRequest` — up to 500 numbers, exactly one LOA object (§6.9). */
export const textEnableNumbersRequest = z
  .strictObject({
    regionCode: sinchRegionCode,
    numbers: z.array(sinchPhoneNumber).min(1).max(500),
    servicePlanId: required,
    projectId: z.string().optional(),
    displayName: z.string().optional(),
    nnid: z.string().optional(),
    campaignId: z.string().optional(),
    directLoaInfo: directLoaInfo.optional(),
    resellerLoaInfo: resellerLoaInfo.optional(),
    blanketLoaInfo: blanketLoaInfo.optional(),
    scheduledOsrUpdateTime: z.string().optional(),
    migrateToSinchTmo: z.boolean().optional(),
    callbackUrl: z.string().optional(),
  })
  .superRefine(exactlyOneLoa(LOA_KEYS));
export type TextEnableNumbersRequest = z.infer<typeof textEnableNumbersRequest>;

/**
 * (13) and (19) `TextEnableTollFreeNumbersRequest`. The spec nests the common part under a property
 * literally named `allOf` (§6.10, §9 #4); on the wire the common fields are top level, next to exactly
 * one of `directLoaInfo` / `resellerLoaInfo`. No campaign, NNID, blanket LOA or OSR time for toll-free.
 * `projectId` is "required" in the spec's common part but redundant with the path (§9 #8): optional.
 */
export const textEnableTollFreeNumbersRequest = z
  .strictObject({
    regionCode: sinchRegionCode,
    numbers: z.array(sinchPhoneNumber).min(1).max(500),
    servicePlanId: required,
    projectId: z.string().optional(),
    displayName: z.string().optional(),
    scheduledZipwhipProvisioningTime: z.string().optional(),
    migrateToSinchTmo: z.boolean().optional(),
    callbackUrl: z.string().optional(),
    directLoaInfo: directLoaInfo.optional(),
    resellerLoaInfo: resellerLoaInfo.optional(),
  })
  .superRefine(exactlyOneLoa(['directLoaInfo', 'resellerLoaInfo']));
export type TextEnableTollFreeNumbersRequest = z.infer<typeof textEnableTollFreeNumbersRequest>;

/** (17) `BatchCreateQualifiedNumbersRequest`. */
export const batchCreateQualifiedNumbersRequest = z.strictObject({
  phoneNumbers: z.array(sinchPhoneNumber).min(1),
});
export type BatchCreateQualifiedNumbersRequest = z.infer<typeof batchCreateQualifiedNumbersRequest>;

/** (21) `VerifyVoiceChallengeRequest`. */
export const verifyVoiceChallengeRequest = z.strictObject({ code: required });
export type VerifyVoiceChallengeRequest = z.infer<typeof verifyVoiceChallengeRequest>;

/** (23) `CallbackConfigurationUpdate`. */
export const callbackConfigurationUpdate = z.strictObject({ hmacSecret: z.string().optional() });
export type CallbackConfigurationUpdate = z.infer<typeof callbackConfigurationUpdate>;
