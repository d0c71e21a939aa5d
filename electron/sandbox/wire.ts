import { iso } from './clock';
import {
  CARRIERS,
  type HostingOrderRec,
  type ImportedNumberRec,
  type OrderNumberRec,
  type ProvisioningRec,
  type QualifiedNumberRec,
} from './model';
import type { RuleViolation } from './rules';
import type { ErrorShape } from '../../shared/sinch/errors';

export type { ErrorShape };

/** What an operation answers: the HTTP layer writes it as JSON. */
export type Reply = { status: number; body: unknown; headers?: Record<string, string> };

const STATUS_TEXT: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
};

/** Which error shape an operation declares (REFERENCE §3.5): flat on most, wrapped on callbackConfiguration. */

/** §3.5 (a)/(b): the error body in the operation's declared shape, with field violations when given. */
export function apiError(
  shape: ErrorShape,
  status: number,
  message: string,
  violations: RuleViolation[] = [],
): Reply {
  const details = violations.length > 0 ? [{ type: 'BadRequest', fieldViolations: violations }] : undefined;
  const statusText = STATUS_TEXT[status] ?? 'UNKNOWN';
  if (shape === 'wrapped') {
    return { status, body: { error: { code: status, message, status: statusText, details: details ?? [] } } };
  }
  return {
    status,
    body: { code: String(status), message, status: statusText, ...(details ? { details } : {}) },
  };
}

const PROBLEM_BASE = 'https://developers.sinch.com/docs/errors/registry/';

/** §2.3 / §3.6: the gateway's RFC 7807-style problem body (401, 403, 429). */
export function problem(
  status: number,
  slug: string,
  title: string,
  detail: string,
  headers?: Record<string, string>,
): Reply {
  return { status, body: { type: PROBLEM_BASE + slug, title, detail }, ...(headers ? { headers } : {}) };
}

const provisioning = (serviceType: 'SMS' | 'CAMPAIGN', p: ProvisioningRec) => ({
  serviceType,
  serviceId: p.serviceId,
  type: p.type,
  state: p.state,
  updateTime: iso(p.updateTime),
  errorMessage: p.errorMessage,
  errorCode: p.errorCode,
});

/** §6.3: pending provisioning job; `status` and `errorCodes` are integers as the spec declares (§9 #5). */
const PROVISIONING_STATUS = { WAITING: 1, IN_PROGRESS: 2, FAILED: 3 } as const;

function scheduledProvisioning(n: ImportedNumberRec) {
  const pending = [n.sms, n.campaign].find((p) => p.state === 'WAITING' || p.state === 'IN_PROGRESS');
  if (!pending && !n.lastJobFailed) return undefined;
  const status = pending
    ? PROVISIONING_STATUS[pending.state as 'WAITING' | 'IN_PROGRESS']
    : PROVISIONING_STATUS.FAILED;
  return {
    servicePlanId: n.servicePlanId,
    status,
    lastUpdatedTime: iso(n.updatedTime),
    campaignId: n.campaignId,
    errorCodes: [] as number[],
  };
}

/** §6.1 `ImportedNumber` (import and update responses). */
export function importedNumber(n: ImportedNumberRec) {
  const scheduled = scheduledProvisioning(n);
  return {
    phoneNumber: n.phoneNumber,
    projectId: n.projectId,
    regionCode: n.regionCode,
    displayName: n.displayName,
    smsConfiguration: {
      servicePlanId: n.servicePlanId,
      campaignId: n.campaignId,
      migrateToSinchTmo: n.migrateToSinchTmo,
      ...(scheduled ? { scheduledProvisioning: scheduled } : {}),
    },
    callbackUrl: n.callbackUrl,
  };
}

/** §6.4 `ImportedNumberResponse` (get and list). */
export function importedNumberResponse(n: ImportedNumberRec) {
  const mno: Record<string, unknown> = {};
  for (const c of CARRIERS) {
    const s = n.carriers[c];
    mno[c] = {
      state: s.state,
      errorCode: s.errorCode,
      errorMessage: s.errorMessage,
      updateTime: iso(s.updateTime),
      operation: s.operation,
    };
  }
  return {
    ...importedNumber(n),
    mnoConfiguration: mno,
    smsProvisioning: provisioning('SMS', n.sms),
    campaignProvisioning: provisioning('CAMPAIGN', n.campaign),
  };
}

/** §6.6 `ImportHostingOrder`: `HostingOrder` minus `scheduledOsrUpdateTime` and `textEnableInfo`. */
export function importHostingOrder(o: HostingOrderRec) {
  return {
    projectId: o.projectId,
    hostingOrderId: o.hostingOrderId,
    displayName: o.displayName,
    regionCode: o.regionCode,
    state: o.state,
    type: o.type,
    createdTime: iso(o.createdTime),
    updatedTime: iso(o.updatedTime),
    servicePlanId: o.servicePlanId,
    campaignId: o.campaignId,
    migrateToSinchTmo: o.migrateToSinchTmo,
    callbackUrl: o.callbackUrl,
  };
}

/** §6.5 `HostingOrder`; the LOA data is emitted as `textEnableInfo` (§9 #2). */
export function hostingOrder(o: HostingOrderRec) {
  const base = importHostingOrder(o);
  return {
    ...base,
    ...(o.scheduledOsrUpdateTime !== null ? { scheduledOsrUpdateTime: iso(o.scheduledOsrUpdateTime) } : {}),
    ...(o.textEnableInfo ? { textEnableInfo: o.textEnableInfo } : {}),
  };
}

/** §6.11 `HostingOrderNumber` (carrier states here carry no `operation`). */
export function hostingOrderNumber(n: OrderNumberRec) {
  const carriers: Record<string, unknown> = {};
  for (const c of CARRIERS) {
    const s = n.carriers[c];
    carriers[c] = {
      state: s.state,
      errorCode: s.errorCode,
      errorMessage: s.errorMessage,
      updateTime: iso(s.updateTime),
    };
  }
  return {
    projectId: n.projectId,
    hostingOrderId: n.hostingOrderId,
    phoneNumber: n.phoneNumber,
    osrUpdate: n.osrUpdate,
    campaignProvisioning: n.campaignProvisioning,
    platformProvisioning: n.platformProvisioning,
    ...carriers,
  };
}

/** §6.13 `QualifiedNumber`; `hostedNumber.status` is the integer enum the spec declares. */
export function qualifiedNumber(q: QualifiedNumberRec) {
  return {
    phoneNumber: q.phoneNumber,
    projectId: q.projectId,
    regionCode: q.regionCode,
    globalProcessState: q.globalProcessState,
    osrEligibility: q.osrEligibility,
    ownershipVerification: q.ownershipVerification,
    hostedNumber: q.hostedNumber,
    createdTime: iso(q.createdTime),
    updatedTime: iso(q.updatedTime),
  };
}
