import type {
  CallbackEventType,
  CallbackFailureCode,
  GlobalProcessState,
  HostingOrderState,
  StepState,
} from '../sinch/enums';
import type { JobStateName } from '../contract/jobs';
import type { OrderState } from '../contract/orders';
import type { NumberState } from './tasks';

/**
 * THE table from Sinch's states and failure codes (REFERENCE.md §7–§8) to what operations staff read:
 * plain words, the status colour family (DESIGN.md: waiting grey, in progress blue, done green, needs
 * action amber, failed red) and the next step — with an action id when the app can do it. Screens and
 * engine messages use it; no enum name reaches a user. `Record<…>` over the shared enums makes a missing
 * value a compile error; next-steps.test.ts checks the enums against the reference's own lists.
 */

/** What the app can do about it (a button). */
export const NEXT_ACTIONS = ['reissue', 'retry', 'relink', 'qualify', 'verify', 'sendInvoiceEmail'] as const;
export type NextAction = (typeof NEXT_ACTIONS)[number];

export const STATUS_TONES = ['waiting', 'in-progress', 'done', 'needs-action', 'failed'] as const;
export type StatusTone = (typeof STATUS_TONES)[number];

/**
 * The badge each tone wears on screen (the renderer's StatusBadge names them shorter): every view
 * maps a tone through this one table, so a state cannot be amber on one screen and blue on another.
 */
export const BADGE_TONES = {
  waiting: 'waiting',
  'in-progress': 'progress',
  done: 'done',
  'needs-action': 'action',
  failed: 'failed',
} as const satisfies Record<StatusTone, string>;
export type BadgeTone = (typeof BADGE_TONES)[StatusTone];
export const badgeTone = (tone: StatusTone): BadgeTone => BADGE_TONES[tone];

export type NextStep = {
  /** what it is, in plain words */
  words: string;
  tone: StatusTone;
  /** what the user does next; null when nothing is to do */
  next: string | null;
  action?: NextAction;
};

const waiting = (words: string, next: string | null = null): NextStep => ({ words, tone: 'waiting', next });
const running = (words: string, next: string | null = null): NextStep => ({
  words,
  tone: 'in-progress',
  next,
});
const done = (words: string): NextStep => ({ words, tone: 'done', next: null });
const act = (words: string, next: string, action?: NextAction): NextStep => ({
  words,
  tone: 'needs-action',
  next,
  ...(action ? { action } : {}),
});
const failed = (words: string, next: string, action?: NextAction): NextStep => ({
  words,
  tone: 'failed',
  next,
  ...(action ? { action } : {}),
});

const ASK_SINCH = 'Write to orders@sinch.com with the numbers; retry once Sinch has answered.';

/** §7.1 / §7.3 `HostingOrder.state` */
export const HOSTING_ORDER_STATE_STEPS: Record<HostingOrderState, NextStep> = {
  HOSTING_ORDER_STATE_UNSPECIFIED: waiting('Order state not known yet', 'Wait for the next look at Sinch.'),
  DRAFT: waiting('Order drafted at Sinch, not submitted'),
  SUBMITTED: waiting('Order submitted to Sinch'),
  WAITING_FOR_LOA_SIGNATURE: act(
    'Waiting for the LOA signature',
    'The authorised person signs the LOA e-mailed to them; re-issue it if it was lost or expired.',
    'reissue',
  ),
  IN_PROGRESS: running('Order in progress at Sinch'),
  COMPLETED: done('Order completed'),
  REJECTED: failed(
    'Order rejected by Sinch',
    'Read the reason Sinch gave, fix the LOA profile if needed, and re-issue the LOA.',
    'reissue',
  ),
};

/** The read model's order states (shared/contract/orders.ts, Sinch's names lower-cased) → their steps. */
const ORDER_STATE_KEYS: Record<OrderState, HostingOrderState> = {
  draft: 'DRAFT',
  submitted: 'SUBMITTED',
  'waiting-loa': 'WAITING_FOR_LOA_SIGNATURE',
  'in-progress': 'IN_PROGRESS',
  completed: 'COMPLETED',
  rejected: 'REJECTED',
  unknown: 'HOSTING_ORDER_STATE_UNSPECIFIED',
};
export const orderStateStep = (state: OrderState): NextStep =>
  HOSTING_ORDER_STATE_STEPS[ORDER_STATE_KEYS[state]];

