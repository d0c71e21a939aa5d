import type { RegionCode } from '../phone';
import { decodeText, type TextEncodingName } from './decode';
import { IrregularQuotes, type ProjectedPiece, readColumns } from './columns-reader';
import { type Delimiter, detectDelimiter, type RecordPiece, readDelimited } from './delimited';
import { IntakeError } from './errors';
import { type IntakeAction, OPTIONAL_FIELD_KEYS, type OptionalFieldKey } from './fields';
import { type IntakeMapping, inspectRows, type TableInspection } from './inspect';
import {
  formatMegabytes,
  MAX_CHUNK_BYTES,
  MAX_CHUNK_ROWS,
  MAX_INTAKE_FILE_BYTES,
  MAX_INTAKE_ROWS,
} from './limits';
import { NumberIndex } from './number-index';
import { createPhoneCellReader, type PhoneCellReader } from './phone-cell';
import { type IntakeFields, parseFieldValue } from './row-fields';
import { decideRowStatus, type RowStatus, type StatusInput, type WorkspaceLookup } from './status';
import { isXlsBytes, isZipBytes, readWorkbook, type SheetGrid, XLS_MESSAGE } from './xlsx';

/**
 * The intake pipeline (UI.md "Where data lives"): bytes or pasted text → a table → normalised rows
 * in chunks. Pure (no DOM, no Node): the same code runs in the renderer's worker, in
 * `npm run check-list` and in the benchmark.
 *
 *   const book = await openIntake({ name, bytes });          // format, encoding, sheets; refuses bad files
 *   const table = book.table(sheetName);                     // CSV/TSV/paste: the one table
 *   const look = inspectTable(table);                        // header row, columns, suggested mapping, signature
 *   for (const chunk of readIntakeRows(table, { action, mapping, headerRow, firstDataRow })) …
 */
export type IntakeInput = { name: string; bytes: Uint8Array } | { name?: string; text: string };
export type IntakeFormat = 'csv' | 'tsv' | 'xlsx' | 'paste';

export type IntakeSourceInfo = {
  name: string;
  format: IntakeFormat;
  /** bytes (or characters of a paste) */
  size: number;
  encoding: TextEncodingName | null;
  delimiter: Delimiter | null;
  /** sheet names of a workbook, in order; [] for text */
  sheets: string[];
};

export type IntakeTable = {
  info: IntakeSourceInfo;
  /** the sheet this table is, for workbooks */
  sheet: string | null;
  /** the first `limit` records, raw */
  preview(limit?: number): string[][];
  /** every record, in pieces, with progress 0..1 */
  records(): Generator<RecordPiece>;
  /**
   * Every record reduced to `columns` (cell j = column columns[j]), in pieces, with progress 0..1 and
   * whether the record has content in other columns. The full read uses this; it is what keeps
   * intake near the cost of a bare parse (columns-reader.ts).
   */
  project(columns: readonly number[], options?: { reuse?: boolean }): Generator<ProjectedPiece>;
  /** one phone reader per file: inspection and reading share its NPA-NXX cache */
  reader: PhoneCellReader;
};

export type IntakeWorkbook = {
  info: IntakeSourceInfo;
  /** the table of a sheet (default: the first sheet that holds phone numbers, else the first) */
  table(sheet?: string): IntakeTable;
  /** the sheet `table()` picks when none is named */
  suggestedSheet: string | null;
};

export type IntakeRow = {
  /** the row number as the spreadsheet shows it (1-based, title and header rows counted) */
  row: number;
  /** the phone cell as typed (with its area code in front when that was a column of its own) */
  original: string;
  e164: string | null;
  region: RegionCode | null;
  tollFree: boolean;
  /** an extension that was stripped */
  extension: string | null;
  status: RowStatus;
  reason: string | null;
  /** text-enable of an already-qualified number: no qualification call */
  skipsQualification: boolean;
  fields: IntakeFields;
  /** per optional field whose cell could not be used: the message (its words are in `reason`) */
  problems?: Partial<Record<OptionalFieldKey, string>>;
};

