import { z } from 'zod';
import { callbackEventType, callbackFailureCode, callbackResourceType, callbackStatus } from './enums';

/** The header carrying the lower-case hex HMAC-SHA1 of the raw callback body (§8.3). */
export const SIGNATURE_HEADER = 'X-Sinch-Signature';

/**
 * `CallbackPayload` (§8.2). Loose: the Numbers API's callbacks also carry `internalFailureCode`.
 * `timestamp` may lack its `Z` (§3.2) — use `parseCallbackTimestamp`.
 */
export const callbackPayload = z
  .object({
    resourceType: callbackResourceType,
    eventType: callbackEventType,
    eventId: z.string().min(1),
    timestamp: z.string(),
    projectId: z.string(),
    resourceId: z.string(),
    status: callbackStatus,
    failureCode: callbackFailureCode.optional(),
  })
  .loose();
export type CallbackPayload = z.infer<typeof callbackPayload>;

/** Reads an ISO timestamp as UTC even when the zone designator is missing (§3.2). */
export function parseCallbackTimestamp(value: string): Date {
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  return new Date(hasZone ? value : `${value}Z`);
}
