import {
  type ColumnRole,
  compactHeader,
  OPTIONAL_FIELD_KEYS,
  type OptionalFieldKey,
  roleOfHeader,
} from './fields';
import { createPhoneCellReader, type PhoneCellReader } from './phone-cell';

/**
 * The first look at a table, before rows are read: which row is the header (title rows above it are
 * common), which column holds the numbers (by header in several languages, else by content), an
 * area code kept in its own column, the optional fields, and a signature of the file's shape so a
 * mapping the user corrected can be remembered for the next file of the same shape.
 */

/** Column indexes (0-based) of the roles the rows need. */
export type IntakeMapping = {
  phone: number;
  /** an area code in its own column: joined in front of the phone cell */
  areaCode?: number;
  fields: Partial<Record<OptionalFieldKey, number>>;
};

export type ColumnInfo = {
  index: number;
  /** the header cell, or '' without a header row */
  header: string;
  /** what the mapping screen shows: the header, else "Column C" */
  label: string;
  /** first non-empty values below the header */
  samples: string[];
  /** share of the non-empty sample cells that read as a phone number */
  phoneShare: number;
  /** the role its header names, if any */
  headerRole: ColumnRole | null;
};

export type TableInspection = {
  /** 0-based record index of the header row; -1 when the table has none */
  headerRow: number;
  /** 0-based record index of the first data row */
  firstDataRow: number;
  columns: ColumnInfo[];
  /** null when no column reads as phone numbers: the user must choose one */
  mapping: IntakeMapping | null;
  /** stable for files with the same columns: key for remembered mappings */
  signature: string;
};

const HEADER_SCAN = 25;
/** rows below the header judged per column: enough to tell a phone column, cheap to read */
const SAMPLE = 100;

/** "Column A", …, "Column Z", "Column AA" — as a spreadsheet names them. */
export const columnLetter = (index: number): string => {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
};

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/**
 * The likely header row among the first rows: the row whose cells name the most known columns
 * (an exact alias counts double), provided no cell of it reads as a phone number. -1 if none does.
 */
export function suggestHeaderRow(
  rows: readonly string[][],
  read: PhoneCellReader = createPhoneCellReader(),
): number {
  let best = -1;
  let bestScore = 0;
  for (let r = 0; r < Math.min(rows.length, HEADER_SCAN); r++) {
    const cells = rows[r] as string[];
    if (isBlank(cells)) continue;
    if (cells.some((c) => c.trim() !== '' && read(c).ok)) continue;
    let score = 0;
    for (const cell of cells) score += roleOfHeader(cell)?.score ?? 0;
    if (score > bestScore) {
      bestScore = score;
      best = r;
    }
  }
  return best;
}

/**
 * Inspect the first rows of a table (pass ~200 rows after the likely header: the caller reads a
 * preview). `headerRow` overrides the suggestion when the user picked another row.
 */
export function inspectRows(
  rows: readonly string[][],
  options: { headerRow?: number; format?: string; reader?: PhoneCellReader } = {},
): TableInspection {
  const read = options.reader ?? createPhoneCellReader();
  const headerRow = options.headerRow ?? suggestHeaderRow(rows, read);
  const header = headerRow >= 0 ? (rows[headerRow] ?? []) : [];
  const body = rows.slice(headerRow + 1, headerRow + 1 + SAMPLE);
  const width = Math.max(header.length, ...body.map((r) => r.length), 0);

  const columns: ColumnInfo[] = [];
  for (let c = 0; c < width; c++) {
    const headerText = (header[c] ?? '').trim();
    const samples: string[] = [];
    let filled = 0;
    let phones = 0;
    for (const row of body) {
      const cell = (row[c] ?? '').trim();
      if (cell === '') continue;
      filled++;
      if (read(cell).ok) phones++;
      if (samples.length < 5) samples.push(cell);
    }
    columns.push({
      index: c,
      header: headerText,
      label: headerText || `Column ${columnLetter(c)}`,
      samples,
      phoneShare: filled === 0 ? 0 : phones / filled,
      headerRole: roleOfHeader(headerText)?.role ?? null,
    });
  }

  const mapping = suggestMapping(columns, body);
  let firstDataRow = headerRow + 1;
  if (headerRow < 0 && mapping) {
    // No header: skip title rows above the first row whose number cell reads as a phone number.
    const first = rows.findIndex((row, i) => i < HEADER_SCAN && read(joinedPhoneCell(row, mapping)).ok);
    firstDataRow = Math.max(first, 0);
  }
  return {
    headerRow,
    firstDataRow,
    columns,
    mapping,
    signature: shapeSignature(options.format ?? 'table', headerRow >= 0 ? header : null, width),
  };
}