export type IntakeCounts = Record<RowStatus, number>;
export type IntakeChunk = { rows: IntakeRow[]; progress: number; rowsRead: number };
export type IntakeSummary = { counts: IntakeCounts; dataRows: number; blankRows: number; extensions: number };

export type ReadOptions = {
  action: IntakeAction;
  mapping: IntakeMapping;
  /** 0-based record index of the header row, -1 for none */
  headerRow: number;
  /** 0-based record index of the first data row (default: the row after the header) */
  firstDataRow?: number;
  /** what the workspace already holds; the engine passes it, `check-list --workspace` too */
  lookup?: WorkspaceLookup;
  maxChunkRows?: number;
  maxChunkBytes?: number;
};

const TEXT_EXTENSIONS = /\.(csv|tsv|tab|txt|text)$/i;

export async function openIntake(input: IntakeInput): Promise<IntakeWorkbook> {
  if ('text' in input) {
    const text = input.text.replace(/^\uFEFF/, '');
    if (text.trim() === '')
      throw new IntakeError('EMPTY', 'Nothing was pasted. Paste a column of phone numbers.');
    const delimiter = detectDelimiter(text.slice(0, 65536));
    const info: IntakeSourceInfo = {
      name: input.name ?? 'Pasted list',
      format: 'paste',
      size: text.length,
      encoding: null,
      delimiter,
      sheets: [],
    };
    return textWorkbook(info, text);
  }
  const { name, bytes } = input;
  if (bytes.length > MAX_INTAKE_FILE_BYTES)
    throw new IntakeError(
      'FILE_TOO_LARGE',
      `This file is ${formatMegabytes(bytes.length)}; Hosting Desk reads files up to ${formatMegabytes(MAX_INTAKE_FILE_BYTES)}. Split it into smaller files.`,
    );
  if (bytes.length === 0)
    throw new IntakeError('EMPTY', 'The file is empty. Choose the file with your numbers.');
  if (isXlsBytes(bytes) || (/\.xls$/i.test(name) && !TEXT_EXTENSIONS.test(name) && !isZipBytes(bytes)))
    throw new IntakeError('XLS', XLS_MESSAGE);
  if (/\.(numbers|ods)$/i.test(name))
    throw new IntakeError(
      'UNSUPPORTED',
      'Apple Numbers and OpenDocument spreadsheets cannot be read. Export the sheet as CSV or Excel (.xlsx) and bring that in.',
    );
  if (isZipBytes(bytes) || /\.xlsx$|\.xlsm$/i.test(name)) {
    const sheets = await readWorkbook(bytes);
    return gridWorkbook(
      {
        name,
        format: 'xlsx',
        size: bytes.length,
        encoding: null,
        delimiter: null,
        sheets: sheets.map((s) => s.name),
      },
      sheets,
    );
  }
  const { text, encoding } = decodeText(bytes);
  const delimiter = detectDelimiter(text.slice(0, 65536));
  return textWorkbook(
    { name, format: delimiter === '\t' ? 'tsv' : 'csv', size: bytes.length, encoding, delimiter, sheets: [] },
    text,
  );
}

/** Projection over full records (workbooks, and text whose quotes papaparse must judge). */
function* projectPieces(
  pieces: Iterable<RecordPiece>,
  columns: readonly number[],
  skip = 0,
): Generator<ProjectedPiece> {
  const wanted = new Set(columns);
  for (const piece of pieces) {
    if (piece.first + piece.records.length <= skip) continue;
    const records: string[][] = [];
    const otherContent: boolean[] = [];
    const from = Math.max(0, skip - piece.first);
    for (let i = from; i < piece.records.length; i++) {
      const cells = piece.records[i] as string[];
      records.push(columns.map((c) => cells[c] ?? ''));
      otherContent.push(cells.some((cell, c) => !wanted.has(c) && cell.trim() !== ''));
    }
    yield { records, first: piece.first + from, progress: piece.progress, otherContent };
  }
}

