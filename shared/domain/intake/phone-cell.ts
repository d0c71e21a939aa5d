import { createPhoneClassifier, type PhoneVerdict, type RegionCode } from '../phone';

/**
 * Reading one phone cell the way people type them: `(202) 555-0134`, `202.555.0134`, `+1 202 555 0134`,
 * `1-202-555-0134`, `2025550134`, `tel:+12025550134`, `'2025550134` (Excel's "keep as text"),
 * `="2025550134"`, `001 202 555 0134`, with an extension (`x12`, `ext. 12`, `#12`, `;ext=12`) that is
 * stripped and reported. The verdict itself comes from `shared/domain/phone.ts` (libphonenumber,
 * cached per NPA-NXX).
 */
export type PhoneReading =
  | {
      ok: true;
      e164: string;
      /** the ten digits after +1, as a number: a cheap key for de-duplication */
      national: number;
      region: RegionCode;
      tollFree: boolean;
      extension: string | null;
    }
  | { ok: false; reason: string; extension: string | null };

export type PhoneCellReader = (cell: string, regionHint?: RegionCode) => PhoneReading;

const EXTENSION = /\s*(?:[,;]\s*)?(?:;?ext=|e?xt\.?|extension|ext|x|#)\s*[:.]?\s*(\d{1,7})\s*$/i;
/** `2.02555014E+09`: a CSV saved by Excel with the column formatted as a number. */
const SCIENTIFIC = /^[+-]?\d(?:[.,]\d+)?e[+]?\d+$/i;
/** What is left of a cell once separators are gone: digits with an optional leading plus. */
const SEPARATORS = /[\s().\-\u00a0\u2010-\u2015\u2212/\\]/g;

export const SCIENTIFIC_REASON =
  'Excel turned this number into scientific notation and the last digits were lost. In Excel, format the column as Text, type or paste the numbers again, save, and bring the file in again.';

type Failed = Extract<PhoneReading, { ok: false }>;
type Exchange = { ok: true; region: RegionCode; tollFree: boolean } | { ok: false; reading: Failed };

// Frequent verdicts are shared frozen objects: a wrong column of 100,000 cells allocates nothing.
const failed = (reason: string): Failed => Object.freeze({ ok: false, reason, extension: null });
const EMPTY = failed('The phone number is empty.');
const NOT_NANP_READING = failed('Only US and Canadian (+1) numbers can be hosted.');
const BAD_NPA_READING = failed(
  'Not a valid North American number: the area code (first three digits) cannot start with 0 or 1.',
);
const BAD_NXX_READING = failed(
  'Not a valid North American number: the exchange (digits 4 to 6) cannot start with 0 or 1.',
);
const LENGTH_ERRORS = new Map<string, Failed>();
/** `digits`: all digits of the cell (after the + when there is one) */
function lengthError(digits: number, plus: boolean): Failed {
  const key = `${plus}${digits}`;
  let reading = LENGTH_ERRORS.get(key);
  if (!reading) {
    reading = failed(
      plus
        ? `A +1 number has 10 digits after the +1; this one has ${Math.max(0, digits - 1)}.`
        : `A US or Canadian number has 10 digits (11 with the leading 1); this one has ${digits}.`,
    );
    LENGTH_ERRORS.set(key, reading);
  }
  return reading;
}

/**
 * Verdict per NPA-NXX (as a number, 200200…999999), shared by every reader of the process: it is a
 * fact of the numbering plan and of libphonenumber's metadata, not of a file, and one libphonenumber
 * call costs ~30–60 µs, so a second file (or a re-read after a mapping change) skips them all.
 * Bounded by the number of exchanges (at most 640,000; a few thousand in practice).
 */
const EXCHANGES = new Map<number, Exchange>();

export function createPhoneCellReader(): PhoneCellReader {
  const classify = createPhoneClassifier();
  const exchanges = EXCHANGES;

  const read: PhoneCellReader = (cell, regionHint) => {
    // Fast path, one pass over the characters: digits with the usual separators and an optional
    // leading +, i.e. nearly every row of a real file, right or wrong. Anything else (letters, an
    // extension, `tel:`, Excel's scientific notation) takes the general path below.
    let value = 0;
    let count = 0;
    let leadingZeros = 0;
    let plus = false;
    for (let i = 0; i < cell.length; i++) {
      const c = cell.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        if (c === 48 && value === 0) leadingZeros++;
        value = value * 10 + (c - 48);
        if (++count > 15) return lengthError(count, plus);
      } else if (
        c === 32 ||
        c === 40 ||
        c === 41 ||
        c === 45 ||
        c === 46 ||
        c === 47 ||
        c === 9 ||
        c === 160
      ) {
        // space ( ) - . / tab, no-break space: separators
      } else if (c === 43 && count === 0 && !plus) plus = true;
      else return general(cell, regionHint);
    }
    if (count === 0) return plus ? general(cell, regionHint) : EMPTY;
    if (plus) {
      // +1 and ten digits; any other country code is refused
      if (leadingZeros > 0 || value < 1e10 || value >= 2e10) {
        if (leadingZeros === 0 && count >= 2 && Math.floor(value / 10 ** (count - 1)) !== 1)
          return NOT_NANP_READING;
        return lengthError(count, true);
      }
      value -= 1e10;
    } else if (count === 13 && leadingZeros === 2 && value >= 1e10 && value < 2e10) {
      value -= 1e10; // 00 1 …: the international prefix of most countries
    } else if (count === 14 && leadingZeros === 1 && value >= 111e10 && value < 112e10) {
      value -= 111e10; // 011 1 …: the international prefix dialled from the US
    } else if (count === 11 && leadingZeros === 0 && value >= 1e10 && value < 2e10) {
      value -= 1e10;
    } else if (count !== 10 || leadingZeros > 0) {
      // "2025550134.0" (a float written by an export) is not 11 digits: the general path knows it
      if (cell.includes('.')) return general(cell, regionHint);
      return count === 10 ? BAD_NPA_READING : lengthError(count, false);
    }
    const npaNxx = Math.floor(value / 10000);
    if (npaNxx < 200000) return BAD_NPA_READING;
    if (npaNxx % 1000 < 200) return BAD_NXX_READING;
    let exchange = exchanges.get(npaNxx);
    if (exchange === undefined) {
      const verdict = classify(`+1${value}`);
      exchange = verdict.ok
        ? { ok: true, region: verdict.region, tollFree: verdict.tollFree }
        : { ok: false, reading: { ok: false, reason: verdict.reason, extension: null } };
      exchanges.set(npaNxx, exchange);
    }
    if (!exchange.ok) return exchange.reading;
    // toll-free numbers belong to no country: the row's region (or US) decides (phone.ts)
    const region = exchange.tollFree ? (regionHint ?? 'US') : exchange.region;
    return {
      ok: true,
      e164: e164Text(cell, count, value),
      national: value,
      region,
      tollFree: exchange.tollFree,
      extension: null,
    };
  };

  const general = (cell: string, regionHint: RegionCode | undefined): PhoneReading => {
    let text = cell.trim();
    if (text === '') return EMPTY;
    if (SCIENTIFIC.test(text)) return { ok: false, reason: SCIENTIFIC_REASON, extension: null };
    // Excel's ways of keeping a number as text.
    if (text.startsWith("'")) text = text.slice(1);
    if (text.startsWith('="') && text.endsWith('"')) text = text.slice(2, -1);
    if (/^tel:/i.test(text)) text = text.slice(4);
    // A number stored as a float by a CSV export (`2025550134.0`): the digits are all there.
    if (/^\d{10,11}\.0+$/.test(text)) text = text.slice(0, text.indexOf('.'));
    let extension: string | null = null;
    const ext = EXTENSION.exec(text);
    if (ext && ext.index > 0) {
      extension = ext[1] ?? null;
      text = text.slice(0, ext.index);
    }
    let compact = text.replace(SEPARATORS, '');
    // International prefixes in front of the +1: 00 1 … (most of the world) and 011 1 … (from the US).
    if (/^(?:00|011)1\d{10}$/.test(compact)) compact = `+${compact.slice(compact.length - 11)}`;
    if (/[a-z]/i.test(compact))
      return {
        ok: false,
        reason:
          'Letters are not allowed in a phone number: write the digits (for 1-800-FLOWERS, 1-800-356-9377).',
        extension,
      };
    // Only digits (and a leading +) are left: the fast path judges them, with the NPA-NXX cache.
    const reading = ONLY_DIGITS.test(compact)
      ? read(compact, regionHint)
      : fromVerdict(classify(compact, regionHint));
    if (extension === null) return reading;
    return { ...reading, extension };
  };
  return read;
}

const ONLY_DIGITS = /^\+?\d+$/;

/**
 * The E.164 text of a fast-path number: the cell itself when it already is (most rows of a clean
 * file), the cell with `+`/`+1` in front when it is bare digits, else from the number.
 * (Turning a 10-digit double into text is the slow way; concatenating short strings is cheap.)
 */
function e164Text(cell: string, count: number, national: number): string {
  if (cell.length === 12 && count === 11 && cell.charCodeAt(0) === 43) return cell;
  if (cell.length === count && count === 11) return `+${cell}`;
  if (cell.length === count && count === 10) return `+1${cell}`;
  return `+1${national}`;
}

function fromVerdict(verdict: PhoneVerdict): PhoneReading {
  if (!verdict.ok) return { ok: false, reason: verdict.reason, extension: null };
  return {
    ok: true,
    e164: verdict.e164,
    national: Number(verdict.e164.slice(2)),
    region: verdict.region,
    tollFree: verdict.tollFree,
    extension: null,
  };
}

/** "A cell that reads as a phone number" for column detection: cheap, no reasons kept. */
export const looksLikePhone = (read: PhoneCellReader, cell: string): boolean => read(cell).ok;
