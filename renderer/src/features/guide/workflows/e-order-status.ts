import type { OrderSummary } from '../../../../../shared/contract';
import type { Tone } from '../../../ui/StatusBadge';
import type { FormErrors } from './a-import-one';
import { orderWords } from './b-import-several';

/**
 * Workflow E (Sinch's guide): check a hosting order's status. The user gives an order ID, or part of
 * one, or a number the order carries; the wizard finds it among the orders this workspace knows
 * (`orders.list` text search) — or, for an order made outside Hosting Desk, asks Sinch for the
 * orders of a service plan and campaign (`orders.discover`: the list endpoint needs both) — then
 * reads it from Sinch now (`orders.refresh`: order, report, numbers) and shows the report's counts
 * and the next step, with a link to the order's page.
 */

export type FindForm = { text: string };
export type DiscoverForm = { servicePlanId: string; campaignId: string };

export function checkFind(
  form: FindForm,
): { ok: true; text: string } | { ok: false; errors: FormErrors<FindForm> } {
  const text = form.text.trim();
  if (text === '')
    return {
      ok: false,
      errors: { text: 'Order ID or number: type an order ID or a phone number it carries.' },
    };
  if (text.length > 100)
    return { ok: false, errors: { text: 'Order ID or number: at most 100 characters.' } };
  return { ok: true, text };
}

export function checkDiscover(
  form: DiscoverForm,
):
  | { ok: true; input: { servicePlanId: string; campaignId: string } }
  | { ok: false; errors: FormErrors<DiscoverForm> } {
  const errors: FormErrors<DiscoverForm> = {};
  const servicePlanId = form.servicePlanId.trim();
  const campaignId = form.campaignId.trim();
  if (servicePlanId === '')
    errors.servicePlanId = 'Service plan: Sinch lists orders per service plan; type its ID.';
  if (campaignId === '')
    errors.campaignId =
      'Campaign: Sinch lists orders per campaign too; type the campaign ID the orders used.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { servicePlanId, campaignId } };
}

export type ReportLine = { label: string; value: string };

/** Sinch's report (workflow E step 3) as the wizard lists it; null until Sinch's report was read. */
export function reportLines(order: Pick<OrderSummary, 'report' | 'numberCount'>): ReportLine[] | null {
  const r = order.report;
  if (!r) return null;
  const of = (n: number) => `${n} of ${r.total}`;
  return [
    { label: 'Numbers in the order', value: String(r.total) },
    { label: 'Carrier records (OSR) updated', value: of(r.osrUpdated) },
    { label: 'Provisioned for SMS', value: of(r.smsProvisioned) },
    { label: 'Added to the campaign', value: of(r.addedToCampaign) },
    { label: 'Waiting on a person at Sinch', value: String(r.ongoingManualAction) },
  ];
}

/** The order's state and what the user does next, in the status vocabulary. */
export function orderStatus(order: Pick<OrderSummary, 'state' | 'failedNumbers' | 'type' | 'loa'>): {
  tone: Tone;
  words: string;
  next: string;
} {
  const view = orderWords(order.state);
  if (order.state === 'completed' && order.failedNumbers > 0)
    return {
      tone: 'failed',
      words: `Completed; ${order.failedNumbers} number${order.failedNumbers === 1 ? '' : 's'} failed`,
      next: 'Open the order to see each failed step and what to do about it.',
    };
  const next: Record<OrderSummary['state'], string> = {
    draft: 'Nothing to do yet: Sinch has not submitted it.',
    submitted: 'Nothing to do: Sinch is starting on it.',
    'waiting-loa': order.loa?.recipient
      ? `${order.loa.recipient} must sign the LOA e-mailed to them; remind them if it takes long.`
      : 'The LOA must be signed; remind the signer if it takes long.',
    'in-progress': 'Nothing to do: Sinch is provisioning the numbers. Hosting Desk follows it by itself.',
    completed: 'Nothing to do: every number is through.',
    rejected: 'Open the order: it says why, and a text-enable can be re-issued with a corrected LOA.',
    unknown: 'Check again in a moment.',
  };
  return { tone: view.tone, words: view.words, next: next[order.state] };
}
