import type { PlannedCall } from '../../../shared/domain/tasks';
import type { DirectLoaInfo, ResellerLoaInfo } from '../../../shared/sinch';

/**
 * The ONE place a planned call becomes a request body: the sync loop sends these (tasks.ts), and
 * `plan.call` shows them (wireRequest below), so what a user previews is what the simulator or
 * Sinch receives. Pure: no database, no client. The loop passes the numbers it actually sends (a
 * text-enable sends those whose qualification is ready, a retried order those not yet imported);
 * the preview passes all of the call's.
 */
export type LoaInfo = { kind: 'direct'; info: DirectLoaInfo } | { kind: 'reseller'; info: ResellerLoaInfo };
/** Looks up a saved LOA profile by id; null = unknown (the job fails with a clear message). */
export type LoaResolver = (profileId: string, loaType: 'direct' | 'reseller') => LoaInfo | null;

/** What of a planned call its bodies carry. */
export type BodyFields = Pick<
  PlannedCall,
  'regionCode' | 'servicePlanId' | 'campaignId' | 'displayName' | 'loaType' | 'loaProfileId'
>;

/** The service plan and campaign a call links its numbers to, as the create/PATCH bodies carry them. */
export const planLink = (c: BodyFields) => ({
  servicePlanId: c.servicePlanId ?? '',
  ...(c.campaignId ? { campaignId: c.campaignId } : {}),
});

/** (2) POST importedNumbers — workflow A. */
export const importNumberBody = (c: BodyFields, phone: string) => ({
  phoneNumber: phone,
  regionCode: c.regionCode ?? 'US',
  smsConfiguration: planLink(c),
  // a single import is the one call that names the number at Sinch (an order's name is its job key)
  ...(c.displayName ? { displayName: c.displayName } : {}),
});

/** (11) POST hostingOrders:importNumbers — workflow B. */
export const importOrderBody = (c: BodyFields, numbers: string[]) => ({
  regionCode: c.regionCode ?? 'US',
  numbers,
  ...planLink(c),
  ...(c.displayName ? { displayName: c.displayName } : {}),
});

/** (17) POST qualifiedNumbers:addNumbers — workflow C: just the numbers. */
export const qualifyBody = (numbers: string[]) => ({ phoneNumbers: numbers });

/** (4) PATCH importedNumbers/{n} with empty values — the first half of a relink. */
export const unlinkBody = () => ({ smsConfiguration: { servicePlanId: '', campaignId: '' } });

/** (4) PATCH importedNumbers/{n} with the new values — the second half. */
export const linkBody = (c: BodyFields) => ({ smsConfiguration: planLink(c) });

type LoaBody =
  | { blanketLoaInfo: Record<string, never> }
  | { directLoaInfo: DirectLoaInfo }
  | { resellerLoaInfo: ResellerLoaInfo };

/** The LOA object of a text-enable, from the saved profile; a string says why there is none. */
export function loaBody(c: BodyFields, loa: LoaResolver): LoaBody | string {
  if (c.loaType === 'blanket') return { blanketLoaInfo: {} };
  if (!c.loaProfileId || !c.loaType) return 'The call names no LOA profile.';
  const found = loa(c.loaProfileId, c.loaType);
  if (!found)
    return `LOA profile ${c.loaProfileId} not found, or it is not a ${c.loaType} profile. Fix the profile and retry the job.`;
  return found.kind === 'direct' ? { directLoaInfo: found.info } : { resellerLoaInfo: found.info };
}

/**
 * (12)/(13) text-enable, standard or toll-free. Toll-free takes no campaign and a direct or reseller
 * LOA only (§5.2 (13)); a string says why the body cannot be built.
 */
export function textEnableBody(
  c: BodyFields,
  numbers: string[],
  tollFree: boolean,
  loa: LoaResolver,
): (ReturnType<typeof textEnableCommon> & LoaBody & { campaignId?: string }) | string {
  const info = loaBody(c, loa);
  if (typeof info === 'string') return info;
  if (tollFree) {
    if ('blanketLoaInfo' in info) return 'A toll-free text-enable needs a direct or reseller LOA.';
    return { ...textEnableCommon(c, numbers), ...info };
  }
  return {
    ...textEnableCommon(c, numbers),
    ...(c.campaignId ? { campaignId: c.campaignId } : {}),
    ...info,
  };
}

const textEnableCommon = (c: BodyFields, numbers: string[]) => ({
  regionCode: c.regionCode ?? 'US',
  numbers,
  servicePlanId: c.servicePlanId ?? '',
  ...(c.displayName ? { displayName: c.displayName } : {}),
});

/**
 * `callbackUrl` on the bodies of the requests that accept one (REFERENCE.md §5.1 (2), §5.2 (11)–(13),
 * §5.3 (18)–(19)), unless the body names one already. The sync loop adds it at the client
 * (workspaces/sync-session.ts withCallbackUrl), the preview here: the same rule.
 */
export const withCallback = <B extends object>(body: B, callbackUrl: string | undefined): B =>
  !callbackUrl || (body as { callbackUrl?: string }).callbackUrl ? body : { ...body, callbackUrl };

export type WireRequest = { method: 'POST' | 'PATCH'; path: string; body: Record<string, unknown> };

/**
 * The exact request a planned call makes (`plan.call`), with all of the call's numbers: at send time
 * a text-enable sends those whose qualification is ready (REFERENCE.md §7.2), with the same builder.
 */
export function wireRequest(
  call: PlannedCall,
  context: { loa: LoaResolver; callbackUrl?: string | undefined; projectPath?: string },
): WireRequest | { problem: string } {
  const project = context.projectPath ?? '/v1/projects/{projectId}';
  const cb = context.callbackUrl;
  const phone = call.numbers[0] as string;
  switch (call.operation) {
    case 'importNumber':
      return {
        method: 'POST',
        path: `${project}/importedNumbers`,
        body: withCallback(importNumberBody(call, phone), cb),
      };
    case 'importNumbersOrder':
      return {
        method: 'POST',
        path: `${project}/hostingOrders:importNumbers`,
        body: withCallback(importOrderBody(call, call.numbers), cb),
      };
    case 'qualifyNumbers':
      return {
        method: 'POST',
        path: `${project}/qualifiedNumbers:addNumbers`,
        body: qualifyBody(call.numbers),
      };
    case 'textEnableNumbers':
    case 'textEnableTollFreeNumbers': {
      const tollFree = call.operation === 'textEnableTollFreeNumbers';
      const body = textEnableBody(call, call.numbers, tollFree, context.loa);
      if (typeof body === 'string') return { problem: body };
      return {
        method: 'POST',
        path: `${project}/hostingOrders:${call.operation}`,
        body: withCallback(body, cb),
      };
    }
    case 'unlinkNumber':
      return { method: 'PATCH', path: `${project}/importedNumbers/${phone}`, body: unlinkBody() };
    case 'linkNumber':
      return { method: 'PATCH', path: `${project}/importedNumbers/${phone}`, body: linkBody(call) };
  }
}
