import type {
  NumberDetail,
  NumberHistoryEntry,
  NumberSummary,
  OrderType,
  QualificationState,
} from '../../../../shared/contract';
import {
  badgeTone,
  FAILURE_CODE_STEPS,
  HOSTING_ORDER_STATE_STEPS,
  orderStateStep,
  NEXT_STEP_TABLES,
  type NextAction,
  type NextStep,
  NUMBER_STATE_WORDS,
  nextStepOf,
  QUALIFICATION_STATE_STEPS,
  STEP_STATE_STEPS,
  type StatusTone,
} from '../../../../shared/domain/next-steps';
import { NUMBER_STATES, type NumberState, type TaskName } from '../../../../shared/domain/tasks';
import type { Tone } from '../../ui/StatusBadge';

/**
 * What the Numbers screens show (pure, unit-tested): a number's state in the one vocabulary, who
 * holds the ball, the plain-language next step with the action the app can do, the filter groups of
 * the list, and one line per history entry — never a raw Sinch state name, even where the engine's
 * history notes carry one.
 */

export const toneOf = (tone: StatusTone): Tone => badgeTone(tone);

export const stateView = (state: NumberState): { words: string; tone: Tone } => {
  const w = NUMBER_STATE_WORDS[state];
  return { words: w.words, tone: toneOf(w.tone) };
};

/**
 * The list's filter chips: states grouped by tone, so nine chips cover 26 states and the user never
 * picks an API filter. `states` is what `numbers.list` gets.
 */
export const STATE_GROUPS = ['action', 'failed', 'progress', 'waiting', 'done'] as const;
export type StateGroup = (typeof STATE_GROUPS)[number];
export const STATE_GROUP_WORDS: Record<StateGroup, string> = {
  action: 'Needs action',
  failed: 'Failed',
  progress: 'In progress',
  waiting: 'Not sent yet',
  done: 'Done',
};
export const statesOfGroup = (group: StateGroup): NumberState[] =>
  NUMBER_STATES.filter((s) => toneOf(NUMBER_STATE_WORDS[s].tone) === group);

/** Search box text → the list's pattern: digits only; a leading + (or 1 + area code) matches the start. */
export function searchPattern(
  text: string | undefined,
): { pattern: string; searchPattern: 'START' | 'CONTAIN' } | null {
  if (!text) return null;
  const plus = text.trim().startsWith('+');
  const digits = text.replace(/\D/g, '').slice(0, 15);
  if (!digits) return null;
  return plus
    ? { pattern: `+${digits}`, searchPattern: 'START' }
    : { pattern: digits, searchPattern: 'CONTAIN' };
}

/** Who must act for the number to move on. */
export type Ball = 'desk' | 'us' | 'sinch' | 'customer' | 'carrier' | 'nobody';
export const BALL_WORDS: Record<Ball, string> = {
  desk: 'Hosting Desk (sends it when sync runs)',
  us: 'Us',
  sinch: 'Sinch',
  customer: 'The customer (signing)',
  carrier: 'The carriers',
  nobody: 'No one',
};
const BALL_OF_STATE: Record<NumberState, Ball> = {
  planned: 'desk', // queued here: sent when sync runs
  'import-sent': 'sinch',
  provisioning: 'sinch',
  imported: 'nobody',
  unlinking: 'sinch',
  unlinked: 'nobody',
  linking: 'sinch',
  linked: 'nobody',
  deleted: 'nobody',
  qualifying: 'us', // Sinch reviews, but waits for the invoices we e-mail
  eligible: 'nobody',
  'not-eligible': 'us',
  'verification-pending': 'us',
  'verification-failed': 'us',
  'verification-blocked': 'us',
  verified: 'nobody',
  ordered: 'sinch',
  'waiting-loa': 'customer',
  rejected: 'us',
  'osr-update': 'carrier', // the losing carrier updates its record
  'platform-provisioning': 'sinch',
  'campaign-linking': 'sinch',
  hosting: 'sinch',
  hosted: 'nobody',
  'hosting-failed': 'us',
  failed: 'us',
};
export function ballOf(n: Pick<NumberSummary, 'state' | 'failure'>): Ball {
  // a failed step waits on us whatever the state says
  if (n.failure && BALL_OF_STATE[n.state] === 'nobody') return 'us';
  return BALL_OF_STATE[n.state];
}

const QUALIFICATION_KEYS: Record<QualificationState, keyof typeof QUALIFICATION_STATE_STEPS> = {
  'eligible-check-pending': 'GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING',
  eligible: 'GLOBAL_PROCESS_STATE_ELIGIBLE',
  'not-eligible': 'GLOBAL_PROCESS_STATE_NOT_ELIGIBLE',
  'verification-pending': 'GLOBAL_PROCESS_STATE_VERIFICATION_PENDING',
  'verification-failed': 'GLOBAL_PROCESS_STATE_VERIFICATION_FAILED',
  'verification-blocked': 'GLOBAL_PROCESS_STATE_VERIFICATION_BLOCKED',
  verified: 'GLOBAL_PROCESS_STATE_VERIFIED',
  'hosting-in-progress': 'GLOBAL_PROCESS_STATE_HOSTING_IN_PROGRESS',
  'hosting-done': 'GLOBAL_PROCESS_STATE_HOSTING_DONE',
  'hosting-failed': 'GLOBAL_PROCESS_STATE_HOSTING_FAILED',
  unknown: 'GLOBAL_PROCESS_STATE_UNSPECIFIED',
};

