/**
 * The simulator's own records. Deliberately not the client's DTOs (shared/sinch): the simulator stands in
 * for Sinch and implements REFERENCE.md itself; `wire.ts` turns these records into the spec's JSON.
 */

/*
 * The spec's enum value lists (REFERENCE §7.1) are facts about the API, not client assumptions: they come
 * from shared/sinch/enums.ts, the one place they are written down.
 */
import {
  CALLBACK_FAILURE_CODES,
  GLOBAL_PROCESS_STATES,
  HOSTING_ORDER_STATES,
  HOSTING_ORDER_TYPES,
  STEP_STATES,
} from '../../shared/sinch/enums';
import type {
  GlobalProcessState,
  HostingOrderState,
  HostingOrderType,
  ProvisioningType,
  StepState,
} from '../../shared/sinch/enums';

// The enum types are the shared ones (one name, one meaning); re-exported for the simulator's modules.
export type { GlobalProcessState, HostingOrderState, HostingOrderType, ProvisioningType, StepState };

export { GLOBAL_PROCESS_STATES, HOSTING_ORDER_STATES, HOSTING_ORDER_TYPES, STEP_STATES };
export const CARRIERS = ['smsAtt', 'smsTmo', 'mmsAtt', 'mmsTmo'] as const;
export type Carrier = (typeof CARRIERS)[number];

export const FAILURE_CODES = CALLBACK_FAILURE_CODES;
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
  /** the same for every number of one request: the key of its body (`Sandbox.createRequestBody`) */
  requestId: number;
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
