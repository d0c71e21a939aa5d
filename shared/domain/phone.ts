import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** The two markets this API serves (REFERENCE.md §1: SMS enablement only for US and CA). */
export type RegionCode = 'US' | 'CA';
export const REGION_CODES = ['US', 'CA'] as const;

/**
 * The server's own syntax rule (REFERENCE.md §3.1): `+1` and exactly ten digits. The server does not
 * check area codes, so this alone lets `+11234567890` through — intake is stricter (below).
 */
export const API_PHONE_SYNTAX = /^\+1\d{10}$/;

/** NANP toll-free area codes (NPA). Toll-free is decided by NPA, not by libphonenumber's number type. */
export const TOLL_FREE_NPAS: ReadonlySet<string> = new Set(['800', '833', '844', '855', '866', '877', '888']);

export type PhoneVerdict =
  | { ok: true; e164: string; region: RegionCode; tollFree: boolean }
  | { ok: false; input: string; reason: string };

/**
 * Intake-grade check of one number: parse with libphonenumber-js (US default for national formats),
 * require a valid US or CA number that also passes the API's syntax rule, and classify toll-free by NPA.
 *
 * libphonenumber's validity depends only on the country calling code and the first digits of the
 * national number, so results are cached per NPA-NXX (DESIGN.md "Performance budgets": validating
 * through that cache costs ~0.05 s per 100k rows instead of ~1 s).
 */
export function createPhoneClassifier(): (raw: string, regionHint?: RegionCode) => PhoneVerdict {
  const byNpaNxx = new Map<string, { region: RegionCode } | { reason: string }>();
  return (raw, regionHint) => {
    const e164 = toE164Shape(raw);
    if (e164 === null) return parseSlow(raw, regionHint);
    const npa = e164.slice(2, 5);
    const tollFree = TOLL_FREE_NPAS.has(npa);
    const cacheKey = e164.slice(2, 8);
    let known = byNpaNxx.get(cacheKey);
    if (known === undefined) {
      known = judge(e164);
      byNpaNxx.set(cacheKey, known);
    }
    if ('reason' in known) return { ok: false, input: raw, reason: known.reason };
    // Toll-free numbers are not tied to a country; the row's region (or US) decides where they are hosted.
    const region = tollFree ? (regionHint ?? 'US') : known.region;
    return { ok: true, e164, region, tollFree };
  };
}

/** One-off use; for many rows create one classifier and reuse it. */
export const classifyPhone = (raw: string, regionHint?: RegionCode): PhoneVerdict =>
  createPhoneClassifier()(raw, regionHint);

/** Fast path: strip the usual punctuation and see whether what remains is already `+1NXXNXXXXXX`-shaped. */
function toE164Shape(raw: string): string | null {
  // already E.164 (every row the engine plans from a draft): no copy without punctuation
  if (API_PHONE_SYNTAX.test(raw)) return raw;
  const compact = raw.replace(/[\s().\-\u00a0]/g, '');
  if (API_PHONE_SYNTAX.test(compact)) return compact;
  if (/^1\d{10}$/.test(compact)) return `+${compact}`;
  if (/^\d{10}$/.test(compact)) return `+1${compact}`;
  return null;
}

function parseSlow(raw: string, regionHint: RegionCode | undefined): PhoneVerdict {
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: false, input: raw, reason: 'The phone number is empty.' };
  const parsed = parsePhoneNumberFromString(trimmed, regionHint ?? 'US');
  if (!parsed) return { ok: false, input: raw, reason: 'Not a phone number.' };
  if (parsed.countryCallingCode !== '1')
    return { ok: false, input: raw, reason: 'Only US and Canadian (+1) numbers can be hosted.' };
  if (parsed.ext)
    return { ok: false, input: raw, reason: 'Remove the extension: the API takes plain numbers.' };
  const e164 = parsed.number;
  if (!API_PHONE_SYNTAX.test(e164))
    return { ok: false, input: raw, reason: 'A +1 number has exactly 10 digits.' };
  const verdict = judge(e164);
  if ('reason' in verdict) return { ok: false, input: raw, reason: verdict.reason };
  const tollFree = TOLL_FREE_NPAS.has(e164.slice(2, 5));
  return { ok: true, e164, region: tollFree ? (regionHint ?? 'US') : verdict.region, tollFree };
}

/** "Jamaica", not "JM": the reason is read by operations staff. */
const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

function judge(e164: string): { region: RegionCode } | { reason: string } {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed?.isValid())
    return { reason: 'Not a valid North American number (area code or exchange does not exist).' };
  if (TOLL_FREE_NPAS.has(e164.slice(2, 5))) return { region: 'US' };
  if (parsed.country === 'US' || parsed.country === 'CA') return { region: parsed.country };
  return {
    reason: `This +1 number belongs to ${parsed.country ? REGION_NAMES.of(parsed.country) : 'another country'}, not the US or Canada.`,
  };
}

export const isTollFree = (e164: string): boolean => TOLL_FREE_NPAS.has(e164.slice(2, 5));
