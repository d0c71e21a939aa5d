import { z } from 'zod';
import {
  carrierOperation,
  globalProcessState,
  hostingOrderState,
  hostingOrderType,
  provisioningType,
  serviceType,
  stepState,
} from './enums';

/**
 * Response-side shapes (REFERENCE.md §6). Every object is `.loose()`: unknown fields are kept and
 * tolerated, because the Numbers family adds optional fields without notice (§3.7). Every field is
 * optional, as in the spec: null values may simply be omitted (§3.7). Timestamps stay strings — the
 * live service sometimes drops the zone designator (§3.2), so `datetime()` would reject real data.
 */

/** §9 #5: the spec types these as integer enums, the sister API sends strings. Accept both. */
export const intOrString = z.union([z.number().int(), z.string()]);

export const scheduledProvisioning = z
  .object({
    servicePlanId: z.string().optional(),
    status: intOrString.optional(),
    lastUpdatedTime: z.string().optional(),
    campaignId: z.string().optional(),
    errorCodes: z.array(intOrString).optional(),
  })
  .loose();
export type ScheduledProvisioning = z.infer<typeof scheduledProvisioning>;

export const smsConfiguration = z
  .object({
    servicePlanId: z.string().optional(),
    campaignId: z.string().optional(),
    scheduledProvisioning: scheduledProvisioning.optional(),
    migrateToSinchTmo: z.boolean().optional(),
  })
  .loose();
export type SmsConfiguration = z.infer<typeof smsConfiguration>;

/** `ImportedNumber` — the response of import (POST) and update (PATCH). */
export const importedNumber = z
  .object({
    phoneNumber: z.string().optional(),
    projectId: z.string().optional(),
    regionCode: z.string().optional(),
    displayName: z.string().optional(),
    smsConfiguration: smsConfiguration.optional(),
    callbackUrl: z.string().optional(),
  })
  .loose();
export type ImportedNumber = z.infer<typeof importedNumber>;

/** `CarrierState` (§6.4); inside `mnoConfiguration` it also carries `operation`. */
export const carrierState = z
  .object({
    state: stepState.optional(),
    errorCode: z.string().optional(),
    errorMessage: z.string().optional(),
    updateTime: z.string().optional(),
  })
  .loose();
export type CarrierState = z.infer<typeof carrierState>;

export const mnoCarrierState = carrierState.extend({ operation: carrierOperation.optional() }).loose();

export const mnoConfiguration = z
  .object({
    smsAtt: mnoCarrierState.optional(),
    smsTmo: mnoCarrierState.optional(),
    mmsAtt: mnoCarrierState.optional(),
    mmsTmo: mnoCarrierState.optional(),
  })
  .loose();
export type MnoConfiguration = z.infer<typeof mnoConfiguration>;

/** `smsProvisioning` and `campaignProvisioning` share these seven fields (§6.4). */
export const serviceProvisioning = z
  .object({
    serviceType: serviceType.optional(),
    serviceId: z.string().optional(),
    type: provisioningType.optional(),
    state: stepState.optional(),
    updateTime: z.string().optional(),
    errorMessage: z.string().optional(),
    errorCode: z.string().optional(),
  })
  .loose();
export type ServiceProvisioning = z.infer<typeof serviceProvisioning>;

/** `ImportedNumberResponse` = `ImportedNumber` + the three progress objects (flattened `allOf`, §6.4). */
export const importedNumberResponse = importedNumber
  .extend({
    mnoConfiguration: mnoConfiguration.optional(),
    smsProvisioning: serviceProvisioning.optional(),
    campaignProvisioning: serviceProvisioning.optional(),
  })
  .loose();
export type ImportedNumberResponse = z.infer<typeof importedNumberResponse>;

/** `AuthorizedPerson` — the wire key that holds it is always `authorisedPerson` (British spelling). */
export const authorisedPerson = z
  .object({
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
  })
  .loose();
export type AuthorisedPerson = z.infer<typeof authorisedPerson>;

/** `country` is `US` in request examples and `USA` in the schema example (§9 #9): accept any string. */
export const address = z
  .object({
    buildingNumber: z.string(),
    street: z.string(),
    city: z.string(),
    state: z.string(),
    postalCode: z.string(),
    country: z.string(),
  })
  .loose();
export type Address = z.infer<typeof address>;

/**
 * `TextEnableInfo` as read from a hosting order. `loaType` is a plain string here because the spec's
 * own examples send `DIRECT` where the schema says `Direct` (§9 #2) — use `normalizeLoaType`.
 * Nested objects are optional and loose: a response is never rejected for a missing LOA detail.
 */
export const textEnableInfo = z
  .object({
    businessName: z.string().optional(),
    authorisedPerson: authorisedPerson.partial().loose().optional(),
    address: address.partial().loose().optional(),
    serviceProvider: z.string().optional(),
    currentVoiceCarrier: z.string().optional(),
    nnid: z.string().optional(),
    loaType: z.string().optional(),
  })
  .loose();
export type TextEnableInfo = z.infer<typeof textEnableInfo>;

/** Fields shared by `HostingOrder` and `ImportHostingOrder` (§6.5, §6.6). */
const hostingOrderCommon = {
  projectId: z.string().optional(),
  hostingOrderId: z.string().optional(),
  displayName: z.string().optional(),
  regionCode: z.string().optional(),
  state: hostingOrderState.optional(),
  type: hostingOrderType.optional(),
  createdTime: z.string().optional(),
  updatedTime: z.string().optional(),
  servicePlanId: z.string().optional(),
  campaignId: z.string().optional(),
  migrateToSinchTmo: z.boolean().optional(),
  callbackUrl: z.string().optional(),
};