function* projectText(
  text: string,
  delimiter: Delimiter,
  columns: readonly number[],
  reuse: boolean,
): Generator<ProjectedPiece> {
  let done = 0;
  try {
    for (const piece of readColumns(text, delimiter, columns, { reuse })) {
      done = piece.first + piece.records.length;
      yield piece;
    }
  } catch (error) {
    if (!(error instanceof IrregularQuotes)) throw error;
    // malformed quoting: papaparse's reading is the reference; carry on from where we were
    yield* projectPieces(readDelimited(text, delimiter), columns, done);
  }
}

function textWorkbook(info: IntakeSourceInfo, text: string): IntakeWorkbook {
  const delimiter = info.delimiter ?? ',';
  const table: IntakeTable = {
    info,
    sheet: null,
    preview(limit = 150) {
      const out: string[][] = [];
      // the preview parses at most the first 128 K characters
      for (const { records } of readDelimited(text.slice(0, 131072), delimiter, { pieceSize: 131072 }))
        for (const r of records) if (out.length < limit) out.push(r);
      return out;
    },
    records: () => readDelimited(text, delimiter),
    project: (columns, options) => projectText(text, delimiter, columns, options?.reuse === true),
    reader: createPhoneCellReader(),
  };
  return { info, suggestedSheet: null, table: () => table };
}

function gridWorkbook(info: IntakeSourceInfo, sheets: SheetGrid[]): IntakeWorkbook {
  if (sheets.length === 0) throw new IntakeError('EMPTY', 'This workbook has no sheets with data.');
  const reader = createPhoneCellReader();
  const tableOf = (grid: SheetGrid): IntakeTable => ({
    info,
    reader,
    project: (columns) => projectPieces(tableOf(grid).records(), columns),
    sheet: grid.name,
    preview: (limit = 150) => grid.rows.slice(0, limit),
    *records() {
      for (let start = 0; start < grid.rows.length; start += MAX_CHUNK_ROWS) {
        const end = Math.min(grid.rows.length, start + MAX_CHUNK_ROWS);
        yield { records: grid.rows.slice(start, end), first: start, progress: end / grid.rows.length };
      }
    },
  });
  const withPhones = sheets.find((s) => inspectRows(s.rows.slice(0, 150), { reader }).mapping !== null);
  const suggested = (withPhones ?? (sheets[0] as SheetGrid)).name;
  return {
    info,
    suggestedSheet: suggested,
    table(sheet = suggested) {
      const grid = sheets.find((s) => s.name === sheet);
      if (!grid)
        throw new IntakeError(
          'SHEET_NOT_FOUND',
          `This workbook has no sheet named "${sheet}". Its sheets: ${sheets.map((s) => s.name).join(', ')}.`,
        );
      return tableOf(grid);
    },
  };
}

/** The first look at a table: header row, columns, suggested mapping, shape signature. */
export const inspectTable = (table: IntakeTable, options: { headerRow?: number } = {}): TableInspection =>
  inspectRows(table.preview(), { ...options, format: table.info.format, reader: table.reader });

export const emptyCounts = (): IntakeCounts => ({ valid: 0, fixed: 0, error: 0, duplicate: 0 });

/** Rough JSON size of a row without its optional fields, to keep each `intake.append` under MAX_CHUNK_BYTES. */
const ROW_JSON_BYTES = 260;

/**
 * Every data row of `table`, normalised and given its status, in chunks of at most `maxChunkRows`
 * rows or about `maxChunkBytes` bytes. Blank rows are skipped and counted; rows above the header
 * (titles) are ignored. More than MAX_INTAKE_ROWS data rows stops the read with TOO_MANY_ROWS.
 */
