import Papa from 'papaparse';
import { IntakeError } from './errors';

/**
 * Delimited text (CSV, TSV, semicolon CSV, a pasted column) → records, streamed: the text is fed to
 * papaparse's core parser a piece at a time (`ignoreLastRow` keeps an incomplete record for the next
 * piece), so quoted cells with newlines and CRLF work across pieces and the caller gets progress
 * and can stop between pieces. (papaparse's own blob worker is blocked by our CSP; we run this in
 * our module worker instead — UI.md.)
 */
export type Delimiter = ',' | ';' | '\t' | '|';
const CANDIDATES: readonly Delimiter[] = [',', ';', '\t', '|'];

/**
 * Records as read, in pieces: `first` is the 0-based record index of `records[0]` (row N of a
 * spreadsheet is index N-1). No wrapper object per record: 100,000 of them show in the budget.
 */
export type RecordPiece = { records: string[][]; first: number; progress: number };

/**
 * The delimiter of a sample: the candidate that splits the most lines into the same number (> 1) of
 * cells. Title rows above the header and quoted cells are common, so quoted text is ignored and a
 * consistent count wins over a frequent one. A single column (a pasted list) gets `,`, which never
 * splits it.
 */
export function detectDelimiter(sample: string): Delimiter {
  const lines = sample
    .replace(/"(?:[^"]|"")*"/g, '""')
    .split(/\r\n|\n|\r/)
    .filter((line) => line.trim() !== '')
    .slice(0, 50);
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const delimiter of CANDIDATES) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const n = line.split(delimiter).length - 1;
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    // score: lines sharing the modal count; ties go to the larger count (more columns)
    let score = 0;
    for (const [n, lineCount] of counts) {
      const s = lineCount * 1000 + n;
      if (s > score) score = s;
    }
    if (score > bestScore) {
      bestScore = score;
      best = delimiter;
    }
  }
  return best;
}

/**
 * The line ending, judged outside quoted cells (a cell may hold a CRLF in an LF file): papaparse's
 * own rule, so both readers split records the same way.
 */
export const detectNewline = (sample: string): '\r\n' | '\n' | '\r' => {
  const outside = sample.replace(/"[\s\S]*?"/g, '');
  const r = outside.split('\r');
  const n = outside.split('\n');
  if (r.length === 1 || (n.length > 1 && (n[0] as string).length < (r[0] as string).length)) return '\n';
  let withN = 0;
  for (const part of r) if (part[0] === '\n') withN++;
  return withN >= r.length / 2 ? '\r\n' : '\r';
};

// Small enough that a piece's records die young (the garbage collector's cheap case).
const PIECE = 1 << 18;

/**
 * Parse `text` in pieces; yields each piece's records with how far through the text it is (0..1).
 * A file that ends inside a quoted cell was cut off (a truncated download or copy): refused.
 */
export function* readDelimited(
  text: string,
  delimiter: Delimiter,
  options: { pieceSize?: number } = {},
): Generator<RecordPiece> {
  const newline = detectNewline(text.slice(0, 65536));
  let start = 0;
  let index = 0;
  let piece = options.pieceSize ?? PIECE;
  while (start < text.length) {
    const end = Math.min(text.length, start + piece);
    const last = end === text.length;
    const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
    const result = parser.parse(start === 0 && last ? text : text.slice(start, end), 0, !last) as {
      data: string[][];
      errors: { code: string; row?: number }[];
      meta: { cursor: number };
    };
    if (last) {
      const missing = result.errors.find((e) => e.code === 'MissingQuotes');
      if (missing) {
        const row = index + (missing.row ?? result.data.length - 1) + 1;
        throw new IntakeError(
          'TRUNCATED',
          `The file ends inside a quoted cell that starts on row ${row}: it looks cut off (an interrupted download or copy), or a quote mark (") in that row is not closed. Check the end of the file and bring it in again.`,
        );
      }
    }
    if (!last && result.data.length === 0) {
      // one record longer than the piece (a huge quoted cell): read a bigger piece
      piece *= 2;
      continue;
    }
    // "a\n" ends with a newline, not with an empty record
    if (last && /[\r\n]$/.test(text)) {
      const tail = result.data[result.data.length - 1];
      if (tail && tail.length === 1 && tail[0] === '') result.data.pop();
    }
    const first = index;
    index += result.data.length;
    start = last ? text.length : start + result.meta.cursor;
    piece = options.pieceSize ?? PIECE;
    yield { records: result.data, first, progress: start / text.length };
  }
}
