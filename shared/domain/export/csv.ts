import { type ExportTable, neutraliseTable } from './cells';

/**
 * Our CSV writer (RFC 4180): comma-separated, CRLF line ends, a field quoted when it holds a comma,
 * a quote, CR or LF (quotes doubled), UTF-8 without a byte-order mark. Cells are neutralised first
 * (cells.ts), so a formula never reaches a spreadsheet program.
 */
export function toCsv(table: ExportTable): string {
  const safe = neutraliseTable(table);
  const lines = [safe.columns, ...safe.rows].map((row) => row.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
