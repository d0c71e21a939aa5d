import type { OrderNumber, OrderNumberStep, OrderSummary, OrderType } from '../../../../shared/contract';
import { badgeTone, type NextStep, nextStepOf, STEP_STATE_STEPS } from '../../../../shared/domain/next-steps';
import type { Tone } from '../../ui/StatusBadge';

/**
 * What the Orders screens show: an order's state and a step's state in the one vocabulary, with the
 * plain-language next step from the engine's table (shared/domain/next-steps), the signature waiting
 * time, and whether Re-issue is offered. Pure and unit-tested.
 */
export const toneOf = (step: Pick<NextStep, 'tone'>): Tone => badgeTone(step.tone);

const STEP_KEYS = {
  waiting: 'WAITING',
  'in-progress': 'IN_PROGRESS',
  done: 'DONE',
  failed: 'FAILED',
  unspecified: 'STATE_UNSPECIFIED',
} as const;
/** A number's step: its words, or — when it failed with a code — the code's own words and next step. */
export function stepView(step: OrderNumberStep): { tone: Tone; words: string; next: string | null } {
  // a step an order kind does not have (import orders have no carrier record or campaign step)
  if (step.state === 'unspecified') return { tone: 'waiting', words: 'Not used', next: null };
  const base = STEP_STATE_STEPS[STEP_KEYS[step.state]];
  if (step.state !== 'failed' || !step.failure)
    return { tone: toneOf(base), words: base.words, next: base.next };
  const coded = step.failure.code ? nextStepOf(step.failure.code) : null;
  return {
    tone: 'failed',
    words: coded && step.failure.code ? coded.words : (step.failure.text ?? base.words),
    next: coded?.next ?? step.failure.text ?? base.next,
  };
}

export const ORDER_TYPE_WORDS: Record<OrderType, string> = {
  import: 'Import',
  'text-enable': 'Text-enable',
  'text-enable-toll-free': 'Text-enable (toll-free)',
};

/**
 * What an order is called on screen: its batch's label and its place in the batch ("March port —
 * order 2 of 3"), with the key in Sinch's display name (`HD …-o2`) kept as a detail for support.
 * An order without a batch (found at Sinch) goes by its display name, else its id.
 */
export function orderName(o: Pick<OrderSummary, 'id' | 'displayName' | 'batch'>): {
  title: string;
  detail: string | null;
} {
  if (!o.batch) return { title: o.displayName || o.id, detail: null };
  const { label, position, of } = o.batch;
  return {
    title: of > 1 ? `${label} — order ${position} of ${of}` : label,
    detail: o.displayName || o.id,
  };
}

/** The LOA an order carried, in words (the profile it came from is a link beside it). */
export const LOA_KIND_WORDS: Record<NonNullable<OrderSummary['loa']>['kind'], string> = {
  direct: 'Direct LOA',
  reseller: 'Reseller LOA',
  blanket: 'Blanket LOA (no signature)',
};

/** "3 h 20 min", "2 days 4 h": how long the order has waited for its LOA signature; null if it does not. */
export function signatureWait(order: Pick<OrderSummary, 'state' | 'signatureWaitingSince'>, now: number) {
  if (order.state !== 'waiting-loa' || !order.signatureWaitingSince) return null;
  const minutes = Math.max(0, Math.floor((now - Date.parse(order.signatureWaitingSince)) / 60_000));
  const days = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (days > 0) return `${days} ${days === 1 ? 'day' : 'days'} ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  return `${m} min`;
}

/** Re-issue: a text-enable our app sent whose LOA was refused or is still unsigned. */
export const canReissue = (order: Pick<OrderSummary, 'state' | 'type' | 'jobId' | 'origin'>): boolean =>
  order.origin === 'app' &&
  order.jobId !== null &&
  order.type !== 'import' &&
  (order.state === 'rejected' || order.state === 'waiting-loa');

/** The order's report line: what Sinch counted, in words. */
export function reportLine(order: Pick<OrderSummary, 'report' | 'numberCount'>): string {
  const r = order.report;
  if (!r) return `${order.numberCount} numbers · Sinch’s report not read yet`;
  return [
    `${r.total} numbers`,
    `${r.osrUpdated} carrier records updated`,
    `${r.smsProvisioned} provisioned for SMS`,
    `${r.addedToCampaign} added to the campaign`,
    r.ongoingManualAction ? `${r.ongoingManualAction} waiting on Sinch staff` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

export const CARRIER_COLUMNS: Array<{ id: keyof OrderNumber['carriers']; header: string }> = [
  { id: 'smsAtt', header: 'AT&T SMS' },
  { id: 'mmsAtt', header: 'AT&T MMS' },
  { id: 'smsTmo', header: 'T-Mobile SMS' },
  { id: 'mmsTmo', header: 'T-Mobile MMS' },
];
export const STEP_COLUMNS: Array<{ id: keyof OrderNumber['steps']; header: string }> = [
  { id: 'osrUpdate', header: 'Carrier record' },
  { id: 'platformProvisioning', header: 'Platform' },
  { id: 'campaignProvisioning', header: 'Campaign' },
];
