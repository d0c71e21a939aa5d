import type { OrderSummary } from '../../../../../../shared/contract';
import type { PlanLoaType } from '../../../../../../shared/domain/tasks';

/**
 * Workflow D's words and decisions (pure; text-enable-view.test.ts): the guide's LOA question as three
 * plain answers, standard vs toll-free as the planner decided it from the numbers, and where the work
 * stands once queued.
 */
export const LOA_CHOICES: ReadonlyArray<{ type: PlanLoaType; answer: string; detail: string }> = [
  {
    type: 'direct',
    answer: 'The numbers belong to my own business',
    detail: 'You are the numbers’ owner and a direct Sinch customer: your authorised person signs the LOA.',
  },
  {
    type: 'reseller',
    answer: 'I act for a customer who owns the numbers',
    detail: 'You resell Sinch: your customer’s authorised person signs the LOA for their business.',
  },
  {
    type: 'blanket',
    answer: 'A blanket LOA covers them',
    detail:
      'Your Sinch account manager has approved one LOA for many numbers of one owner: nothing to sign per order.',
  },
];

export const isLoaType = (value: unknown): value is PlanLoaType =>
  value === 'direct' || value === 'reseller' || value === 'blanket';

const TOLL_FREE_CODES = '800, 833, 844, 855, 866, 877 or 888';

/**
 * Standard or toll-free, from the planner's own split of the numbers (its text-enable calls per
 * operation): the words say which, and why.
 */
export function numberKind(numbersByOperation: Readonly<Record<string, number>>): {
  kind: 'standard' | 'toll-free' | 'both' | 'none';
  title: string;
  why: string;
} {
  const standard = numbersByOperation.textEnableNumbers ?? 0;
  const tollFree = numbersByOperation.textEnableTollFreeNumbers ?? 0;
  const n = (count: number) => `${count} number${count === 1 ? '' : 's'}`;
  if (standard > 0 && tollFree > 0)
    return {
      kind: 'both',
      title: `${n(standard)} standard, ${n(tollFree)} toll-free`,
      why: `Toll-free numbers (area code ${TOLL_FREE_CODES}) go to Sinch in an order of their own, so the desk makes a standard order and a toll-free one.`,
    };
  if (tollFree > 0)
    return {
      kind: 'toll-free',
      title: `Toll-free: ${n(tollFree)}`,
      why: `Every number has a toll-free area code (${TOLL_FREE_CODES}), so they go in a toll-free text-enable order.`,
    };
  if (standard > 0)
    return {
      kind: 'standard',
      title: `Standard: ${n(standard)}`,
      why: `No number has a toll-free area code (${TOLL_FREE_CODES}), so they go in a standard text-enable order.`,
    };
  return {
    kind: 'none',
    title: 'No number can be text-enabled yet',
    why: 'Every number was left out of the plan (see why on the next step), or none was brought in.',
  };
}

const OPERATION_WORDS: Record<string, (count: number) => string> = {
  qualifyNumbers: (c) => `Ask Sinch to qualify ${c} number${c === 1 ? '' : 's'} first (Sinch reviews them)`,
  textEnableNumbers: (c) => `Text-enable ${c} standard number${c === 1 ? '' : 's'} in one hosting order`,
  textEnableTollFreeNumbers: (c) =>
    `Text-enable ${c} toll-free number${c === 1 ? '' : 's'} in one hosting order`,
};

/** The plan's calls in a sentence each (the plan screen shows them one by one). */
export function planLines(numbersByOperation: Readonly<Record<string, number>>): string[] {
  return Object.entries(numbersByOperation)
    .filter(([, count]) => count > 0)
    .map(([op, count]) => (OPERATION_WORDS[op] ?? ((c: number) => `${op}: ${c} numbers`))(count));
}

type JobLike = { task: string; state: string };

export const WAITING_FOR_QUALIFICATION = 'Waiting for Sinch to qualify the numbers';

/** Where the batch stands, as one headline and what to do now (the Sandbox hint only in the Sandbox). */
export function followHeadline(
  jobs: readonly JobLike[],
  orders: readonly Pick<OrderSummary, 'state'>[],
): { tone: 'waiting' | 'progress' | 'done' | 'action' | 'failed'; words: string; next: string | null } {
  const failedJob = jobs.find((j) => j.state === 'failed' || j.state === 'dead');
  if (failedJob)
    return {
      tone: 'failed',
      words: 'A request failed',
      next: 'Open the Queue to read why and retry it.',
    };
  if (orders.length > 0 && orders.every((o) => o.state === 'completed'))
    return { tone: 'done', words: 'Text-enabled', next: null };
  if (orders.some((o) => o.state === 'rejected'))
    return { tone: 'failed', words: 'Sinch rejected the order', next: 'Open the order to read why.' };
  if (orders.some((o) => o.state === 'waiting-loa'))
    return {
      tone: 'action',
      words: 'Waiting for the LOA signature',
      next: 'The authorised person signs the LOA e-mailed to them.',
    };
  if (orders.length > 0) return { tone: 'progress', words: 'Order in progress at Sinch', next: null };
  // Qualification first (the planner puts it before the text-enable): asked, then Sinch's review.
  const qualify = jobs.filter((j) => j.task === 'qualifyNumbers');
  if (qualify.length > 0 && qualify.every((j) => j.state === 'done'))
    return {
      tone: 'waiting',
      words: WAITING_FOR_QUALIFICATION,
      next: 'Sinch reviews them (1–3 business days). E-mail the numbers’ invoices to orders@sinch.com, or qualification does not start.',
    };
  if (qualify.length > 0)
    return { tone: 'progress', words: 'Asking Sinch to qualify the numbers', next: null };
  return { tone: 'progress', words: 'Sending to Sinch', next: null };
}
