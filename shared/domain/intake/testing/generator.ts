import writeXlsxFile, { type Sheet, type SheetData } from 'write-excel-file/universal';
import type { RowStatus } from '../status';

// shared/ is compiled without DOM or Node types; both have these.
declare const TextEncoder: new () => { encode(text: string): Uint8Array };

/**
 * Seeded generator of messy intake files, with the expected outcome of every row. Unit tests use it
 * now; the e2e tests import it from Node to drop the same files into the app and compare every row
 * (in the UI and in `check-list --json`). Same seed, same file, byte for byte.
 *
 * Every case of CASES appears at least ⌊rows ÷ CASES.length⌋ times (cases are dealt round-robin, then
 * shuffled), so 20 × CASES.length rows give ≥ 20 rows per case.
 */
export const CASES = [
  'e164', // valid: already +1XXXXXXXXXX
  'e164-spaces', // valid: E.164 with spaces around (trimmed)
  'parens', // (202) 555-0134
  'dashes', // 202-555-0134
  'dots', // 202.555.0134
  'spaces', // 202 555 0134
  'plus-spaced', // +1 202 555 0134
  'one-dashes', // 1-202-555-0134
  'digits11', // 12025550134
  'digits10', // 2025550134
  'tel-uri', // tel:+12025550134
  'intl-prefix', // 001 202 555 0134
  'toll-free', // (800) 555-0199
  'canada', // 416-555-0134
  'extension', // (202) 555-0134 x123 → fixed, extension reported
  'scientific', // 2.02555014E+09 → error, digits lost
  'short', // 555-0134 → error
  'bad-area-code', // (123) 555-0134 → error
  'foreign', // +44 20 7946 0958 → error
  'other-nanp', // +1 876 555 0134 (Jamaica) → error
  'letters', // call back → error
  'missing', // phone cell empty, other cells filled → error
  'duplicate', // a number of an earlier row, spelled differently → duplicate
] as const;
export type GeneratedCase = (typeof CASES)[number];

export type ExpectedRow = {
  /** the spreadsheet row number (1-based, title and header rows counted) */
  row: number;
  case: GeneratedCase;
  /** the phone cell as written */
  cell: string;
  e164: string | null;
  status: RowStatus;
  extension: string | null;
};

export type CsvVariant =
  | 'comma'
  | 'semicolon'
  | 'tab'
  | 'crlf'
  | 'bom'
  | 'utf16le'
  | 'windows1252'
  | 'title-rows'
  | 'quoted-newlines';
export const CSV_VARIANTS: readonly CsvVariant[] = [
  'comma',
  'semicolon',
  'tab',
  'crlf',
  'bom',
  'utf16le',
  'windows1252',
  'title-rows',
  'quoted-newlines',
];

export type GeneratedFile = {
  name: string;
  bytes: Uint8Array;
  /** data rows in file order (blank rows are not rows) */
  expected: ExpectedRow[];
  blankRows: number;
  /** 0-based record index of the header row */
  headerRow: number;
  counts: Record<RowStatus, number>;
};

/** mulberry32: small, seedable, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const US_NPAS = ['202', '212', '312', '415', '617', '713', '305', '404', '206', '303', '512', '702'];
const CA_NPAS = ['416', '604', '514', '403', '613'];
const TOLL_FREE_NPAS = ['800', '833', '844', '855', '866', '877', '888'];
// Latin-1 only, so the Windows-1252 variant can encode every name
const NAMES = [
  'Zoë Café',
  'José Núñez',
  'Ana Müller',
  'Chloé Dubois',
  'Björn Åström',
  'Lee Chan',
  'Amélie Côté',
];
const NOTES = ['Main line', 'Front desk, 2nd floor', 'Support "hotline"', 'Porting\nfrom Verizon', 'n/a', ''];
const COMPANIES = [
  'Acme, Inc.',
  'Globex Corporation',
  'Initech',
  'Umbrella Health',
  'Soylent Foods',
  'Hooli',
];
const STREETS = ['Main St', 'Oak Avenue', 'Rue Sainte-Catherine', 'Market Street', 'King St W'];
const CITIES: readonly (readonly [string, string])[] = [
  ['Springfield', 'IL'],
  ['Austin', 'TX'],
  ['Montréal', 'QC'],
  ['Toronto', 'ON'],
  ['Seattle', 'WA'],
];
/** A CRM export's columns; the phone number is the fourth (index 3). */
const HEADER = [
  'Account',
  'Contact',
  'Company',
  'Phone Number',
  'Street',
  'City',
  'State',
  'ZIP',
  'Notes',
  'Service plan',
];
export const GENERATED_PHONE_COLUMN = 3;

