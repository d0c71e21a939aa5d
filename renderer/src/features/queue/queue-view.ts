import {
  AMENDABLE_FIELDS,
  type AmendableField,
  type BatchProgress,
  type JobStateName,
  type JobSummary,
} from '../../../../shared/contract';
import { badgeTone, JOB_STATE_WORDS } from '../../../../shared/domain/next-steps';
import type { TaskName } from '../../../../shared/domain/tasks';
import { formatCount } from '../../ui/format';
import type { Tone } from '../../ui/StatusBadge';

/**
 * What the Queue screen shows for a job: the state in the one status vocabulary, the task in words,
 * when it runs next, the last error in plain words with the API's field violations by field, and
 * which actions make sense. Pure, so every state is tested without a browser.
 */

export const TASK_LABELS: Record<TaskName, string> = {
  importNumber: 'Import one number',
  importNumbersOrder: 'Import order',
  qualifyNumbers: 'Qualify numbers',
  textEnableNumbers: 'Text-enable order',
  textEnableTollFreeNumbers: 'Text-enable order (toll-free)',
  unlinkNumber: 'Unlink from campaign',
  linkNumber: 'Link to campaign',
  sendVoiceChallenge: 'Send voice challenge',
  verifyVoiceChallenge: 'Check voice code',
  deleteImportedNumber: 'Delete imported number',
  updateImportedNumber: 'Change imported number',
  deleteQualifiedNumber: 'Delete qualified number',
  awaitQualification: 'Wait for qualification',
  followOrder: 'Follow order',
};

export type JobStateView = { tone: Tone; label: string };

export function jobStateView(job: Pick<JobSummary, 'state' | 'blocked' | 'lastError'>): JobStateView {
  // A pending job whose predecessor is not done waits on it, not on the queue.
  if (job.state === 'pending' && job.blocked) return { tone: 'waiting', label: 'Waiting on earlier step' };
  if (job.state === 'pending' && job.lastError) return { tone: 'action', label: 'Will retry' };
  const w = JOB_STATE_WORDS[job.state];
  return { tone: badgeTone(w.tone), label: w.words };
}

/** The filters of the screen (search param `show`): each a set of engine states. */
export const QUEUE_FILTER_NAMES = ['all', 'active', 'failed', 'done', 'cancelled'] as const;
export type QueueFilter = (typeof QUEUE_FILTER_NAMES)[number];
export const QUEUE_FILTERS: Record<
  QueueFilter,
  { label: string; states: readonly JobStateName[] | undefined }
> = {
  all: { label: 'All', states: undefined },
  active: { label: 'In progress', states: ['pending', 'running', 'waiting_remote'] },
  failed: { label: 'Failed', states: ['failed', 'dead'] },
  done: { label: 'Done', states: ['done'] },
  cancelled: { label: 'Cancelled', states: ['cancelled'] },
};

export function filterCount(filter: QueueFilter, counts: Record<JobStateName, number>): number {
  const states = QUEUE_FILTERS[filter].states;
  const list = states ?? (Object.keys(counts) as JobStateName[]);
  return list.reduce((sum, s) => sum + counts[s], 0);
}

/** "now", "in 4 min", "at 14:05:00" — or nothing for jobs that will not run again. */
export function nextRunLabel(
  job: Pick<JobSummary, 'state' | 'runAt' | 'blocked'>,
  now: number,
  formatTime: (iso: string) => string,
): string {
  if (job.state === 'done' || job.state === 'failed' || job.state === 'dead' || job.state === 'cancelled')
    return '—';
  if (job.state === 'running') return 'now';
  if (job.blocked) return 'after the earlier step';
  const at = Date.parse(job.runAt);
  const wait = at - now;
  if (wait <= 0) return job.state === 'waiting_remote' ? 'checking now' : 'now';
  if (wait < 60_000) return `in ${Math.ceil(wait / 1000)} s`;
  if (wait < 60 * 60_000) return `in ${Math.round(wait / 60_000)} min`;
  return `at ${formatTime(job.runAt)}`;
}