/** Local states whose next step is one of the engine's table rows. */
const STATE_STEPS: Partial<Record<NumberState, NextStep>> = {
  'waiting-loa': HOSTING_ORDER_STATE_STEPS.WAITING_FOR_LOA_SIGNATURE,
  rejected: HOSTING_ORDER_STATE_STEPS.REJECTED,
  qualifying: QUALIFICATION_STATE_STEPS.GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING,
  'not-eligible': QUALIFICATION_STATE_STEPS.GLOBAL_PROCESS_STATE_NOT_ELIGIBLE,
  'verification-pending': QUALIFICATION_STATE_STEPS.GLOBAL_PROCESS_STATE_VERIFICATION_PENDING,
  'verification-failed': QUALIFICATION_STATE_STEPS.GLOBAL_PROCESS_STATE_VERIFICATION_FAILED,
  'verification-blocked': QUALIFICATION_STATE_STEPS.GLOBAL_PROCESS_STATE_VERIFICATION_BLOCKED,
  'hosting-failed': QUALIFICATION_STATE_STEPS.GLOBAL_PROCESS_STATE_HOSTING_FAILED,
  failed: {
    words: 'The last job for this number failed',
    tone: 'failed',
    next: 'Read the error of the job in the Queue, fix what it names, then retry.',
    action: 'retry',
  },
};

/**
 * The number's next step: a failure code first (its own words and action), then the state's row,
 * then Sinch's qualification state; a number that needs nothing says so (`next` null).
 */
export function numberNextStep(n: Pick<NumberSummary, 'state' | 'failure' | 'qualificationState'>): NextStep {
  const code = n.failure?.code;
  if (code && code in FAILURE_CODE_STEPS) return FAILURE_CODE_STEPS[code as keyof typeof FAILURE_CODE_STEPS];
  // a step that failed without a code (inside an order, Sinch gives none) says more than "failed"
  const byState = n.failure && n.state === 'failed' ? undefined : STATE_STEPS[n.state];
  if (byState) return byState;
  if (n.failure)
    return {
      words: 'A step failed at Sinch',
      tone: 'failed',
      next: n.failure.text ?? 'Read the failure on the order; retry once it is fixed.',
      action: 'retry',
    };
  const w = NUMBER_STATE_WORDS[n.state];
  return { words: w.words, tone: w.tone, next: null };
}

export const qualificationStep = (q: QualificationState | null): NextStep | null =>
  q ? QUALIFICATION_STATE_STEPS[QUALIFICATION_KEYS[q]] : null;

/** The buttons the lifecycle page offers for an action, given what the number has. */
export type ActionView =
  | { kind: 'reissue' | 'retry'; label: string; jobId: number }
  | { kind: 'relink' | 'qualify'; label: string }
  | { kind: 'link'; label: string; href: string };

export function actionFor(
  action: NextAction | undefined,
  n: Pick<NumberDetail, 'phone' | 'kind' | 'lastJobId'>,
): ActionView | null {
  const phone = encodeURIComponent(n.phone);
  switch (action) {
    case 'reissue':
      return n.lastJobId === null ? null : { kind: 'reissue', label: 'Re-issue LOA', jobId: n.lastJobId };
    case 'retry':
      return n.lastJobId === null ? null : { kind: 'retry', label: 'Retry', jobId: n.lastJobId };
    case 'relink':
      return n.kind === 'imported' ? { kind: 'relink', label: 'Link to another campaign…' } : null;
    case 'qualify':
      return { kind: 'qualify', label: 'Qualify again' };
    case 'verify':
      return { kind: 'link', label: 'Enter the voice code', href: `#/verify?numbers=${phone}` };
    case 'sendInvoiceEmail':
      return { kind: 'link', label: 'Send the invoice e-mail', href: `#/verify?invoice=${phone}` };
    default:
      return null;
  }
}