/** The phone cell of a row with its area code joined in front, as the pipeline reads it. */
export function joinedPhoneCell(cells: readonly string[], mapping: IntakeMapping): string {
  const phone = cells[mapping.phone] ?? '';
  if (mapping.areaCode === undefined) return phone;
  const area = (cells[mapping.areaCode] ?? '').trim();
  return area === '' ? phone : `${area} ${phone.trim()}`;
}

const NPA = /^\(?[2-9]\d{2}\)?$/;
const SEVEN = /^[2-9]\d{2}[-. ]?\d{4}$/;

function suggestMapping(columns: ColumnInfo[], body: readonly string[][]): IntakeMapping | null {
  const fields: Partial<Record<OptionalFieldKey, number>> = {};
  for (const column of columns) {
    const role = column.headerRole;
    if (role && role !== 'phoneNumber' && role !== 'areaCode' && fields[role] === undefined)
      fields[role] = column.index;
  }
  const byHeader = columns.filter((c) => c.headerRole === 'phoneNumber');
  const byContent = [...columns].sort((a, b) => b.phoneShare - a.phoneShare)[0];
  // A header saying "number" wins unless its cells are clearly not phone numbers (an account number).
  let phone = byHeader.sort((a, b) => b.phoneShare - a.phoneShare)[0];
  if (!phone || (phone.phoneShare < 0.2 && (byContent?.phoneShare ?? 0) >= 0.5)) phone = undefined;
  if (!phone && byContent && byContent.phoneShare >= 0.5) phone = byContent;

  const areaByHeader = columns.find((c) => c.headerRole === 'areaCode');
  if (phone && (phone.phoneShare >= 0.5 || !areaByHeader)) {
    return { phone: phone.index, fields: withoutColumn(fields, phone.index) };
  }
  // An area code in its own column: a column of NPAs next to a column of 7-digit numbers.
  const share = (c: number, re: RegExp) => {
    let filled = 0;
    let hits = 0;
    for (const row of body) {
      const cell = (row[c] ?? '').trim();
      if (cell === '') continue;
      filled++;
      if (re.test(cell)) hits++;
    }
    return filled === 0 ? 0 : hits / filled;
  };
  const areaColumns = areaByHeader ? [areaByHeader] : columns.filter((c) => share(c.index, NPA) >= 0.8);
  for (const area of areaColumns) {
    const local =
      phone && share(phone.index, SEVEN) >= 0.5 ? phone : columns.find((c) => share(c.index, SEVEN) >= 0.8);
    if (local && local.index !== area.index)
      return {
        phone: local.index,
        areaCode: area.index,
        fields: withoutColumn(withoutColumn(fields, local.index), area.index),
      };
  }
  return phone ? { phone: phone.index, fields: withoutColumn(fields, phone.index) } : null;
}

function withoutColumn(fields: Partial<Record<OptionalFieldKey, number>>, index: number) {
  const out: Partial<Record<OptionalFieldKey, number>> = {};
  for (const key of OPTIONAL_FIELD_KEYS)
    if (fields[key] !== undefined && fields[key] !== index) out[key] = fields[key];
  return out;
}

/**
 * `shape-<format>-<columns>-<hash>`: FNV-1a of the compacted headers. Same columns in the same order
 * → same signature, whatever the rows; no header → the column count alone.
 */
export function shapeSignature(format: string, header: readonly string[] | null, width: number): string {
  const text = header ? header.map((h) => compactHeader(h)).join('|') : '(no header)';
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `shape-${format}-${width}-${hash.toString(16).padStart(8, '0')}`;
}