/** §7.1 / §7.2 `QualifiedNumber.globalProcessState` */
export const QUALIFICATION_STATE_STEPS: Record<GlobalProcessState, NextStep> = {
  GLOBAL_PROCESS_STATE_UNSPECIFIED: waiting(
    'Qualification state not known yet',
    'Wait for the next look at Sinch.',
  ),
  GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING: act(
    'Sinch is reviewing the qualification',
    'E-mail the invoices for these numbers to orders@sinch.com and record the date here.',
    'sendInvoiceEmail',
  ),
  GLOBAL_PROCESS_STATE_ELIGIBLE: done('Eligible for text-enablement'),
  GLOBAL_PROCESS_STATE_NOT_ELIGIBLE: failed(
    'Not eligible for text-enablement',
    'Read the reason Sinch gave; qualify again with better evidence, or leave the number out.',
    'qualify',
  ),
  GLOBAL_PROCESS_STATE_VERIFICATION_PENDING: act(
    'Waiting for the voice code',
    'Enter the code the voice call read out.',
    'verify',
  ),
  GLOBAL_PROCESS_STATE_VERIFICATION_FAILED: act(
    'The voice code was wrong',
    'Enter the code again, or place a new call; after too many wrong codes Sinch blocks the number.',
    'verify',
  ),
  GLOBAL_PROCESS_STATE_VERIFICATION_BLOCKED: failed(
    'Verification blocked after too many wrong codes',
    'Ask Sinch (orders@sinch.com) to verify the number with invoices instead.',
    'sendInvoiceEmail',
  ),
  GLOBAL_PROCESS_STATE_VERIFIED: done('Ownership verified'),
  GLOBAL_PROCESS_STATE_HOSTING_IN_PROGRESS: running('Text-enablement in progress'),
  GLOBAL_PROCESS_STATE_HOSTING_DONE: done('Text-enabled'),
  GLOBAL_PROCESS_STATE_HOSTING_FAILED: failed(
    'Text-enablement failed',
    'Read the reason on the order; text-enable the number again once it is fixed.',
    'retry',
  ),
};

/** §7.1 `State` of each provisioning step and carrier */
export const STEP_STATE_STEPS: Record<StepState, NextStep> = {
  WAITING: waiting('Queued at Sinch, not started'),
  IN_PROGRESS: running('Running at Sinch'),
  DONE: done('Done'),
  FAILED: failed('Failed at Sinch', 'See the failure reason of this step.'),
  STATE_UNSPECIFIED: waiting('Not applicable or not known'),
};

/** §7.1 / §8.2 callback `failureCode` (one line each in the reference) */
export const FAILURE_CODE_STEPS: Record<CallbackFailureCode, NextStep> = {
  CAMPAIGN_NOT_AVAILABLE: failed(
    'The 10DLC campaign is not available',
    'Check the campaign ID, or link the number to another campaign.',
    'relink',
  ),
  EXCEEDED_10DLC_LIMIT: failed(
    'The campaign has reached its 10DLC number limit',
    'Link the number to another campaign, or ask your account manager to raise the limit.',
    'relink',
  ),
  NUMBER_PROVISIONING_FAILED: failed('Provisioning the number failed', ASK_SINCH, 'retry'),
  PARTNER_SERVICE_UNAVAILABLE: failed(
    'A partner service of Sinch was unavailable',
    'Retry later; nothing is wrong with the number.',
    'retry',
  ),
  CAMPAIGN_PENDING_ACCEPTANCE: act(
    'The campaign is not accepted yet',
    'Retry once the campaign has been accepted.',
    'retry',
  ),
  MNO_SHARING_ERROR: failed('Sharing the campaign with the mobile carriers failed', ASK_SINCH, 'retry'),
  CAMPAIGN_PROVISIONING_FAILED: failed('Linking the campaign failed', ASK_SINCH, 'retry'),
  CAMPAIGN_EXPIRED: failed('The campaign has expired', 'Renew the campaign or link another one.', 'relink'),
  CAMPAIGN_MNO_REJECTED: failed(
    'The mobile carriers rejected the campaign',
    'Fix the campaign with your 10DLC registration, or link another one.',
    'relink',
  ),
  CAMPAIGN_MNO_SUSPENDED: failed(
    'The mobile carriers suspended the campaign',
    'Resolve the suspension with your 10DLC registration, or link another campaign.',
    'relink',
  ),
  CAMPAIGN_MNO_REVIEW: act(
    'The mobile carriers are reviewing the campaign',
    'Retry once the review is over.',
    'retry',
  ),
  INSUFFICIENT_BALANCE: failed(
    'The Sinch account balance is too low',
    'Top up the account, then retry.',
    'retry',
  ),
  MOCK_CAMPAIGN_NOT_ALLOWED: failed(
    'A test campaign cannot be linked',
    'Link the number to a real campaign.',
    'relink',
  ),
  TFN_NOT_ALLOWED: failed(
    'Toll-free numbers are not allowed here',
    'Text-enable toll-free numbers with the toll-free route (no campaign).',
  ),
  INVALID_NNID: failed(
    'The NNID for the carrier update is not valid',
    'Check the NNID with your carrier, then retry.',
    'retry',
  ),
};