/** `problem` is Sinch's own words about the field; `fix` says where the user changes it, when we know */
export type FieldProblem = { field: string; problem: string; fix?: string };
export type ErrorView = { summary: string; fields: FieldProblem[] };

/** Sinch field names as a person reads them ("smsConfiguration.campaignId" → "SMS campaign ID"). */
const FIELD_WORDS: Record<string, string> = {
  phoneNumber: 'Phone number',
  phoneNumbers: 'Phone numbers',
  servicePlanId: 'Service plan ID',
  campaignId: 'Campaign ID',
  'smsConfiguration.servicePlanId': 'Service plan ID',
  'smsConfiguration.campaignId': 'Campaign ID',
  regionCode: 'Country',
  loa: 'Letter of authorization',
  callbackUrl: 'Callback URL',
  displayName: 'Order name',
};

const FROM_ROWS_OR_DEFAULTS = 'comes from the rows or Settings → Defaults for new orders.';
/** Where a refused job's service plan or campaign is corrected: its own dialog (jobs.amend). */
export const CHANGE_HERE = 'Change and send again';
/**
 * Where each field the user controls comes from (by the field's last name: indexes and prefixes vary).
 * A refused job's service plan and campaign can be changed in its dialog (`CHANGE_HERE`); every
 * other value of a queued job is fixed at commit, so the words say where it came from — changing it
 * there helps the next batch; this job needs its numbers brought in again.
 */
const FIELD_FIXES: Record<string, string> = {
  servicePlanId: `Correct it below under “${CHANGE_HERE}”. For the next batches, correct it in the rows or Settings → Defaults for new orders.`,
  campaignId: `Correct it below under “${CHANGE_HERE}” (empty sends no campaign). For the next batches, correct it in the rows or Settings → Defaults for new orders.`,
  phoneNumber: 'The number comes from its row in Bring numbers.',
  phoneNumbers: 'The numbers come from their rows in Bring numbers.',
  regionCode: `The country ${FROM_ROWS_OR_DEFAULTS}`,
  callbackUrl: 'The callback URL comes from Settings (an https:// address Sinch can reach).',
  loa: 'The letter of authorization comes from the LOA profile chosen for the batch.',
  displayName: 'The name comes from its row in Bring numbers.',
};

/** What a refusal by field means for the job: what can be changed here, what Retry does. */
export const REFUSED_BY_FIELD =
  'Sinch refused the request because of what is listed below. Retry sends it unchanged, for a problem fixed at Sinch. A wrong service plan or campaign ID can be changed here; any other wrong value needs these numbers brought in again.';

/**
 * The values of a refused job the user may change before it is sent again: those its request sends
 * (the contract's AMENDABLE_FIELDS), only while the job is failed or dead, and not when an earlier
 * request may have reached Sinch (the engine refuses that: see `CANNOT_CHANGE_SENT`).
 */
export function amendableFields(
  job: Pick<JobSummary, 'task' | 'state'> & { sendMayHaveLanded?: boolean },
): readonly AmendableField[] {
  if ((job.state !== 'failed' && job.state !== 'dead') || job.sendMayHaveLanded) return [];
  return AMENDABLE_FIELDS[job.task] ?? [];
}

/** Why a refused job that may have landed at Sinch offers Retry only. */
export const CANNOT_CHANGE_SENT =
  'Its values cannot be changed here: an earlier request got no answer and may have reached Sinch. Retry checks at Sinch first.';

function fieldFix(field: string): string | undefined {
  const last =
    field
      .replace(/\[\d+\]/g, '')
      .split('.')
      .pop() ?? field;
  return FIELD_FIXES[last];
}