type Spelled = { cell: string; e164: string | null; status: RowStatus; extension: string | null };

const BLOCKS_PER_FILE = 200;

class NumberSource {
  private used = new Set<string>();
  constructor(private readonly random: () => number) {}
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }
  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += Math.floor(this.random() * 10);
    return out;
  }
  /**
   * Numbers come in blocks, as carriers assign them: a file's numbers share a few hundred
   * NPA-NXX exchanges (a business's DID ranges), drawn per area-code list.
   */
  private readonly blocks = new Map<readonly string[], string[]>();
  private exchange(npas: readonly string[]): string {
    let pool = this.blocks.get(npas);
    if (!pool) {
      pool = [];
      this.blocks.set(npas, pool);
    }
    if (pool.length < BLOCKS_PER_FILE || this.random() < 0.002) {
      const block = this.pick(npas) + String(2 + Math.floor(this.random() * 8)) + this.digits(2);
      pool.push(block);
      return block;
    }
    return this.pick(pool);
  }
  fresh(npas: readonly string[]): { npa: string; nxx: string; line: string; e164: string } {
    for (;;) {
      const block = this.exchange(npas);
      const npa = block.slice(0, 3);
      const nxx = block.slice(3);
      const line = this.digits(4);
      const e164 = `+1${npa}${nxx}${line}`;
      if (!this.used.has(e164)) {
        this.used.add(e164);
        return { npa, nxx, line, e164 };
      }
    }
  }
}

/** The spellings a valid number can take, for `duplicate` rows (a repeat spelled differently). */
const SPELLINGS: ((n: { npa: string; nxx: string; line: string }) => string)[] = [
  (n) => `(${n.npa}) ${n.nxx}-${n.line}`,
  (n) => `${n.npa}-${n.nxx}-${n.line}`,
  (n) => `${n.npa}.${n.nxx}.${n.line}`,
  (n) => `+1 ${n.npa} ${n.nxx} ${n.line}`,
  (n) => `1${n.npa}${n.nxx}${n.line}`,
];

