import type { Input, JobSummary, NumberDetail } from '../../../../../shared/contract';
import { parseFieldValue } from '../../../../../shared/domain/intake/row-fields';
import type { Tone } from '../../../ui/StatusBadge';
import { jobsProgress, splitTyped, typedRows } from './typed-numbers';

/**
 * Workflow A (Sinch's guide): import one number. The wizard asks for the number, the service plan
 * (the workspace default prefilled), and optionally a campaign and a display name; it makes a draft of
 * one row, shows its plan (a single `POST importedNumbers`), commits it and follows the number.
 *
 * The display name goes on the row (`fields.displayName`): the planner imports a named number on its
 * own, and that single import carries the name — one request, no change after the import.
 */

export type ImportOneForm = { phone: string; servicePlanId: string; campaignId: string; displayName: string };
export type FormErrors<F> = Partial<Record<keyof F, string>>;

export type ImportOneRequest = {
  draft: {
    name: string;
    action: 'import';
    values: Input<'intake.create'>['values'];
    rows: Input<'intake.append'>['rows'];
  };
  phone: string;
  /** sent with the import (on the row); null = none asked for */
  displayName: string | null;
};

/** The form checked as the engine will check it; each error names its field and the fix. */
export function checkImportOne(
  form: ImportOneForm,
): { ok: true; request: ImportOneRequest } | { ok: false; errors: FormErrors<ImportOneForm> } {
  const errors: FormErrors<ImportOneForm> = {};
  const cells = splitTyped(form.phone);
  let phone: string | null = null;
  let rows: Input<'intake.append'>['rows'] = [];
  if (cells.length === 0) errors.phone = 'Phone number: type the number to import, e.g. +12025550134.';
  else if (cells.length > 1)
    errors.phone = 'Phone number: one number here. To import several, use “Import several numbers”.';
  else {
    const typed = typedRows(cells, 'import');
    const row = typed.rows[0];
    if (row?.e164 && typed.numbers.length === 1) {
      if (row.tollFree)
        errors.phone =
          'Phone number: toll-free numbers are hosted by text-enabling, not importing. Use “Text-enable numbers”.';
      else {
        phone = row.e164;
        rows = typed.rows;
      }
    } else errors.phone = `Phone number: ${row?.reason ?? 'not a US or Canadian number.'}`;
  }
  const plan = form.servicePlanId.trim();
  if (plan === '')
    errors.servicePlanId = 'Service plan: type the service plan ID the number will send through.';
  else {
    const parsed = parseFieldValue('servicePlanId', plan);
    if ('problem' in parsed) errors.servicePlanId = parsed.problem;
  }
  const campaign = form.campaignId.trim();
  if (campaign !== '') {
    const parsed = parseFieldValue('campaignId', campaign);
    if ('problem' in parsed) errors.campaignId = parsed.problem;
  }
  const name = form.displayName.trim();
  if (name !== '') {
    const parsed = parseFieldValue('displayName', name);
    if ('problem' in parsed) errors.displayName = parsed.problem;
  }
  if (Object.keys(errors).length > 0 || phone === null) return { ok: false, errors };
  // the name belongs to the number: on its row, the planner sends it with the single import
  if (name !== '') rows = rows.map((r) => ({ ...r, fields: { ...r.fields, displayName: name } }));
  return {
    ok: true,
    request: {
      phone,
      displayName: name === '' ? null : name,
      draft: {
        name: `Import ${phone}`,
        action: 'import',
        values: { servicePlanId: plan, ...(campaign ? { campaignId: campaign } : {}) },
        rows,
      },
    },
  };
}

export type FollowLine = { label: string; tone: Tone; words: string };

const STEP_WORDS: Record<string, { tone: Tone; words: string }> = {
  waiting: { tone: 'waiting', words: 'Waiting' },
  'in-progress': { tone: 'progress', words: 'In progress' },
  done: { tone: 'done', words: 'Done' },
  failed: { tone: 'failed', words: 'Failed' },
  unspecified: { tone: 'waiting', words: 'Not started' },
};

/** An imported number's own provisioning step, in words (null = Sinch has not said yet). */
export function stepLine(label: string, step: NumberDetail['smsProvisioning']): FollowLine {
  if (!step) return { label, tone: 'waiting', words: 'Not known yet' };
  const view = STEP_WORDS[step.state] ?? { tone: 'waiting' as Tone, words: 'Not known yet' };
  return { label, ...view, words: step.failure?.text ? `${view.words}: ${step.failure.text}` : view.words };
}

/**
 * The follow step of workflow A: the import job, then the number's SMS and campaign provisioning
 * (the guide's end state: imported, both DONE), then the display name when one was asked for (done
 * once the imported number shows it).
 */
export function followImportOne(input: {
  jobs: readonly Pick<JobSummary, 'state' | 'blocked' | 'lastError'>[];
  number:
    | Pick<NumberDetail, 'kind' | 'smsProvisioning' | 'campaignProvisioning' | 'campaignId' | 'displayName'>
    | undefined;
  campaign: boolean;
  /** the name asked for; null = none */
  displayName: string | null;
}): { lines: FollowLine[]; finished: boolean } {
  const progress = jobsProgress(input.jobs);
  const lines: FollowLine[] = [{ label: 'Import', tone: progress.tone, words: progress.words }];
  const imported = input.number?.kind === 'imported';
  const sms = stepLine('SMS provisioning', imported ? (input.number?.smsProvisioning ?? null) : null);
  lines.push(sms);
  const campaign = input.campaign
    ? stepLine('Campaign provisioning', imported ? (input.number?.campaignProvisioning ?? null) : null)
    : null;
  if (campaign) lines.push(campaign);
  const name: FollowLine | null =
    input.displayName === null
      ? null
      : imported && input.number?.displayName === input.displayName
        ? { label: 'Display name', tone: 'done', words: 'Done' }
        : {
            label: 'Display name',
            tone: 'waiting',
            words: imported ? 'Not shown yet' : 'Sent with the import',
          };
  if (name) lines.push(name);
  const finished =
    progress.tone === 'done' &&
    sms.tone === 'done' &&
    (campaign === null || campaign.tone === 'done') &&
    (name === null || name.tone === 'done');
  return { lines, finished };
}
