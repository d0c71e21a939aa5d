import type { RecordPiece } from './delimited';
import { detectNewline } from './delimited';
import { IntakeError } from './errors';

/**
 * The full read of delimited text, materialising only the columns the mapping uses.
 *
 * A CRM export has ten or more columns and intake needs one to a few; papaparse builds every cell of
 * every row. This reader scans with `indexOf` (as papaparse does) but slices only the wanted cells,
 * which is what keeps the whole pipeline within 1.5× of a bare papaparse parse (DESIGN.md
 * "Performance budgets"). The preview and inspection use papaparse itself (delimited.ts), and a
 * property test holds this reader to papaparse's output on generated CSV. Quotes that papaparse
 * would call malformed (`"a"b`) make it hand the whole text to papaparse (`IrregularQuotes`).
 *
 * Yields records of `columns.length` cells (cell j is column `columns[j]`, '' when the row is short),
 * plus, per record, whether any cell outside `columns` had content (to tell blank rows apart).
 */
export class IrregularQuotes extends Error {}

export type ProjectedPiece = RecordPiece & { otherContent: boolean[] };

const isSpace = (c: number) => c === 32 || c === 9 || c === 160 || c === 13 || c === 10;

export function* readColumns(
  text: string,
  delimiter: string,
  columns: readonly number[],
  options: {
    recordsPerPiece?: number;
    /**
     * Reuse the record arrays of the previous piece: for a consumer that is done with a piece when it
     * asks for the next (readIntakeRows), this saves an array per row for the garbage collector.
     */
    reuse?: boolean;
  } = {},
): Generator<ProjectedPiece> {
  const newline = detectNewline(text.slice(0, 65536));
  const perPiece = options.recordsPerPiece ?? 2000;
  const width = columns.length;
  // column index → position in the projected record, or -1
  const maxColumn = Math.max(-1, ...columns);
  const slotOf = new Int32Array(maxColumn + 2).fill(-1);
  columns.forEach((column, j) => {
    slotOf[column] = j;
  });
  const length = text.length;
  const newlineLength = newline.length;
  const quote = '"';

  let pos = 0;
  let index = 0;
  let records: string[][] = [];
  let otherContent: boolean[] = [];
  const reuse = options.reuse === true;
  let count = 0; // records in the current piece (records.length when not reusing)
  let first = 0;
  let nextDelim = text.indexOf(delimiter, 0);
  let nextNewline = text.indexOf(newline, 0);

  while (pos < length) {
    let record: string[];
    if (reuse && count < records.length) {
      record = records[count] as string[];
      record.fill('');
    } else {
      record = new Array<string>(width).fill('');
      records.push(record);
      otherContent.push(false);
    }
    let other = false;
    let column = 0;
    for (;;) {
      const slot = column <= maxColumn ? (slotOf[column] as number) : -1;
      let end: number; // where the field's text ends (delimiter, newline or end of text)
      if (text.charCodeAt(pos) === 34 /* " */) {
        // quoted field: up to the closing quote that is not doubled
        let close = text.indexOf(quote, pos + 1);
        while (close !== -1 && text.charCodeAt(close + 1) === 34) close = text.indexOf(quote, close + 2);
        if (close === -1)
          throw new IntakeError(
            'TRUNCATED',
            `The file ends inside a quoted cell that starts on row ${index + 1}: it looks cut off (an interrupted download or copy), or a quote mark (") in that row is not closed. Check the end of the file and bring it in again.`,
          );
        end = close + 1;
        if (end < length && !text.startsWith(delimiter, end) && !text.startsWith(newline, end))
          throw new IrregularQuotes();
        if (slot >= 0) {
          const raw = text.slice(pos + 1, close);
          record[slot] = raw.includes('""') ? raw.replace(/""/g, '"') : raw;
        } else if (!other && close > pos + 1) other = true;
        // the cached positions may lie inside the quoted text
        if (nextDelim !== -1 && nextDelim < end) nextDelim = text.indexOf(delimiter, end);
        if (nextNewline !== -1 && nextNewline < end) nextNewline = text.indexOf(newline, end);
      } else {
        if (nextDelim !== -1 && nextDelim < pos) nextDelim = text.indexOf(delimiter, pos);
        if (nextNewline !== -1 && nextNewline < pos) nextNewline = text.indexOf(newline, pos);
        end =
          nextDelim === -1
            ? nextNewline === -1
              ? length
              : nextNewline
            : nextNewline === -1
              ? nextDelim
              : Math.min(nextDelim, nextNewline);
        if (slot >= 0) record[slot] = text.slice(pos, end);
        else if (!other)
          for (let i = pos; i < end; i++)
            if (!isSpace(text.charCodeAt(i))) {
              other = true;
              break;
            }
      }
      if (end >= length) {
        pos = length;
        break;
      }
      if (end === nextDelim) {
        pos = end + delimiter.length;
        nextDelim = text.indexOf(delimiter, pos);
        column++;
        if (pos >= length) break; // "a,b," at the very end: a last empty cell
        continue;
      }
      // newline
      pos = end + newlineLength;
      nextNewline = text.indexOf(newline, pos);
      break;
    }
    otherContent[count] = other;
    count++;
    index++;
    if (count >= perPiece && pos < length) {
      yield { records, first, progress: pos / length, otherContent };
      first = index;
      count = 0;
      if (!reuse) {
        records = [];
        otherContent = [];
      }
    }
  }
  if (count > 0) {
    records.length = count;
    otherContent.length = count;
    yield { records, first, progress: 1, otherContent };
  }
}
