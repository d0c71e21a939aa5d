import { z } from 'zod';

/**
 * Every enum of the API, with the exact wire values of REFERENCE.md §7.1. Each value list is exported
 * as a tuple (for the simulator's state machines) and as a zod enum (for parsing).
 */

export const REGION_CODES = ['US', 'CA'] as const;
/** SMS enablement exists only for US and CA (REFERENCE.md §1, §3.1). */
export const regionCode = z.enum(REGION_CODES);
export type SinchRegionCode = z.infer<typeof regionCode>;

export const HOSTING_ORDER_STATES = [
  'HOSTING_ORDER_STATE_UNSPECIFIED',
  'DRAFT',
  'SUBMITTED',
  'WAITING_FOR_LOA_SIGNATURE',
  'IN_PROGRESS',
  'COMPLETED',
  'REJECTED',
] as const;
export const hostingOrderState = z.enum(HOSTING_ORDER_STATES);
export type HostingOrderState = z.infer<typeof hostingOrderState>;

export const HOSTING_ORDER_TYPES = ['HOSTING_ORDER_TYPE_UNSPECIFIED', 'IMPORT', 'TYPE_TEXT_ENABLE'] as const;
export const hostingOrderType = z.enum(HOSTING_ORDER_TYPES);
export type HostingOrderType = z.infer<typeof hostingOrderType>;

/** Wire values carry the `GLOBAL_PROCESS_STATE_` prefix even where Sinch's guide abbreviates them. */
export const GLOBAL_PROCESS_STATES = [
  'GLOBAL_PROCESS_STATE_UNSPECIFIED',
  'GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING',
  'GLOBAL_PROCESS_STATE_ELIGIBLE',
  'GLOBAL_PROCESS_STATE_NOT_ELIGIBLE',
  'GLOBAL_PROCESS_STATE_VERIFICATION_PENDING',
  'GLOBAL_PROCESS_STATE_VERIFICATION_FAILED',
  'GLOBAL_PROCESS_STATE_VERIFICATION_BLOCKED',
  'GLOBAL_PROCESS_STATE_VERIFIED',
  'GLOBAL_PROCESS_STATE_HOSTING_IN_PROGRESS',
  'GLOBAL_PROCESS_STATE_HOSTING_DONE',
  'GLOBAL_PROCESS_STATE_HOSTING_FAILED',
] as const;
export const globalProcessState = z.enum(GLOBAL_PROCESS_STATES);
export type GlobalProcessState = z.infer<typeof globalProcessState>;

/** Per-step and per-carrier state (`State` in the spec). */
export const STEP_STATES = ['DONE', 'FAILED', 'IN_PROGRESS', 'WAITING', 'STATE_UNSPECIFIED'] as const;
export const stepState = z.enum(STEP_STATES);
export type StepState = z.infer<typeof stepState>;

/** `mnoConfiguration.*.operation` (`Operation` in the spec). */
export const CARRIER_OPERATIONS = ['PROVISIONING', 'DEPROVISIONING', 'OPERATION_UNSPECIFIED'] as const;
export const carrierOperation = z.enum(CARRIER_OPERATIONS);
export type CarrierOperation = z.infer<typeof carrierOperation>;

/** `smsProvisioning.type` / `campaignProvisioning.type` (`Type` in the spec). */
export const PROVISIONING_TYPES = ['PROVISIONING', 'DEPROVISIONING'] as const;
export const provisioningType = z.enum(PROVISIONING_TYPES);
export type ProvisioningType = z.infer<typeof provisioningType>;

export const SERVICE_TYPES = ['SMS', 'CAMPAIGN'] as const;
export const serviceType = z.enum(SERVICE_TYPES);
export type ServiceType = z.infer<typeof serviceType>;

/**
 * The schema says `Direct`/`Reseller`, the spec's examples send `DIRECT` (REFERENCE.md §9 #2).
 * We emit the schema spelling and compare case-insensitively (see `normalizeLoaType`).
 */
export const LOA_TYPES = ['Direct', 'Reseller'] as const;
export const loaType = z.enum(LOA_TYPES);
export type LoaType = z.infer<typeof loaType>;
export function normalizeLoaType(value: string | undefined): LoaType | undefined {
  const lower = value?.toLowerCase();
  if (lower === 'direct') return 'Direct';
  if (lower === 'reseller') return 'Reseller';
  return undefined;
}

/** `QualifiedNumber.hostedNumber.status` is an integer enum on the wire (REFERENCE.md §6.13). */
export const HOSTING_STATUS = {
  0: 'HOSTING_STATUS_UNSPECIFIED',
  1: 'HOSTING_STATUS_HOSTED',
  2: 'HOSTING_STATUS_FAILED',
} as const;

export const SEARCH_PATTERNS = ['START', 'CONTAIN', 'END'] as const;
export const searchPattern = z.enum(SEARCH_PATTERNS);
export type SearchPattern = z.infer<typeof searchPattern>;

export const ORDER_BY = ['createdTime', 'updatedTime'] as const;
export const orderBy = z.enum(ORDER_BY);
export type OrderBy = z.infer<typeof orderBy>;

export const CALLBACK_RESOURCE_TYPES = ['IMPORTED_NUMBER', 'HOSTING_ORDER_NUMBER'] as const;
export const callbackResourceType = z.enum(CALLBACK_RESOURCE_TYPES);

export const CALLBACK_EVENT_TYPES = [
  'PROVISIONING_TO_SMS_PLATFORM',
  'DEPROVISIONING_TO_SMS_PLATFORM',
  'LINK_TO_10DLC_CAMPAIGN',
  'UNLINK_TO_10DLC_CAMPAIGN',
  'HOSTING_PROCESS',
  'OSR_UPDATE',
  'DELETE',
] as const;
export const callbackEventType = z.enum(CALLBACK_EVENT_TYPES);
export type CallbackEventType = z.infer<typeof callbackEventType>;

export const CALLBACK_STATUSES = ['SUCCEEDED', 'FAILED'] as const;
export const callbackStatus = z.enum(CALLBACK_STATUSES);

export const CALLBACK_FAILURE_CODES = [
  'CAMPAIGN_NOT_AVAILABLE',
  'EXCEEDED_10DLC_LIMIT',
  'NUMBER_PROVISIONING_FAILED',
  'PARTNER_SERVICE_UNAVAILABLE',
  'CAMPAIGN_PENDING_ACCEPTANCE',
  'MNO_SHARING_ERROR',
  'CAMPAIGN_PROVISIONING_FAILED',
  'CAMPAIGN_EXPIRED',
  'CAMPAIGN_MNO_REJECTED',
  'CAMPAIGN_MNO_SUSPENDED',
  'CAMPAIGN_MNO_REVIEW',
  'INSUFFICIENT_BALANCE',
  'MOCK_CAMPAIGN_NOT_ALLOWED',
  'TFN_NOT_ALLOWED',
  'INVALID_NNID',
] as const;
export const callbackFailureCode = z.enum(CALLBACK_FAILURE_CODES);
export type CallbackFailureCode = z.infer<typeof callbackFailureCode>;

/** Canonical error `status` strings of the Numbers API family and their HTTP codes (REFERENCE.md §3.5). */
export const ERROR_STATUS_HTTP = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  FAILED_PRECONDITION: 400,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  UNKNOWN: 500,
} as const;
export type ErrorStatus = keyof typeof ERROR_STATUS_HTTP;