function spell(
  kase: GeneratedCase,
  src: NumberSource,
  earlier: { npa: string; nxx: string; line: string; e164: string }[],
): Spelled {
  const fixed = (cell: string, e164: string, extension: string | null = null): Spelled => ({
    cell,
    e164,
    status: 'fixed',
    extension,
  });
  const error = (cell: string): Spelled => ({ cell, e164: null, status: 'error', extension: null });
  if (kase === 'duplicate') {
    const first = src.pick(earlier);
    return { cell: src.pick(SPELLINGS)(first), e164: first.e164, status: 'duplicate', extension: null };
  }
  const n = src.fresh(kase === 'toll-free' ? TOLL_FREE_NPAS : kase === 'canada' ? CA_NPAS : US_NPAS);
  const remember = () => earlier.push(n);
  switch (kase) {
    case 'e164':
      remember();
      return { cell: n.e164, e164: n.e164, status: 'valid', extension: null };
    case 'e164-spaces':
      remember();
      return { cell: `  ${n.e164} `, e164: n.e164, status: 'valid', extension: null };
    case 'parens':
    case 'toll-free':
      remember();
      return fixed(`(${n.npa}) ${n.nxx}-${n.line}`, n.e164);
    case 'dashes':
    case 'canada':
      remember();
      return fixed(`${n.npa}-${n.nxx}-${n.line}`, n.e164);
    case 'dots':
      remember();
      return fixed(`${n.npa}.${n.nxx}.${n.line}`, n.e164);
    case 'spaces':
      remember();
      return fixed(`${n.npa} ${n.nxx} ${n.line}`, n.e164);
    case 'plus-spaced':
      remember();
      return fixed(`+1 ${n.npa} ${n.nxx} ${n.line}`, n.e164);
    case 'one-dashes':
      remember();
      return fixed(`1-${n.npa}-${n.nxx}-${n.line}`, n.e164);
    case 'digits11':
      remember();
      return fixed(`1${n.npa}${n.nxx}${n.line}`, n.e164);
    case 'digits10':
      remember();
      return fixed(`${n.npa}${n.nxx}${n.line}`, n.e164);
    case 'tel-uri':
      remember();
      return fixed(`tel:${n.e164}`, n.e164);
    case 'intl-prefix':
      remember();
      return fixed(`001 ${n.npa} ${n.nxx} ${n.line}`, n.e164);
    case 'extension': {
      remember();
      const ext = String(Number(src.digits(3)) + 1);
      return fixed(
        `(${n.npa}) ${n.nxx}-${n.line} ${src.pick(['x', 'ext. ', 'ext ', '#'])}${ext}`,
        n.e164,
        ext,
      );
    }
    case 'scientific':
      // what Excel writes for a 10-digit number in a General column: 9 significant digits
      return error(`${n.npa[0]}.${n.npa.slice(1)}${n.nxx}${n.line.slice(0, 3)}E+09`);
    case 'short':
      return error(`${n.nxx}-${n.line}`);
    case 'bad-area-code':
      return error(`(1${n.npa.slice(1)}) ${n.nxx}-${n.line}`);
    case 'foreign':
      return error(`+44 20 7${src.digits(3)} ${src.digits(4)}`);
    case 'other-nanp':
      return error(`+1 876 ${n.nxx} ${n.line}`);
    case 'letters':
      return error(src.pick(['call back', 'unknown', 'TBD', 'see notes']));
    case 'missing':
      return error('');
  }
}

function deal(rows: number, random: () => number): GeneratedCase[] {
  const cases: GeneratedCase[] = [];
  for (let i = 0; i < rows; i++) cases.push(CASES[i % CASES.length] as GeneratedCase);
  for (let i = cases.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [cases[i], cases[j]] = [cases[j] as GeneratedCase, cases[i] as GeneratedCase];
  }
  // a duplicate needs an earlier number: the first row is always a plain E.164 one
  const firstValid = cases.indexOf('e164');
  if (firstValid > 0)
    [cases[0], cases[firstValid]] = [cases[firstValid] as GeneratedCase, cases[0] as GeneratedCase];
  return cases;
}

type Table = { records: string[][]; headerRow: number; expected: ExpectedRow[]; blankRows: number };

/** The logical table both CSV and XLSX files are written from. */
function messyTable(options: { seed: number; rows: number; titleRows: boolean; blankEvery?: number }): Table {
  const random = seededRandom(options.seed);
  const src = new NumberSource(random);
  const earlier: { npa: string; nxx: string; line: string; e164: string }[] = [];
  const records: string[][] = [];
  const empty = () => HEADER.map(() => '');
  if (options.titleRows)
    records.push(
      ['Numbers to host - Acme Corp', ...empty().slice(1)],
      ['Exported 2026-01-05', ...empty().slice(1)],
      empty(),
    );
  const headerRow = records.length;
  records.push([...HEADER]);
  const expected: ExpectedRow[] = [];
  let blankRows = 0;
  const blankEvery = options.blankEvery ?? 97;
  const cases = deal(options.rows, random);
  for (let i = 0; i < cases.length; i++) {
    if (i > 0 && i % blankEvery === 0) {
      records.push(empty());
      blankRows++;
    }
    const kase = cases[i] as GeneratedCase;
    const spelled = spell(kase, src, earlier);
    const [city, state] = src.pick(CITIES);
    records.push([
      `AC-${10000 + i}`,
      src.pick(NAMES),
      src.pick(COMPANIES),
      spelled.cell,
      `${1 + Math.floor(random() * 9999)} ${src.pick(STREETS)}`,
      city,
      state,
      src.digits(5),
      src.pick(NOTES),
      random() < 0.3 ? 'sp-demo-1' : '',
    ]);
    expected.push({ row: records.length, case: kase, ...spelled });
  }
  return { records, headerRow, expected, blankRows };
}

