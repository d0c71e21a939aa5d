import type { NumberState } from '../../../shared/domain/tasks';
import type { GlobalProcessState } from '../../../shared/sinch';
import type {
  HostingOrder,
  HostingOrderNumber,
  ImportedNumberResponse,
  QualifiedNumber,
} from '../../../shared/sinch';

/**
 * Remote states → the local per-number state vocabulary (the `numbers.state` column and its history,
 * which the timelines show). One place, so the UI and the tests read the same names.
 */

export const QUALIFIED_TO_LOCAL: Record<GlobalProcessState, NumberState> = {
  GLOBAL_PROCESS_STATE_UNSPECIFIED: 'qualifying',
  GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING: 'qualifying',
  GLOBAL_PROCESS_STATE_ELIGIBLE: 'eligible',
  GLOBAL_PROCESS_STATE_NOT_ELIGIBLE: 'not-eligible',
  GLOBAL_PROCESS_STATE_VERIFICATION_PENDING: 'verification-pending',
  GLOBAL_PROCESS_STATE_VERIFICATION_FAILED: 'verification-failed',
  GLOBAL_PROCESS_STATE_VERIFICATION_BLOCKED: 'verification-blocked',
  GLOBAL_PROCESS_STATE_VERIFIED: 'verified',
  GLOBAL_PROCESS_STATE_HOSTING_IN_PROGRESS: 'hosting',
  GLOBAL_PROCESS_STATE_HOSTING_DONE: 'hosted',
  GLOBAL_PROCESS_STATE_HOSTING_FAILED: 'hosting-failed',
};

/** REFERENCE.md §7.2: text-enable is allowed from ELIGIBLE or VERIFIED, and again after HOSTING_FAILED. */
export const READY_FOR_TEXT_ENABLE: ReadonlySet<string> = new Set([
  'GLOBAL_PROCESS_STATE_ELIGIBLE',
  'GLOBAL_PROCESS_STATE_VERIFIED',
  'GLOBAL_PROCESS_STATE_HOSTING_FAILED',
]);
/** States from which the number will never become ready without a new user intent. */
export const REFUSED_FOR_TEXT_ENABLE: ReadonlySet<string> = new Set([
  'GLOBAL_PROCESS_STATE_NOT_ELIGIBLE',
  'GLOBAL_PROCESS_STATE_VERIFICATION_BLOCKED',
]);
/** The DESIGN.md proof that a text-enable landed: the number moved to HOSTING_IN_PROGRESS or later. */
export const TEXT_ENABLE_LANDED: ReadonlySet<string> = new Set([
  'GLOBAL_PROCESS_STATE_HOSTING_IN_PROGRESS',
  'GLOBAL_PROCESS_STATE_HOSTING_DONE',
]);
export const LOCAL_READY: ReadonlySet<NumberState> = new Set<NumberState>([
  'eligible',
  'verified',
  'hosting-failed',
]);
export const isLocallyReady = (state: NumberState | undefined): boolean =>
  state !== undefined && LOCAL_READY.has(state);

export const localQualifiedState = (q: QualifiedNumber): NumberState =>
  QUALIFIED_TO_LOCAL[q.globalProcessState ?? 'GLOBAL_PROCESS_STATE_UNSPECIFIED'];

/** Every order state a reconciliation listing asks for (§5.2 (6) needs `states`). */
export const ALL_ORDER_STATES = [
  'SUBMITTED',
  'WAITING_FOR_LOA_SIGNATURE',
  'IN_PROGRESS',
  'COMPLETED',
  'REJECTED',
] as const;

export type StepSummary = { state: NumberState; failed: boolean; finished: boolean; note: string };

/**
 * One number inside an order (§7.4): the step now running names the state, a FAILED step fails the
 * number, all steps DONE (unused ones `STATE_UNSPECIFIED`) makes it `hosted`.
 */
export function orderNumberState(n: HostingOrderNumber, kind: 'import' | 'text-enable'): StepSummary {
  const steps: Array<[NumberState, string | undefined]> = [
    ['osr-update', n.osrUpdate?.state],
    ['platform-provisioning', n.platformProvisioning?.state],
    ['campaign-linking', n.campaignProvisioning?.state],
  ];
  const note = steps.map(([name, s]) => `${name} ${s ?? '-'}`).join(', ');
  const failedStep = steps.find(([, s]) => s === 'FAILED');
  if (failedStep)
    return { state: 'failed', failed: true, finished: true, note: `${failedStep[0]} failed; ${note}` };
  const running = steps.find(([, s]) => s === 'IN_PROGRESS' || s === 'WAITING');
  if (running) {
    const anyStarted = steps.some(([, s]) => s === 'IN_PROGRESS' || s === 'DONE');
    return { state: anyStarted ? running[0] : 'ordered', failed: false, finished: false, note };
  }
  const done = steps.some(([, s]) => s === 'DONE');
  if (done) return { state: kind === 'import' ? 'imported' : 'hosted', failed: false, finished: true, note };
  return { state: 'ordered', failed: false, finished: false, note };
}

export function orderLocalState(order: HostingOrder): NumberState {
  switch (order.state) {
    case 'WAITING_FOR_LOA_SIGNATURE':
      return 'waiting-loa';
    case 'REJECTED':
      return 'rejected';
    default:
      return 'ordered';
  }
}

export type ProvisioningSummary = { state: NumberState; failed: boolean; finished: boolean; note: string };

/**
 * An imported number's provisioning (§7.5): SMS platform then campaign, each
 * WAITING → IN_PROGRESS → DONE/FAILED; `STATE_UNSPECIFIED` = nothing to do for that part.
 */
export function importedNumberState(
  n: ImportedNumberResponse,
  target: 'imported' | 'unlinked' | 'linked',
): ProvisioningSummary {
  const sms = n.smsProvisioning?.state ?? 'STATE_UNSPECIFIED';
  const campaign = n.campaignProvisioning?.state ?? 'STATE_UNSPECIFIED';
  const note = `sms ${n.smsProvisioning?.type ?? ''} ${sms}, campaign ${n.campaignProvisioning?.type ?? ''} ${campaign}`;
  if (sms === 'FAILED' || campaign === 'FAILED') {
    const code = n.smsProvisioning?.errorCode || n.campaignProvisioning?.errorCode || '';
    return { state: 'failed', failed: true, finished: true, note: `${note}${code ? ` (${code})` : ''}` };
  }
  const settled = (s: string) => s === 'DONE' || s === 'STATE_UNSPECIFIED';
  if (settled(sms) && settled(campaign)) return { state: target, failed: false, finished: true, note };
  const working = target === 'unlinked' ? 'unlinking' : target === 'linked' ? 'linking' : 'provisioning';
  return { state: working, failed: false, finished: false, note };
}