/**
 * `HostingOrder`. The schema names the LOA block `textEnableInfo`, both spec examples call it
 * `hostingOrderInfo` (§6.5, §9 #2): both are read; use `hostingOrderLoaInfo()` to get whichever is set.
 */
export const hostingOrder = z
  .object({
    ...hostingOrderCommon,
    scheduledOsrUpdateTime: z.string().optional(),
    textEnableInfo: textEnableInfo.optional(),
    hostingOrderInfo: textEnableInfo.optional(),
  })
  .loose();
export type HostingOrder = z.infer<typeof hostingOrder>;

export function hostingOrderLoaInfo(order: HostingOrder): TextEnableInfo | undefined {
  return order.textEnableInfo ?? order.hostingOrderInfo;
}

/** `ImportHostingOrder` — response of `hostingOrders:importNumbers` (§6.6). `numberImport` (§9 #10) passes through. */
export const importHostingOrder = z.object(hostingOrderCommon).loose();
export type ImportHostingOrder = z.infer<typeof importHostingOrder>;

/** `HostingOrderNumber` (§6.11): three steps and four carrier states (without `operation`). */
export const hostingOrderNumber = z
  .object({
    projectId: z.string().optional(),
    hostingOrderId: z.string().optional(),
    phoneNumber: z.string().optional(),
    osrUpdate: z.object({ nnid: z.string().optional(), state: stepState.optional() }).loose().optional(),
    campaignProvisioning: z
      .object({ campaignId: z.string().optional(), state: stepState.optional() })
      .loose()
      .optional(),
    platformProvisioning: z
      .object({ servicePlanId: z.string().optional(), state: stepState.optional() })
      .loose()
      .optional(),
    smsAtt: carrierState.optional(),
    smsTmo: carrierState.optional(),
    mmsAtt: carrierState.optional(),
    mmsTmo: carrierState.optional(),
  })
  .loose();
export type HostingOrderNumber = z.infer<typeof hostingOrderNumber>;

/** `HostingOrderReport` (§6.12); the spec example lacks `ongoingManualAction` (§9 #12). */
export const hostingOrderReport = z
  .object({
    total: z.number().int().optional(),
    osrUpdated: z.number().int().optional(),
    smsProvisioned: z.number().int().optional(),
    addedToCampaign: z.number().int().optional(),
    ongoingManualAction: z.number().int().optional(),
  })
  .loose();
export type HostingOrderReport = z.infer<typeof hostingOrderReport>;

const statusWithError = z.object({ status: stepState.optional(), error: z.string().optional() }).loose();

/** `QualifiedNumber` (§6.13). `hostedNumber.status` is 0|1|2 per spec; the name form is also accepted. */
export const qualifiedNumber = z
  .object({
    phoneNumber: z.string().optional(),
    projectId: z.string().optional(),
    regionCode: z.string().optional(),
    globalProcessState: globalProcessState.optional(),
    osrEligibility: statusWithError.optional(),
    ownershipVerification: statusWithError.optional(),
    hostedNumber: z
      .object({ status: intOrString.optional(), error: z.string().optional() })
      .loose()
      .optional(),
    createdTime: z.string().optional(),
    updatedTime: z.string().optional(),
  })
  .loose();
export type QualifiedNumber = z.infer<typeof qualifiedNumber>;

/**
 * List envelopes (§3.4): `nextPageToken` empty or absent means last page; `totalSize` counts all pages.
 */
const page = {
  nextPageToken: z.string().optional(),
  totalSize: z.number().int().optional(),
};

export const listImportedNumbersResponse = z
  .object({ importedNumbers: z.array(importedNumberResponse).optional(), ...page })
  .loose();
export type ListImportedNumbersResponse = z.infer<typeof listImportedNumbersResponse>;
export const listHostingOrdersResponse = z
  .object({ hostingOrders: z.array(hostingOrder).optional(), ...page })
  .loose();
export type ListHostingOrdersResponse = z.infer<typeof listHostingOrdersResponse>;
export const listHostingOrderNumbersResponse = z
  .object({ numbers: z.array(hostingOrderNumber).optional(), ...page })
  .loose();
export type ListHostingOrderNumbersResponse = z.infer<typeof listHostingOrderNumbersResponse>;
export const listQualifiedNumbersResponse = z
  .object({ qualifiedNumbers: z.array(qualifiedNumber).optional(), ...page })
  .loose();
export type ListQualifiedNumbersResponse = z.infer<typeof listQualifiedNumbersResponse>;

export const batchCreateQualifiedNumbersResponse = z
  .object({ qualifiedNumbers: z.array(qualifiedNumber).optional() })
  .loose();
export type BatchCreateQualifiedNumbersResponse = z.infer<typeof batchCreateQualifiedNumbersResponse>;

export const textEnableResponse = z.object({ hostingOrderId: z.string().optional() }).loose();
export type TextEnableResponse = z.infer<typeof textEnableResponse>;

/** `GET callbackConfiguration` returns the secret in clear per spec (§5.4, §10 #16). */
export const callbackConfiguration = z
  .object({ projectId: z.string().optional(), hmacSecret: z.string().optional() })
  .loose();
export type CallbackConfiguration = z.infer<typeof callbackConfiguration>;

/** DELETE answers 200 with no content or `{}` (§5.1 (5), §10 #15); the client maps no content to `{}`. */
export const emptyResponse = z.object({}).loose();
export type EmptyResponse = z.infer<typeof emptyResponse>;