/** Sinch's names for steps (camelCase) and our kebab state names, as people say them. */
const STEP_WORDS: Record<string, string> = {
  osrUpdate: 'Carrier record update',
  platformProvisioning: 'SMS platform provisioning',
  campaignProvisioning: 'Campaign link',
  smsProvisioning: 'SMS platform provisioning',
  smsAtt: 'AT&T SMS',
  smsTmo: 'T-Mobile SMS',
  mmsAtt: 'AT&T MMS',
  mmsTmo: 'T-Mobile MMS',
  osrEligibility: 'Carrier record eligibility',
  ownershipVerification: 'Ownership verification',
};
const SINCH_TABLES = Object.values(NEXT_STEP_TABLES) as Array<Record<string, NextStep>>;
const knownSinch = (token: string): NextStep | undefined => {
  for (const t of SINCH_TABLES) if (t[token]) return t[token];
  return undefined;
};
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * A history note in words: Sinch's state names and failure codes become the table's words, our state
 * and step names their labels; unknown upper-case names lose their underscores. Acronyms (LOA, SMS,
 * OSR) stay.
 */
export function wordNote(note: string): string {
  return note
    .replace(/\b[a-z]+(?:-[a-z]+)+\b/g, (t) =>
      t in NUMBER_STATE_WORDS ? lower(NUMBER_STATE_WORDS[t as NumberState].words) : t,
    )
    .replace(/\b[a-z]+[A-Z][A-Za-z]*\b/g, (t) => STEP_WORDS[t] ?? t)
    .replace(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*\b/g, (t) => {
      const hit = knownSinch(t);
      if (hit) return lower(hit.words);
      if (t.includes('_') || t.length > 4) return t.toLowerCase().replaceAll('_', ' ');
      return t;
    })
    .replace(/\bsms\b/g, 'SMS');
}

const ORDER_TYPE_WORDS: Record<OrderType, string> = {
  import: 'Import',
  'text-enable': 'Text-enable',
  'text-enable-toll-free': 'Text-enable (toll-free)',
};

export const TASK_WORDS: Record<TaskName, string> = {
  importNumber: 'Import',
  importNumbersOrder: 'Import order',
  qualifyNumbers: 'Qualification request',
  textEnableNumbers: 'Text-enable order',
  textEnableTollFreeNumbers: 'Toll-free text-enable order',
  unlinkNumber: 'Unlink from the campaign',
  linkNumber: 'Link to the campaign',
  sendVoiceChallenge: 'Voice call',
  verifyVoiceChallenge: 'Voice code check',
  deleteImportedNumber: 'Delete',
  updateImportedNumber: 'Update',
  deleteQualifiedNumber: 'Delete the qualification',
  awaitQualification: 'Wait for the qualification decision',
  followOrder: 'Follow the order',
};
const JOB_EVENT_WORDS = {
  created: 'queued',
  sent: 'sent to Sinch',
  done: 'done',
  failed: 'failed',
  dead: 'gave up after its attempts',
  cancelled: 'cancelled',
} as const;
const JOB_EVENT_TONES: Record<keyof typeof JOB_EVENT_WORDS, Tone> = {
  created: 'waiting',
  sent: 'progress',
  done: 'done',
  failed: 'failed',
  dead: 'failed',
  cancelled: 'waiting',
};

export type TimelineLine = { words: string; detail: string | null; tone: Tone; orderId?: string };

/** One line of the lifecycle timeline. */
export function timelineLine(e: NumberHistoryEntry): TimelineLine {
  switch (e.kind) {
    case 'state': {
      const s = stateView(e.state);
      // the job that wrote it (its own "queued"/"sent" lines are left out at the same moment)
      const words = e.jobId !== null ? `${s.words} (job #${e.jobId})` : s.words;
      return { words, detail: e.note ? wordNote(e.note) : null, tone: s.tone };
    }
    case 'job':
      return {
        words: `${TASK_WORDS[e.task]} (job #${e.jobId}) ${JOB_EVENT_WORDS[e.event]}`,
        detail: e.summary ? wordNote(e.summary) : null,
        tone: JOB_EVENT_TONES[e.event],
      };
    case 'order': {
      const step = orderStateStep(e.state);
      return {
        words: `${ORDER_TYPE_WORDS[e.type]} order ${e.orderId} created`,
        detail: `Now: ${lower(step.words)}`,
        tone: toneOf(step.tone),
        orderId: e.orderId,
      };
    }
    case 'step': {
      const code = e.failure?.code;
      const coded = code ? nextStepOf(code) : null;
      const base = stepWordsOf(e.state);
      const what = STEP_WORDS[e.step] ?? e.step;
      return {
        words: `${what}: ${coded && code ? lower(coded.words) : lower(base.words)}`,
        detail: coded?.next ?? (e.failure?.text ? wordNote(e.failure.text) : null),
        tone: coded ? toneOf(coded.tone) : toneOf(base.tone),
        ...(e.orderId ? { orderId: e.orderId } : {}),
      };
    }
  }
}

const STEP_STATE_KEYS = {
  waiting: 'WAITING',
  'in-progress': 'IN_PROGRESS',
  done: 'DONE',
  failed: 'FAILED',
  unspecified: 'STATE_UNSPECIFIED',
} as const;
const stepWordsOf = (state: keyof typeof STEP_STATE_KEYS): NextStep =>
  STEP_STATE_STEPS[STEP_STATE_KEYS[state]];
