import type { ZonedDateTime } from '@internationalized/date';
import type { CallOperation } from '../../../../shared/domain';

/**
 * Pure pieces of the Plan screen (`/plan/$draftId`) that do not depend on the plan contract's
 * exact shape: the scheduling fields (the user's zone shown, the UTC value sent, toll-free's
 * next-day rule) and how many signature e-mails each signer will receive.
 */
export type ScheduleField = 'scheduledOsrUpdateTime' | 'scheduledZipwhipProvisioningTime';

export const SCHEDULE_LABELS: Record<ScheduleField, string> = {
  scheduledOsrUpdateTime: 'Switch texting over at',
  scheduledZipwhipProvisioningTime: 'Provision toll-free texting at',
};

export type ScheduleView = {
  /** what is sent (REFERENCE §6.9: a UTC timestamp), or null when left empty */
  utc: string | null;
  /** the chosen time in words, in its zone */
  local: string | null;
  /** toll-free only: what happens when the LOA is signed late */
  note: string | null;
  error: string | null;
};

const words = (value: ZonedDateTime) =>
  `${value.toDate().toLocaleString('en-US', {
    timeZone: value.timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })} (${value.timeZone})`;

/** The UTC timestamp Sinch takes: whole seconds, `Z`. */
export const utcTimestamp = (value: ZonedDateTime): string =>
  value
    .toDate()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');

export function scheduleView(field: ScheduleField, value: ZonedDateTime | null, now: Date): ScheduleView {
  if (value === null)
    return {
      utc: null,
      local: null,
      note:
        field === 'scheduledZipwhipProvisioningTime'
          ? 'Left empty: provisioning starts once the LOA is signed.'
          : 'Left empty: texting switches over once the LOA is signed.',
      error: null,
    };
  const utc = utcTimestamp(value);
  const error =
    value.toDate().getTime() <= now.getTime()
      ? `${SCHEDULE_LABELS[field]} is in the past: choose a later time, or clear it to start once the LOA is signed.`
      : null;
  const note =
    field === 'scheduledZipwhipProvisioningTime'
      ? `If the LOA is signed after ${words(value)}, provisioning moves to the next day at the same time (${words(value.add({ days: 1 }))}).`
      : null;
  return { utc, local: words(value), note, error };
}

/** An order of the plan as far as signatures go: text-enable orders e-mail their LOA's signer once each. */
export type SignatureCall = {
  operation: CallOperation;
  loa: { authorisedPerson: { firstName: string; lastName: string; email: string } } | null;
};

const SIGNED: ReadonlySet<CallOperation> = new Set<CallOperation>([
  'textEnableNumbers',
  'textEnableTollFreeNumbers',
]);

/** Signers with the number of LOA e-mails each will receive (one per order), most first. */
export function signatureEmails(
  calls: readonly SignatureCall[],
): { email: string; name: string; emails: number }[] {
  const bySigner = new Map<string, { email: string; name: string; emails: number }>();
  for (const call of calls) {
    if (!SIGNED.has(call.operation) || !call.loa) continue;
    const person = call.loa.authorisedPerson;
    const key = person.email.trim().toLowerCase();
    const entry = bySigner.get(key) ?? {
      email: person.email,
      name: `${person.firstName} ${person.lastName}`,
      emails: 0,
    };
    entry.emails++;
    bySigner.set(key, entry);
  }
  return [...bySigner.values()].sort((a, b) => b.emails - a.emails || a.email.localeCompare(b.email));
}

/** "Dana Example (dana@…) will receive 3 e-mails to sign, one per order." */
export const signatureText = (s: { email: string; name: string; emails: number }) =>
  `${s.name} (${s.email}) will receive ${s.emails} e-mail${s.emails === 1 ? '' : 's'} to sign, one per order.`;

/** Each API call in words for operations staff. */
export const OPERATION_WORDS: Record<CallOperation, string> = {
  importNumber: 'Import one number',
  importNumbersOrder: 'Import order',
  qualifyNumbers: 'Check numbers can be hosted',
  textEnableNumbers: 'Text-enable order',
  textEnableTollFreeNumbers: 'Text-enable order (toll-free)',
  unlinkNumber: 'Unlink from campaign',
  linkNumber: 'Link to service plan and campaign',
};

export const operationWords = (operation: string): string =>
  OPERATION_WORDS[operation as CallOperation] ?? operation;

/** "1 call", "1,200 calls". */
export const count = (n: number, noun: string): string =>
  `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;

/** The confirm button: "Queue 1 call", "Queue 12 calls". */
export const queueLabel = (calls: number): string => `Queue ${count(calls, 'call')}`;

/** The plan's lede: "3 numbers in 1 call". */
export const planTotals = (numbers: number, calls: number): string =>
  `${count(numbers, 'number')} in ${count(calls, 'call')}`;

/** "12 import orders, 3 text-enable orders" from counts per operation. */
export function callsLine(callsByOperation: Record<string, number>): string {
  const parts = Object.entries(callsByOperation)
    .filter(([, n]) => n > 0)
    .map(([op, n]) => `${n.toLocaleString('en-US')} × ${operationWords(op).toLowerCase()}`);
  return parts.length === 0 ? 'No calls' : parts.join(', ');
}

/** Text-enable orders each e-mail the LOA's signer once. */
export const signatureOrders = (callsByOperation: Record<string, number>): number =>
  (callsByOperation.textEnableNumbers ?? 0) + (callsByOperation.textEnableTollFreeNumbers ?? 0);

/** The LOA part of a wire body, exactly as sent (`directLoaInfo`, `resellerLoaInfo` or `blanketLoaInfo`). */
export function loaOfBody(body: Record<string, unknown>): { key: string; value: unknown } | null {
  for (const key of ['directLoaInfo', 'resellerLoaInfo', 'blanketLoaInfo'])
    if (key in body) return { key, value: body[key] };
  return null;
}
