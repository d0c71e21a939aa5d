import type { Input, JobSummary, OrderSummary } from '../../../../../shared/contract';
import { parseFieldValue } from '../../../../../shared/domain/intake/row-fields';
import type { Tone } from '../../../ui/StatusBadge';
import type { FormErrors } from './a-import-one';
import { jobsProgress, splitTyped, typedRows } from './typed-numbers';

/**
 * Workflow B (Sinch's guide): import several numbers through hosting orders. An order takes at most
 * the workspace's import limit (5 unless Sinch raised it); more numbers go in several orders, and the
 * wizard says so before anything is planned. The planner decides the calls (a last chunk of one
 * number is a plain single import), the plan step shows them, then the wizard follows each order.
 */

/** More than this in one wizard belongs on the Bring numbers screen (a file, its review table). */
export const MOST_TYPED = 50;

export type ImportSeveralForm = { numbers: string; servicePlanId: string; campaignId: string };

export type ImportSeveralRequest = {
  draft: {
    name: string;
    action: 'import';
    values: Input<'intake.create'>['values'];
    rows: Input<'intake.append'>['rows'];
  };
  numbers: string[];
  /** lines that cannot go, with why (they stay in the draft as errors) */
  problems: string[];
};

export function checkImportSeveral(
  form: ImportSeveralForm,
): { ok: true; request: ImportSeveralRequest } | { ok: false; errors: FormErrors<ImportSeveralForm> } {
  const errors: FormErrors<ImportSeveralForm> = {};
  const cells = splitTyped(form.numbers);
  const typed = typedRows(cells, 'import');
  if (cells.length === 0) errors.numbers = 'Numbers: type or paste the numbers, one a line.';
  else if (cells.length > MOST_TYPED)
    errors.numbers = `Numbers: at most ${MOST_TYPED} here. For a longer list, use Bring numbers with a file.`;
  else if (typed.numbers.length === 0)
    errors.numbers = `Numbers: none of these can be imported. ${typed.problems.slice(0, 2).join(' ')}`;
  const plan = form.servicePlanId.trim();
  if (plan === '')
    errors.servicePlanId = 'Service plan: type the service plan ID the numbers will send through.';
  else {
    const parsed = parseFieldValue('servicePlanId', plan);
    if ('problem' in parsed) errors.servicePlanId = parsed.problem;
  }
  const campaign = form.campaignId.trim();
  if (campaign !== '') {
    const parsed = parseFieldValue('campaignId', campaign);
    if ('problem' in parsed) errors.campaignId = parsed.problem;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    request: {
      numbers: typed.numbers,
      problems: typed.problems,
      draft: {
        name: `Import ${typed.numbers.length} numbers`,
        action: 'import',
        values: { servicePlanId: plan, ...(campaign ? { campaignId: campaign } : {}) },
        rows: typed.rows,
      },
    },
  };
}

/**
 * How the numbers will be split, in words, before planning: one order, or several (the guide's
 * limit of 5 per order; the workspace may have a raised limit). A last group of one number is a
 * single import, as the planner does it.
 */
export function splitNote(count: number, limit: number): string {
  if (count <= 0) return '';
  if (count === 1) return 'One number: it is imported on its own (no order needed).';
  if (count <= limit) return `${count} numbers go in one hosting order (at most ${limit} per order).`;
  const full = Math.floor(count / limit);
  const rest = count % limit;
  const parts = [`${full} order${full === 1 ? '' : 's'} of ${limit}`];
  if (rest === 1) parts.push('1 number imported on its own');
  else if (rest > 1) parts.push(`1 order of ${rest}`);
  return `${count} numbers are more than one order takes (at most ${limit}): they go as ${parts.join(' and ')}.`;
}

export type OrderLine = { id: string; tone: Tone; words: string };

const ORDER_WORDS: Record<OrderSummary['state'], { tone: Tone; words: string }> = {
  draft: { tone: 'waiting', words: 'Drafted at Sinch' },
  submitted: { tone: 'progress', words: 'Submitted' },
  'waiting-loa': { tone: 'action', words: 'Waiting for the LOA signature' },
  'in-progress': { tone: 'progress', words: 'In progress at Sinch' },
  completed: { tone: 'done', words: 'Completed' },
  rejected: { tone: 'failed', words: 'Rejected by Sinch' },
  unknown: { tone: 'waiting', words: 'State not known yet' },
};

export const orderWords = (state: OrderSummary['state']) => ORDER_WORDS[state];

/**
 * The follow step of workflow B: the batch's jobs in one line, then each order they created with
 * its state and how many of its numbers are provisioned. Finished when every job is done (an import
 * job ends once its numbers are imported) and every order completed.
 */
export function followOrders(
  jobs: readonly Pick<JobSummary, 'state' | 'blocked' | 'lastError' | 'orderIds'>[],
  orders: readonly Pick<OrderSummary, 'id' | 'state' | 'numberCount' | 'stepCounts'>[],
): { progress: ReturnType<typeof jobsProgress>; orders: OrderLine[]; finished: boolean } {
  const progress = jobsProgress(jobs);
  const lines = orders.map((o) => {
    const view = ORDER_WORDS[o.state];
    const provisioned = o.stepCounts.platformProvisioning.done;
    return {
      id: o.id,
      tone: view.tone,
      words: `${view.words}; ${provisioned} of ${o.numberCount} numbers provisioned for SMS`,
    };
  });
  const finished =
    progress.settled && progress.tone === 'done' && orders.every((o) => o.state === 'completed');
  return { progress, orders: lines, finished };
}
