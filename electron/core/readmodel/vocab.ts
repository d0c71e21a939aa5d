import type { OrderState, OrderType, StepStateName } from '../../../shared/contract/orders';
import { QUALIFICATION_STATES, type QualificationState } from '../../../shared/contract/numbers';

/**
 * Sinch's upper-case enums → the read model's vocabularies (shared/contract orders.ts, numbers.ts).
 * Stored rows keep what Sinch said (orders.state, numbers.qualification_state) so that a state Sinch
 * adds later is not lost; this mapping is applied when a row is shown.
 */
const ORDER_STATE: Record<string, OrderState> = {
  DRAFT: 'draft',
  SUBMITTED: 'submitted',
  WAITING_FOR_LOA_SIGNATURE: 'waiting-loa',
  IN_PROGRESS: 'in-progress',
  COMPLETED: 'completed',
  REJECTED: 'rejected',
};
export const orderStateOf = (sinch: string): OrderState => ORDER_STATE[sinch] ?? 'unknown';
/** The Sinch states a contract state stands for (list filters). */
export const sinchOrderStates = (states: readonly OrderState[]): string[] =>
  Object.entries(ORDER_STATE)
    .filter(([, ours]) => states.includes(ours))
    .map(([sinch]) => sinch)
    .concat(states.includes('unknown') ? ['HOSTING_ORDER_STATE_UNSPECIFIED'] : []);

const STEP_STATE: Record<string, StepStateName> = {
  WAITING: 'waiting',
  IN_PROGRESS: 'in-progress',
  DONE: 'done',
  FAILED: 'failed',
};
export const stepStateOf = (sinch: string | undefined): StepStateName =>
  (sinch && STEP_STATE[sinch]) || 'unspecified';

const PREFIX = 'GLOBAL_PROCESS_STATE_';
export function qualificationStateOf(sinch: string | null): QualificationState | null {
  if (sinch === null) return null;
  const ours = sinch.startsWith(PREFIX) ? sinch.slice(PREFIX.length).toLowerCase().replaceAll('_', '-') : '';
  const known: readonly string[] = QUALIFICATION_STATES;
  return known.includes(ours) ? (ours as QualificationState) : 'unknown';
}

export const orderTypeOf = (kind: string): OrderType =>
  kind === 'import' || kind === 'text-enable-toll-free' ? kind : 'text-enable';

/** Sinch sends "" for "no error"; the read model says null. */
export const orNull = (s: string | undefined | null): string | null => (s ? s : null);

/** An ISO time from Sinch → epoch ms, or undefined when absent or unreadable. */
export function msOf(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}
