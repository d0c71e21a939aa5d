import type { CallbackPayload } from '../../../shared/sinch';
import type { Db } from '../store/database';
import type { OrderStepName } from '../../../shared/contract/orders';
import { recordOrderStepCode } from '../store/orders';
import type { ReadModelChange } from './observe';

/** Which step of a number inside an order a callback reports (REFERENCE §7.4); null = the whole number. */
const ORDER_STEP_OF_EVENT: Partial<Record<CallbackPayload['eventType'], OrderStepName | null>> = {
  OSR_UPDATE: 'osrUpdate',
  PROVISIONING_TO_SMS_PLATFORM: 'platformProvisioning',
  LINK_TO_10DLC_CAMPAIGN: 'campaignProvisioning',
  HOSTING_PROCESS: null,
};

/**
 * What a verified callback adds to the read model: its failure code. Everything else a callback says
 * the pollers read themselves (a callback only makes them look now), but the failure code of a number
 * inside a hosting order exists nowhere else — the order's per-number steps have none (REFERENCE §7.4,
 * §8.2). An imported number's own steps carry `errorCode`, so its callbacks add nothing.
 */
export function foldCallback(db: Db, payload: CallbackPayload, at: number): ReadModelChange | null {
  if (payload.resourceType !== 'HOSTING_ORDER_NUMBER' || payload.status !== 'FAILED') return null;
  const code = payload.failureCode;
  const step = ORDER_STEP_OF_EVENT[payload.eventType];
  if (!code || step === undefined) return null;
  const orderId = recordOrderStepCode(db, payload.resourceId, step, code, at);
  return orderId ? { orderIds: [orderId], phones: [payload.resourceId] } : null;
}
