import type { PlannedCall } from '../../../shared/domain/tasks';
import type { LoaResolver } from '../sync/tasks';

/**
 * The exact request a planned call makes (`plan.call`), built the way the sync loop builds it
 * (electron/core/sync/tasks.ts) — the service plan and campaign as the API takes them, the LOA
 * object from the saved profile, the workspace's callback URL on create calls (withCallbackUrl in
 * workspaces/sync-session.ts). A text-enable lists every number of the call; at send time it
 * sends those whose qualification is ready (REFERENCE.md §7.2).
 *
 * A second copy of the sync loop's builders for now: moving the sync loop onto these functions,
 * so the preview and the send cannot drift, is the next step (electron/core/intake/README.md).
 */
export type WireRequest = { method: 'POST' | 'PATCH'; path: string; body: Record<string, unknown> };

export function wireRequest(
  call: PlannedCall,
  context: { loa: LoaResolver; callbackUrl?: string | undefined; projectPath?: string },
): WireRequest | { problem: string } {
  const project = context.projectPath ?? '/v1/projects/{projectId}';
  const callback = context.callbackUrl ? { callbackUrl: context.callbackUrl } : {};
  const link = {
    servicePlanId: call.servicePlanId ?? '',
    ...(call.campaignId ? { campaignId: call.campaignId } : {}),
  };
  switch (call.operation) {
    case 'importNumber':
      return {
        method: 'POST',
        path: `${project}/importedNumbers`,
        body: {
          phoneNumber: call.numbers[0],
          regionCode: call.regionCode ?? 'US',
          smsConfiguration: link,
          ...callback,
        },
      };
    case 'importNumbersOrder':
      return {
        method: 'POST',
        path: `${project}/hostingOrders:importNumbers`,
        body: {
          regionCode: call.regionCode ?? 'US',
          numbers: call.numbers,
          ...link,
          ...(call.displayName ? { displayName: call.displayName } : {}),
          ...callback,
        },
      };
    case 'qualifyNumbers':
      return {
        method: 'POST',
        path: `${project}/qualifiedNumbers:addNumbers`,
        body: { phoneNumbers: call.numbers },
      };
    case 'textEnableNumbers':
    case 'textEnableTollFreeNumbers': {
      let loa: Record<string, unknown>;
      if (call.loaType === 'blanket') loa = { blanketLoaInfo: {} };
      else {
        const info = call.loaProfileId && call.loaType ? context.loa(call.loaProfileId, call.loaType) : null;
        if (!info) return { problem: 'This call names no saved LOA profile of its type.' };
        loa = info.kind === 'direct' ? { directLoaInfo: info.info } : { resellerLoaInfo: info.info };
      }
      const tollFree = call.operation === 'textEnableTollFreeNumbers';
      return {
        method: 'POST',
        path: `${project}/hostingOrders:${call.operation}`,
        body: {
          regionCode: call.regionCode ?? 'US',
          numbers: call.numbers,
          servicePlanId: call.servicePlanId ?? '',
          ...(call.displayName ? { displayName: call.displayName } : {}),
          ...(!tollFree && call.campaignId ? { campaignId: call.campaignId } : {}),
          ...loa,
          ...callback,
        },
      };
    }
    case 'unlinkNumber':
      return {
        method: 'PATCH',
        path: `${project}/importedNumbers/${call.numbers[0]}`,
        body: { smsConfiguration: { servicePlanId: '', campaignId: '' } },
      };
    case 'linkNumber':
      return {
        method: 'PATCH',
        path: `${project}/importedNumbers/${call.numbers[0]}`,
        body: { smsConfiguration: link },
      };
  }
}
