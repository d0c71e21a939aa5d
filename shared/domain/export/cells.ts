/**
 * Spreadsheet-safe cells (OWASP "CSV injection"): a cell a spreadsheet program would read as a
 * formula — it starts with `=`, `+`, `-`, `@`, a tab or a carriage return — gets a leading `'`, which
 * every spreadsheet shows as text and hides. The one exception is a cell that is exactly an E.164
 * number (`+` and 2–15 digits): the phone columns must stay usable (and re-import unchanged), and
 * `+12025550100` is not a formula anywhere.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const E164 = /^\+[1-9]\d{1,14}$/;

export function neutraliseCell(value: string): string {
  if (!FORMULA_START.test(value) || E164.test(value)) return value;
  return `'${value}`;
}

/** A table to export: a header row and string cells (numbers are written as text on purpose). */
export type ExportTable = { columns: readonly string[]; rows: readonly (readonly string[])[] };

/** The table with every cell (header too) neutralised. */
export function neutraliseTable(table: ExportTable): ExportTable {
  return {
    columns: table.columns.map(neutraliseCell),
    rows: table.rows.map((row) => row.map(neutraliseCell)),
  };
}