const countStatuses = (rows: readonly ExpectedRow[]) => {
  const counts: Record<RowStatus, number> = { valid: 0, fixed: 0, error: 0, duplicate: 0 };
  for (const r of rows) counts[r.status]++;
  return counts;
};

function csvCell(cell: string, delimiter: string): string {
  return /["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) throw new Error(`cannot encode U+${code.toString(16)} in Windows-1252 test data`);
    out[i] = code;
  }
  return out;
}

function encodeUtf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2 + 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[2 + i * 2] = code & 0xff;
    out[3 + i * 2] = code >> 8;
  }
  return out;
}

/** A messy CSV/TSV in one of the variants; `rows` data rows (≥ 20 per case from 20 × CASES.length). */
export function generateMessyCsv(options: {
  seed: number;
  rows: number;
  variant: CsvVariant;
}): GeneratedFile {
  const { variant } = options;
  const table = messyTable({ seed: options.seed, rows: options.rows, titleRows: variant === 'title-rows' });
  const delimiter = variant === 'semicolon' ? ';' : variant === 'tab' ? '\t' : ',';
  const newline = variant === 'crlf' || variant === 'utf16le' || variant === 'windows1252' ? '\r\n' : '\n';
  const records =
    variant === 'quoted-newlines'
      ? table.records
      : // other variants keep notes on one line, so each variant tests one thing
        table.records.map((r) => r.map((c) => c.replace(/\n/g, ' ')));
  const text = `${records.map((r) => r.map((c) => csvCell(c, delimiter)).join(delimiter)).join(newline)}${newline}`;
  const bytes =
    variant === 'utf16le'
      ? encodeUtf16le(text)
      : variant === 'windows1252'
        ? encodeWindows1252(text)
        : new TextEncoder().encode(variant === 'bom' ? `\uFEFF${text}` : text);
  return {
    name: `messy-${variant}-${options.seed}.${variant === 'tab' ? 'tsv' : 'csv'}`,
    bytes,
    expected: table.expected,
    blankRows: table.blankRows,
    headerRow: table.headerRow,
    counts: countStatuses(table.expected),
  };
}

/**
 * A messy .xlsx: a title row above the header, numbers stored as Excel numbers where the spelling is
 * all digits (as happens when a column is typed in Excel), text otherwise, and a second sheet without
 * numbers that must not be picked.
 */
export async function generateMessyXlsx(options: { seed: number; rows: number }): Promise<GeneratedFile> {
  const table = messyTable({ seed: options.seed, rows: options.rows, titleRows: true });
  const data = table.records.map((record, r) =>
    record.map((cell, c) => {
      if (cell === '') return null;
      // numbers as numbers: all-digit phone cells below the header
      if (c === GENERATED_PHONE_COLUMN && r > table.headerRow && /^\d{10,11}$/.test(cell))
        return { type: Number, value: Number(cell) };
      return { type: String, value: cell };
    }),
  );
  const notes = [
    [{ type: String, value: 'Read me' }],
    [{ type: String, value: 'The numbers are on the first sheet.' }],
  ];
  const sheets: Sheet<unknown>[] = [
    { data: data as SheetData, sheet: 'Numbers' },
    { data: notes as SheetData, sheet: 'Notes' },
  ];
  const blob = await writeXlsxFile(sheets as Parameters<typeof writeXlsxFile>[0] & Sheet<unknown>[]).toBlob();
  return {
    name: `messy-${options.seed}.xlsx`,
    bytes: new Uint8Array(await blob.arrayBuffer()),
    expected: table.expected,
    blankRows: table.blankRows,
    headerRow: table.headerRow,
    counts: countStatuses(table.expected),
  };
}

/**
 * The two files the intake e2e (test/e2e/intake.spec.ts) takes through the UI. check-list.test.ts runs
 * `npm run check-list -- FILE --json` on the very same files (the generator is deterministic), so
 * every row is compared with the generator's record in the UI and in check-list alike.
 */
export const INTAKE_E2E_FILES = {
  csv: { seed: 8, rows: 5_000, variant: 'title-rows' },
  xlsx: { seed: 9, rows: 48 },
} as const satisfies {
  csv: Parameters<typeof generateMessyCsv>[0];
  xlsx: Parameters<typeof generateMessyXlsx>[0];
};