export function* readIntakeRows(
  table: IntakeTable,
  options: ReadOptions,
): Generator<IntakeChunk, IntakeSummary> {
  const builder = new RowBuilder(table.reader, options);
  // each piece is done with before the next is asked for: its record arrays can be reused
  for (const piece of table.project(builder.columns, { reuse: true })) {
    builder.add(piece);
    for (let chunk = builder.take(); chunk; chunk = builder.take()) yield chunk;
  }
  const last = builder.finish();
  if (last) yield last;
  return builder.summary();
}

/**
 * The per-row work of readIntakeRows, in a plain class: the hot loop stays out of the generator's
 * state machine (measurably faster), and the generator only hands out finished chunks.
 */
class RowBuilder {
  readonly columns: number[];
  private readonly fieldColumns: (readonly [OptionalFieldKey, number])[];
  private readonly joinArea: boolean;
  private readonly firstDataRow: number;
  private readonly maxRows: number;
  private readonly maxBytes: number;
  /** one input object for every row's status decision: 100,000 fewer allocations */
  private readonly statusInput: StatusInput;
  private readonly seen = new NumberIndex();
  private readonly counts = emptyCounts();
  private readonly ready: IntakeChunk[] = [];
  private rows: IntakeRow[] = [];
  private bytes = 0;
  private rowsRead = 0;
  private blankRows = 0;
  private dataRows = 0;
  private extensions = 0;

  constructor(
    private readonly read: PhoneCellReader,
    options: ReadOptions,
  ) {
    const { mapping } = options;
    this.maxRows = options.maxChunkRows ?? MAX_CHUNK_ROWS;
    this.maxBytes = Math.floor((options.maxChunkBytes ?? MAX_CHUNK_BYTES) * 0.9);
    this.firstDataRow = options.firstDataRow ?? options.headerRow + 1;
    this.statusInput = { cell: '', reading: read(''), action: options.action, lookup: options.lookup };
    // projected record layout: [phone, areaCode?, ...fields]
    const fieldKeys = OPTIONAL_FIELD_KEYS.filter((k) => mapping.fields[k] !== undefined);
    this.joinArea = mapping.areaCode !== undefined;
    this.columns = [
      mapping.phone,
      ...(this.joinArea ? [mapping.areaCode as number] : []),
      ...fieldKeys.map((k) => mapping.fields[k] as number),
    ];
    this.fieldColumns = fieldKeys.map((key, i) => [key, (this.joinArea ? 2 : 1) + i] as const);
  }

  /**
   * Optional columns repeat a handful of values (a service plan, a campaign, US/CA) over thousands
   * of rows: each distinct cell is parsed once per column (up to FIELD_MEMO values).
   */
  private readonly fieldMemo: Map<string, ReturnType<typeof parseFieldValue>>[] = [];
  private parseField(f: number, key: OptionalFieldKey, cell: string): ReturnType<typeof parseFieldValue> {
    let memo = this.fieldMemo[f];
    if (!memo) {
      memo = new Map();
      this.fieldMemo[f] = memo;
    }
    let parsed = memo.get(cell);
    if (parsed === undefined) {
      parsed = parseFieldValue(key, cell);
      if (memo.size < FIELD_MEMO) memo.set(cell, parsed);
    }
    return parsed;
  }

  take(): IntakeChunk | undefined {
    return this.ready.shift();
  }

  finish(): IntakeChunk | undefined {
    if (this.rows.length === 0) return undefined;
    const chunk = { rows: this.rows, progress: 1, rowsRead: this.rowsRead };
    this.rows = [];
    return chunk;
  }

  summary(): IntakeSummary {
    return {
      counts: this.counts,
      dataRows: this.dataRows,
      blankRows: this.blankRows,
      extensions: this.extensions,
    };
  }

