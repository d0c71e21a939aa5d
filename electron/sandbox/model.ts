/**
 * The simulator's own records. Deliberately not the client's DTOs (shared/sinch): the simulator stands in
 * for Sinch and implements REFERENCE.md itself; `wire.ts` turns these records into the spec's JSON.
 */

/** REFERENCE §7.1 `State`. */
export type StepState = 'DONE' | 'FAILED' | 'IN_PROGRESS' | 'WAITING' | 'STATE_UNSPECIFIED';
export type ProvisioningType = 'PROVISIONING' | 'DEPROVISIONING';
export const CARRIERS = ['smsAtt', 'smsTmo', 'mmsAtt', 'mmsTmo'] as const;
export type Carrier = (typeof CARRIERS)[number];

export type HostingOrderState =
  | 'HOSTING_ORDER_STATE_UNSPECIFIED'
  | 'DRAFT'
  | 'SUBMITTED'
  | 'WAITING_FOR_LOA_SIGNATURE'
  | 'IN_PROGRESS'
  | 'COMPLETED'
  | 'REJECTED';
export const HOSTING_ORDER_STATES: readonly HostingOrderState[] = [
  'HOSTING_ORDER_STATE_UNSPECIFIED',
  'DRAFT',
  'SUBMITTED',
  'WAITING_FOR_LOA_SIGNATURE',
  'IN_PROGRESS',
  'COMPLETED',
  'REJECTED',
];
export type HostingOrderType = 'HOSTING_ORDER_TYPE_UNSPECIFIED' | 'IMPORT' | 'TYPE_TEXT_ENABLE';
export const HOSTING_ORDER_TYPES: readonly HostingOrderType[] = [
  'HOSTING_ORDER_TYPE_UNSPECIFIED',
  'IMPORT',
  'TYPE_TEXT_ENABLE',
];

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
export type GlobalProcessState = (typeof GLOBAL_PROCESS_STATES)[number];

export const STEP_STATES: readonly StepState[] = [
  'DONE',
  'FAILED',
  'IN_PROGRESS',
  'WAITING',
  'STATE_UNSPECIFIED',
];

export const FAILURE_CODES = [
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
export type FailureCode = (typeof FAILURE_CODES)[number];

export type Project = { projectId: string; keyId: string; keySecret: string; hmacSecret: string };
export type AccessToken = { token: string; keyId: string; expiresAtReal: number };

export type ProvisioningRec = {
  type: ProvisioningType;
  serviceId: string;
  state: StepState;
  updateTime: number;
  errorCode: string;
  errorMessage: string;
};
export type CarrierRec = {
  state: StepState;
  errorCode: string;
  errorMessage: string;
  updateTime: number;
  operation: ProvisioningType | 'OPERATION_UNSPECIFIED';
};

export type ImportedNumberRec = {
  projectId: string;
  phoneNumber: string;
  regionCode: string;
  displayName: string;
  servicePlanId: string;
  campaignId: string;
  migrateToSinchTmo: boolean;
  callbackUrl: string;
  createdTime: number;
  updatedTime: number;
  sms: ProvisioningRec;
  campaign: ProvisioningRec;
  carriers: Record<Carrier, CarrierRec>;
  /** Simulated time of the next provisioning step; null when nothing is pending. */
  nextAt: number | null;
  lastJobFailed: boolean;
};

export type QualifiedNumberRec = {
  projectId: string;
  phoneNumber: string;
  regionCode: string;
  globalProcessState: GlobalProcessState;
  osrEligibility: { status: StepState; error: string };
  ownershipVerification: { status: StepState; error: string };
  hostedNumber: { status: 0 | 1 | 2; error: string };
  createdTime: number;
  updatedTime: number;
  /** When the automatic eligibility decision happens (null: waits for the control surface). */
  decideAt: number | null;
  requireVerification: boolean;
  voiceCode: string | null;
  failedAttempts: number;
};

export type LoaKind = 'direct' | 'reseller' | 'blanket' | 'none';
export type OrderStep = 'osr' | 'platform' | 'campaign' | 'carriers';

export type HostingOrderRec = {
  projectId: string;
  hostingOrderId: string;
  displayName: string;
  regionCode: string;
  state: HostingOrderState;
  type: HostingOrderType;
  createdTime: number;
  updatedTime: number;
  scheduledOsrUpdateTime: number | null;
  scheduledZipwhipProvisioningTime: number | null;
  servicePlanId: string;
  campaignId: string;
  migrateToSinchTmo: boolean;
  textEnableInfo: Record<string, unknown> | null;
  callbackUrl: string;
  tollFree: boolean;
  loa: LoaKind;
  nnid: string;
  numbers: string[];
  /** The steps every number goes through, in order (REFERENCE §7.4). */
  steps: OrderStep[];
  /** Position in the pipeline: -1 before processing; 2*i = step i starts, 2*i+1 = step i ends. */
  cursor: number;
  nextAt: number | null;
};

export type OrderNumberRec = {
  projectId: string;
  hostingOrderId: string;
  phoneNumber: string;
  osrUpdate: { nnid: string; state: StepState };
  campaignProvisioning: { campaignId: string; state: StepState };
  platformProvisioning: { servicePlanId: string; state: StepState };
  carriers: Record<
    Carrier,
    { state: StepState; errorCode: string; errorMessage: string; updateTime: number }
  >;
  createdTime: number;
  updatedTime: number;
  failed: boolean;
  failureCode: string;
};

export type InjectedFailure = { step: 'osr' | 'platform' | 'campaign'; failureCode: string };

export type CreateOperation =
  | 'importNumber'
  | 'hostingOrders:importNumbers'
  | 'qualifiedNumbers:addNumbers'
  | 'hostingOrders:textEnableNumbers'
  | 'hostingOrders:textEnableTollFreeNumbers'
  | 'qualifiedNumbers:textEnableNumbers'
  | 'qualifiedNumbers:textEnableTollFreeNumbers';

/** One create request as the simulator received it, per number (accepted or refused). */
export type CreateRequestRec = {
  seq: number;
  at: string;
  operation: CreateOperation;
  projectId: string;
  phoneNumber: string;
  outcome: 'ACCEPTED' | 'REFUSED';
  httpStatus: number;
  hostingOrderId?: string;
  reason?: string;
};

export type CallbackRec = {
  id: string;
  url: string;
  projectId: string;
  body: string;
  attempts: number;
  nextAt: number;
  state: 'PENDING' | 'DELIVERED' | 'GAVE_UP';
  lastStatus?: number | string;
  signature?: string;
};