export function fieldLabel(field: string): string {
  const direct = FIELD_WORDS[field];
  if (direct) return direct;
  // "numbers[3].phoneNumber" → "Phone number (row 4)"
  const indexed = /^(.*)\[(\d+)\]\.?(.*)$/.exec(field);
  if (indexed) {
    const [, , index, rest] = indexed;
    const inner = rest ? fieldLabel(rest) : 'Entry';
    return `${inner} (item ${Number(index) + 1})`;
  }
  const last = field.split('.').pop() ?? field;
  const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The job's last error: one sentence, plus what Sinch said about each field it refused. */
export function errorView(lastError: JobSummary['lastError']): ErrorView | null {
  if (!lastError) return null;
  const fields = violationsOf(lastError.details).map((v): FieldProblem => {
    const fix = fieldFix(v.field);
    return { field: fieldLabel(v.field), problem: v.description, ...(fix ? { fix } : {}) };
  });
  // With fields, they say what was wrong: Sinch's own message ("Invalid argument") would only repeat them.
  const summary = fields.length > 0 && lastError.status === 400 ? REFUSED_BY_FIELD : errorSummary(lastError);
  return { summary, fields };
}

function errorSummary({ message, status }: NonNullable<JobSummary['lastError']>): string {
  const said = message.trim() ? ` Sinch said: “${message.trim().replace(/\.$/, '')}”.` : '';
  switch (true) {
    case status === 400:
      return `Sinch refused the request as invalid.${said}`;
    case status === 401 || status === 403:
      return `Sinch refused this workspace’s key.${said}`;
    case status === 404:
      return `Sinch does not know this number or order.${said}`;
    case status === 409:
      return `Sinch already has this number in another order or state.${said}`;
    case status === 429:
      return 'Sinch asked us to slow down; it is sent again by itself.';
    case status !== null && status >= 500:
      return `Sinch had a problem answering (${status}); it is sent again by itself.`;
    default:
      return message.trim() || 'The last attempt did not get through.';
  }
}

function violationsOf(details: unknown): Array<{ field: string; description: string }> {
  const list = (details as { fieldViolations?: unknown } | null)?.fieldViolations;
  if (!Array.isArray(list)) return [];
  return list.flatMap((v) => {
    const field = (v as { field?: unknown }).field;
    const description = (v as { description?: unknown }).description;
    return typeof field === 'string' && typeof description === 'string' ? [{ field, description }] : [];
  });
}

/** Which actions a job offers (the engine refuses the rest anyway). */
export function jobActions(job: Pick<JobSummary, 'state'>): { retry: boolean; cancel: boolean } {
  return {
    retry: job.state === 'failed' || job.state === 'dead' || job.state === 'cancelled',
    cancel: job.state === 'pending' || job.state === 'waiting_remote',
  };
}

export type BatchView = {
  done: number;
  total: number;
  tone: Tone;
  label: string;
  detail: string;
};

/** A batch's progress: finished jobs out of all of them, and a word for where it stands. */
export function batchView(batch: BatchProgress): BatchView {
  const c = batch.counts;
  const total = Object.values(c).reduce((a, b) => a + b, 0);
  const failed = c.failed + c.dead;
  const finished = c.done + failed + c.cancelled;
  const parts = [
    `${c.done} of ${total} ${total === 1 ? 'job' : 'jobs'} done`,
    failed ? `${failed} failed` : '',
    c.cancelled ? `${c.cancelled} cancelled` : '',
  ].filter(Boolean);
  const detail = `${parts.join(', ')} · ${formatCount(batch.numberCount)} ${batch.numberCount === 1 ? 'number' : 'numbers'}`;
  if (failed > 0) return { done: finished, total, tone: 'failed', label: 'Has failures', detail };
  if (total > 0 && c.done === total) return { done: finished, total, tone: 'done', label: 'Done', detail };
  if (finished === total) return { done: finished, total, tone: 'waiting', label: 'Stopped', detail };
  if (c.running + c.waiting_remote + c.done > 0)
    return { done: finished, total, tone: 'progress', label: 'In progress', detail };
  return { done: finished, total, tone: 'waiting', label: 'Waiting to send', detail };
}