/** §7.1 / §8.2 callback `eventType`: which step a callback is about */
export const CALLBACK_EVENT_WORDS: Record<CallbackEventType, string> = {
  PROVISIONING_TO_SMS_PLATFORM: 'SMS platform provisioning',
  DEPROVISIONING_TO_SMS_PLATFORM: 'SMS platform unlink',
  LINK_TO_10DLC_CAMPAIGN: '10DLC campaign link',
  UNLINK_TO_10DLC_CAMPAIGN: '10DLC campaign unlink',
  HOSTING_PROCESS: 'Hosting of the number',
  OSR_UPDATE: 'Carrier record (OSR) update',
  DELETE: 'Deletion of the number',
};

/** The desk's own per-number states (the lifecycle screens): words and tone. */
export const NUMBER_STATE_WORDS: Record<NumberState, { words: string; tone: StatusTone }> = {
  planned: { words: 'Planned', tone: 'waiting' },
  'import-sent': { words: 'Import sent', tone: 'in-progress' },
  provisioning: { words: 'Provisioning', tone: 'in-progress' },
  imported: { words: 'Imported', tone: 'done' },
  unlinking: { words: 'Unlinking', tone: 'in-progress' },
  unlinked: { words: 'Unlinked', tone: 'done' },
  linking: { words: 'Linking', tone: 'in-progress' },
  linked: { words: 'Linked', tone: 'done' },
  deleted: { words: 'Deleted', tone: 'done' },
  qualifying: { words: 'Sinch is reviewing the qualification', tone: 'needs-action' },
  eligible: { words: 'Eligible', tone: 'done' },
  'not-eligible': { words: 'Not eligible', tone: 'failed' },
  'verification-pending': { words: 'Waiting for the voice code', tone: 'needs-action' },
  'verification-failed': { words: 'Voice code wrong', tone: 'needs-action' },
  'verification-blocked': { words: 'Verification blocked', tone: 'failed' },
  verified: { words: 'Verified', tone: 'done' },
  ordered: { words: 'Ordered', tone: 'in-progress' },
  'waiting-loa': { words: 'Waiting for the LOA signature', tone: 'needs-action' },
  rejected: { words: 'Order rejected', tone: 'failed' },
  'osr-update': { words: 'Carrier record update', tone: 'in-progress' },
  'platform-provisioning': { words: 'SMS platform provisioning', tone: 'in-progress' },
  'campaign-linking': { words: 'Campaign linking', tone: 'in-progress' },
  hosting: { words: 'Text-enablement in progress', tone: 'in-progress' },
  hosted: { words: 'Text-enabled', tone: 'done' },
  'hosting-failed': { words: 'Text-enablement failed', tone: 'failed' },
  failed: { words: 'Failed', tone: 'failed' },
};

/**
 * The desk's queue states (electron/core/queue) in words: `failed` = refused for good (a 4xx:
 * retrying the same request cannot help), `dead` = gave up after its attempts; a retry on its way is
 * `pending` with an error (the Queue screen words that one itself).
 */
export const JOB_STATE_WORDS: Record<JobStateName, NextStep> = {
  pending: waiting('Waiting to send'),
  running: running('Sending'),
  waiting_remote: running('Sent, Sinch working'),
  done: done('Done'),
  failed: failed(
    'Refused by Sinch',
    'Open the job: it says what Sinch refused; change a wrong service plan or campaign there, or retry it.',
  ),
  dead: failed('Gave up after retries', 'Retry it once Sinch answers again.'),
  cancelled: waiting('Cancelled'),
};

/** Every (table, value) pair, for completeness checks and for screens that look values up generically. */
export const NEXT_STEP_TABLES = {
  hostingOrderState: HOSTING_ORDER_STATE_STEPS,
  qualificationState: QUALIFICATION_STATE_STEPS,
  stepState: STEP_STATE_STEPS,
  failureCode: FAILURE_CODE_STEPS,
} as const;

/** Words and next step of any Sinch value we know, or a neutral line for one we do not (never the raw name). */
export function nextStepOf(value: string): NextStep {
  for (const table of Object.values(NEXT_STEP_TABLES) as Array<Record<string, NextStep>>) {
    const hit = table[value];
    if (hit) return hit;
  }
  return waiting('A state this version of the app does not know yet', 'Look at the order at Sinch.');
}