  add(piece: ProjectedPiece): void {
    const { records, otherContent } = piece;
    const { read, statusInput, seen, counts, fieldColumns, joinArea } = this;
    for (let i = 0; i < records.length; i++) {
      const index = piece.first + i;
      if (index < this.firstDataRow) continue;
      const cells = records[i] as string[];
      const phoneCell = joinArea ? joinCells(cells[1] as string, cells[0] as string) : (cells[0] as string);
      if (isBlank(phoneCell) && !otherContent[i] && cells.every(isBlank)) {
        this.blankRows++;
        continue;
      }
      if (++this.dataRows > MAX_INTAKE_ROWS)
        throw new IntakeError(
          'TOO_MANY_ROWS',
          `This list has more than ${MAX_INTAKE_ROWS.toLocaleString('en-US')} rows, the most one intake takes. Split it into several files.`,
        );
      let size = ROW_JSON_BYTES + phoneCell.length;
      let fields: IntakeFields = NO_FIELDS;
      let problems: string[] | undefined;
      let problemsByField: Partial<Record<OptionalFieldKey, string>> | undefined;
      for (let f = 0; f < fieldColumns.length; f++) {
        const field = fieldColumns[f] as readonly [OptionalFieldKey, number];
        const cell = cells[field[1]];
        if (cell === undefined || isBlank(cell)) continue;
        const parsed = this.parseField(f, field[0], cell);
        if ('problem' in parsed) {
          problems ??= [];
          problems.push(parsed.problem);
          problemsByField ??= {};
          problemsByField[field[0]] = parsed.problem;
        } else {
          if (fields === NO_FIELDS) fields = {};
          (fields as Record<string, unknown>)[field[0]] = parsed.value;
          size += field[0].length + 6 + cell.length;
        }
      }
      const reading = read(phoneCell, fields.regionCode);
      let firstRow: number | undefined;
      if (reading.ok)
        firstRow = problems ? seen.get(reading.national) : seen.getOrAdd(reading.national, index + 1);
      statusInput.cell = phoneCell;
      statusInput.reading = reading;
      statusInput.fieldProblems = problems;
      statusInput.firstRow = firstRow;
      const decision = decideRowStatus(statusInput);
      if (reading.extension !== null) this.extensions++;
      counts[decision.status]++;
      if (decision.reason !== null) size += decision.reason.length;
      if (this.rows.length > 0 && (this.rows.length >= this.maxRows || this.bytes + size > this.maxBytes)) {
        this.ready.push({ rows: this.rows, progress: piece.progress, rowsRead: this.rowsRead });
        this.rows = [];
        this.bytes = 0;
      }
      this.rows.push({
        row: index + 1,
        original: phoneCell,
        e164: reading.ok ? reading.e164 : null,
        region: reading.ok ? reading.region : null,
        tollFree: reading.ok ? reading.tollFree : false,
        extension: reading.extension,
        status: decision.status,
        reason: decision.reason,
        skipsQualification: decision.skipsQualification,
        fields,
        ...(problemsByField ? { problems: problemsByField } : {}),
      });
      this.bytes += size;
      this.rowsRead++;
    }
  }
}

const FIELD_MEMO = 1000;

/** Area code in front of the number (the same as inspect.ts joinedPhoneCell). */
const joinCells = (area: string, phone: string) =>
  area.trim() === '' ? phone : `${area.trim()} ${phone.trim()}`;

const NO_FIELDS: IntakeFields = Object.freeze({}) as IntakeFields;

/** Only spaces (a trim() per cell would allocate). */
function isBlank(cell: string): boolean {
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 160) return false;
  }
  return true;
}

/** Convenience for tools and tests: every row and the summary of one read. */
export function readAllRows(
  table: IntakeTable,
  options: ReadOptions,
): { rows: IntakeRow[]; summary: IntakeSummary } {
  const rows: IntakeRow[] = [];
  const iterator = readIntakeRows(table, options);
  for (;;) {
    const next = iterator.next();
    if (next.done) return { rows, summary: next.value };
    for (const row of next.value.rows) rows.push(row);
  }
}
