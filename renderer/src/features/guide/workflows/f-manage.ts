import type { NumberDetail } from '../../../../../shared/contract';
import { parseFieldValue } from '../../../../../shared/domain/intake/row-fields';
import type { FormErrors } from './a-import-one';
import { splitTyped, typedRows } from './typed-numbers';

/**
 * Workflow F (Sinch's guide): manage numbers. Pick a number the workspace knows, then one change:
 * its display name, a move to another service plan / campaign (relink: two ordered jobs, unlink then
 * link — the guide's "unlink before relinking"), unlink only, or delete (after a confirmation). Each
 * change is an operation channel that queues jobs; the wizard follows them and re-reads the number.
 */

export const MANAGE_ACTIONS = ['rename', 'relink', 'unlink', 'delete'] as const;
export type ManageAction = (typeof MANAGE_ACTIONS)[number];

export const ACTION_LABELS: Record<ManageAction, { label: string; hint: string }> = {
  rename: { label: 'Change the display name', hint: 'The name Sinch shows for the number.' },
  relink: {
    label: 'Move to another service plan or campaign',
    hint: 'Unlinks first, then links to the new one (Sinch requires the two steps).',
  },
  unlink: {
    label: 'Unlink from its service plan and campaign',
    hint: 'The number stays imported but stops sending until it is linked again.',
  },
  delete: { label: 'Delete the number', hint: 'Sinch forgets it; importing it again starts over.' },
};

/** The picked number as typed: one US/CA number in any usual spelling → E.164. */
export function checkPick(text: string): { ok: true; phone: string } | { ok: false; error: string } {
  const cells = splitTyped(text);
  if (cells.length !== 1) return { ok: false, error: 'Number: type one number, e.g. +12025550134.' };
  const typed = typedRows(cells, 'import');
  const e164 = typed.rows[0]?.e164;
  if (!e164)
    return { ok: false, error: `Number: ${typed.rows[0]?.reason ?? 'not a US or Canadian number.'}` };
  return { ok: true, phone: e164 };
}

/**
 * Which changes a number allows: an imported number all four (unlink only when it is linked), a
 * qualified number only delete, a number only planned here none (nothing at Sinch to change yet).
 */
export function actionsFor(number: Pick<NumberDetail, 'kind' | 'state' | 'servicePlanId'>): ManageAction[] {
  if (number.state === 'deleted') return [];
  if (number.kind === 'qualified') return ['delete'];
  if (number.kind !== 'imported') return [];
  const linked = (number.servicePlanId ?? '') !== '';
  return linked ? ['rename', 'relink', 'unlink', 'delete'] : ['rename', 'relink', 'delete'];
}

export type ChangeForm = { displayName: string; servicePlanId: string; campaignId: string };

/** The change's own fields, checked; the answer is the channel to call and its input (without the intent). */
export type Change =
  | { channel: 'importedNumbers.update'; input: { phoneNumber: string; displayName: string } }
  | {
      channel: 'importedNumbers.relink';
      input: { phoneNumber: string; servicePlanId: string; campaignId?: string };
    }
  | { channel: 'importedNumbers.unlink'; input: { phoneNumber: string } }
  | { channel: 'importedNumbers.delete'; input: { phoneNumber: string } }
  | { channel: 'qualification.delete'; input: { phoneNumber: string } };

export function checkChange(
  number: Pick<NumberDetail, 'phone' | 'kind' | 'displayName' | 'servicePlanId' | 'campaignId'>,
  action: ManageAction,
  form: ChangeForm,
): { ok: true; change: Change } | { ok: false; errors: FormErrors<ChangeForm> } {
  const phoneNumber = number.phone;
  switch (action) {
    case 'rename': {
      const name = form.displayName.trim();
      if (name === '') return { ok: false, errors: { displayName: 'Display name: type the new name.' } };
      const parsed = parseFieldValue('displayName', name);
      if ('problem' in parsed) return { ok: false, errors: { displayName: parsed.problem } };
      if (name === (number.displayName ?? ''))
        return {
          ok: false,
          errors: { displayName: 'Display name: this is already its name; type a new one.' },
        };
      return {
        ok: true,
        change: { channel: 'importedNumbers.update', input: { phoneNumber, displayName: name } },
      };
    }
    case 'relink': {
      const errors: FormErrors<ChangeForm> = {};
      const plan = form.servicePlanId.trim();
      const campaign = form.campaignId.trim();
      if (plan === '') errors.servicePlanId = 'Service plan: type the service plan ID to move the number to.';
      else {
        const parsed = parseFieldValue('servicePlanId', plan);
        if ('problem' in parsed) errors.servicePlanId = parsed.problem;
      }
      if (campaign !== '') {
        const parsed = parseFieldValue('campaignId', campaign);
        if ('problem' in parsed) errors.campaignId = parsed.problem;
      }
      if (
        !errors.servicePlanId &&
        plan === (number.servicePlanId ?? '') &&
        campaign === (number.campaignId ?? '')
      )
        errors.servicePlanId = 'Service plan: the number is already on this service plan and campaign.';
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      return {
        ok: true,
        change: {
          channel: 'importedNumbers.relink',
          input: { phoneNumber, servicePlanId: plan, ...(campaign ? { campaignId: campaign } : {}) },
        },
      };
    }
    case 'unlink':
      return { ok: true, change: { channel: 'importedNumbers.unlink', input: { phoneNumber } } };
    case 'delete':
      return {
        ok: true,
        change:
          number.kind === 'qualified'
            ? { channel: 'qualification.delete', input: { phoneNumber } }
            : { channel: 'importedNumbers.delete', input: { phoneNumber } },
      };
  }
}

/** The confirmation's words for a delete: what goes, and that it cannot be taken back. */
export function deleteWarning(number: Pick<NumberDetail, 'phone' | 'kind'>): string {
  return number.kind === 'qualified'
    ? `${number.phone} is removed from Sinch’s qualified numbers. To text-enable it later, qualify it again.`
    : `${number.phone} is deleted at Sinch: it stops sending and receiving messages through Sinch. Importing it again starts over.`;
}

/**
 * Whether the change is visible on the number as the desk last read it (the end state of workflow
 * F): the new name, the new plan and campaign, no plan, or gone.
 */
export function changeVisible(
  change: Change,
  number: Pick<NumberDetail, 'displayName' | 'servicePlanId' | 'campaignId' | 'state'> | null,
): boolean {
  switch (change.channel) {
    case 'importedNumbers.update':
      return number?.displayName === change.input.displayName;
    case 'importedNumbers.relink':
      return (
        number?.servicePlanId === change.input.servicePlanId &&
        (number.campaignId ?? '') === (change.input.campaignId ?? '')
      );
    case 'importedNumbers.unlink':
      return number !== null && (number.servicePlanId ?? '') === '';
    case 'importedNumbers.delete':
    case 'qualification.delete':
      return number === null || number.state === 'deleted';
  }
}

const CHANNELS: readonly Change['channel'][] = [
  'importedNumbers.update',
  'importedNumbers.relink',
  'importedNumbers.unlink',
  'importedNumbers.delete',
  'qualification.delete',
];

/** A change as the URL carries it (JSON), read back; anything else is no change (the step starts over). */
export function parseChange(text: string | undefined): Change | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Change;
    const ok =
      CHANNELS.includes(value.channel) &&
      typeof value.input === 'object' &&
      value.input !== null &&
      typeof value.input.phoneNumber === 'string';
    return ok ? value : null;
  } catch {
    return null;
  }
}
