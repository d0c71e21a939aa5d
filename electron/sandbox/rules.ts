/**
 * The simulator's own reading of the API's input rules (REFERENCE §3.1, §5, §6.8–6.10). Each check returns
 * field violations in the shape Sinch puts into `details[].fieldViolations`.
 */
export type RuleViolation = { field: string; description: string };

/** §3.1: NANP E.164 syntax only (`+1` and 10 digits) — not area-code validity (Sinch's own examples fail that). */
export const NANP = /^\+1\d{10}$/;
export const REGIONS = ['US', 'CA'] as const;
/** Toll-free NPAs of the North American plan. */
export const TOLL_FREE_NPAS = ['800', '833', '844', '855', '866', '877', '888'];

export const isTollFree = (e164: string): boolean => TOLL_FREE_NPAS.includes(e164.slice(2, 5));

/** Canadian geographic NPAs, so a qualified number gets a plausible `regionCode` (it is sent without one). */
const CANADIAN_NPAS = new Set(
  (
    '204 226 236 249 250 263 289 306 343 354 365 367 368 382 387 403 416 418 428 431 437 438 450 460 468 474 ' +
    '506 514 519 548 579 581 584 587 600 604 613 639 647 672 683 705 709 742 753 778 780 782 807 819 825 867 ' +
    '873 879 902 905'
  ).split(' '),
);
export const regionOf = (e164: string): 'US' | 'CA' => (CANADIAN_NPAS.has(e164.slice(2, 5)) ? 'CA' : 'US');

/** Identifier syntax for service plans and campaigns (UNCONFIRMED live rules; kept permissive). */
const SERVICE_PLAN = /^[A-Za-z0-9_-]{1,64}$/;
const CAMPAIGN = /^[A-Za-z0-9_-]{1,64}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export class Violations {
  readonly list: RuleViolation[] = [];
  add(field: string, description: string): void {
    this.list.push({ field, description });
  }
  get any(): boolean {
    return this.list.length > 0;
  }
}

export function checkPhone(v: Violations, field: string, value: unknown): value is string {
  if (typeof value !== 'string' || value === '') {
    v.add(field, 'Phone number is required');
    return false;
  }
  if (!NANP.test(value)) {
    v.add(field, `Invalid phone number ${value}: expected E.164 "+1" followed by 10 digits`);
    return false;
  }
  return true;
}

export function checkRegion(v: Violations, field: string, value: unknown): void {
  if (typeof value !== 'string' || value === '') v.add(field, 'regionCode is required');
  else if (!(REGIONS as readonly string[]).includes(value))
    v.add(field, `Unsupported regionCode ${value}: US or CA`);
}

export function checkServicePlan(v: Violations, field: string, value: unknown, required: boolean): void {
  if (value === undefined || value === '') {
    if (required) v.add(field, 'servicePlanId is required');
    return;
  }
  if (typeof value !== 'string' || !SERVICE_PLAN.test(value)) v.add(field, 'Invalid servicePlanId');
}

export function checkCampaign(v: Violations, field: string, value: unknown): void {
  if (value === undefined || value === '') return;
  if (typeof value !== 'string' || !CAMPAIGN.test(value)) v.add(field, 'Invalid campaignId');
}

export function checkOptionalString(v: Violations, field: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'string') v.add(field, 'Must be a string');
}

export function checkCallbackUrl(v: Violations, field: string, value: unknown): void {
  if (value === undefined || value === '') return;
  if (typeof value !== 'string') {
    v.add(field, 'Must be a string');
    return;
  }
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      v.add(field, 'callbackUrl must be an http(s) URL');
  } catch {
    v.add(field, 'callbackUrl is not a valid URL');
  }
}

export function checkTimestamp(v: Violations, field: string, value: unknown): number | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    v.add(field, 'Invalid timestamp: expected ISO 8601 UTC');
    return null;
  }
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
}

/**
 * A number list (`numbers` / `phoneNumbers`): present, non-empty, within the limit, each valid, no repeats.
 * Returns the valid numbers.
 */
export function checkNumberList(
  v: Violations,
  field: string,
  value: unknown,
  limit: number | null,
): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    v.add(field, `${field} is required and must be a non-empty array`);
    return [];
  }
  if (limit !== null && value.length > limit) {
    v.add(field, `Too many numbers: ${value.length} given, at most ${limit} per request`);
  }
  const seen = new Set<string>();
  const valid: string[] = [];
  value.forEach((item, i) => {
    if (!checkPhone(v, `${field}[${i}]`, item)) return;
    if (seen.has(item)) v.add(`${field}[${i}]`, `Duplicate number ${item}`);
    seen.add(item);
    valid.push(item);
  });
  return valid;
}

function checkPerson(v: Violations, field: string, value: unknown): void {
  if (!isRecord(value)) {
    v.add(field, 'authorisedPerson is required');
    return;
  }
  for (const key of ['firstName', 'lastName', 'email'] as const) {
    const item = value[key];
    if (typeof item !== 'string' || item.trim() === '') v.add(`${field}.${key}`, `${key} is required`);
  }
  if (typeof value.email === 'string' && value.email !== '' && !EMAIL.test(value.email)) {
    v.add(`${field}.email`, 'Invalid email address');
  }
}

function checkAddress(v: Violations, field: string, value: unknown): void {
  if (!isRecord(value)) {
    v.add(field, 'address is required');
    return;
  }
  for (const key of ['buildingNumber', 'street', 'city', 'state', 'postalCode', 'country'] as const) {
    const item = value[key];
    if (typeof item !== 'string' || item.trim() === '') v.add(`${field}.${key}`, `${key} is required`);
  }
}

/** §6.8: DirectLoaInfo / ResellerLoaInfo required fields. */
export function checkLoa(v: Violations, field: string, value: unknown, kind: 'direct' | 'reseller'): void {
  if (!isRecord(value)) {
    v.add(field, 'Must be an object');
    return;
  }
  if (kind === 'reseller' && (typeof value.businessName !== 'string' || value.businessName.trim() === '')) {
    v.add(`${field}.businessName`, 'businessName is required');
  }
  checkPerson(v, `${field}.authorisedPerson`, value.authorisedPerson);
  checkAddress(v, `${field}.address`, value.address);
  if (typeof value.currentVoiceCarrier !== 'string' || value.currentVoiceCarrier.trim() === '') {
    v.add(`${field}.currentVoiceCarrier`, 'currentVoiceCarrier is required');
  }
}
