/**
 * The limits intake states and enforces (issue 8, "Reading files"). One place, so the worker, the
 * engine's `intake.append` schema, `check-list` and the messages quoting them agree.
 */

/** Data rows in one file (blank rows not counted). */
export const MAX_INTAKE_ROWS = 100_000;
/** Size of the file as picked or dropped. */
export const MAX_INTAKE_FILE_BYTES = 50 * 1024 * 1024;
/** An .xlsx is a zip: what it would unpack to (a zip bomb, or a workbook full of other sheets). */
export const MAX_XLSX_UNZIPPED_BYTES = 200 * 1024 * 1024;
/** One `intake.append` call carries at most this many rows … */
export const MAX_CHUNK_ROWS = 5_000;
/** … or about this many bytes of row data, whichever is reached first (the browser shell refuses 1 MiB bodies). */
export const MAX_CHUNK_BYTES = 512 * 1024;

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** For help texts and messages: the limits in words. */
export const INTAKE_LIMITS_TEXT =
  `Up to ${MAX_INTAKE_ROWS.toLocaleString('en-US')} rows and ${megabytes(MAX_INTAKE_FILE_BYTES)} per file ` +
  `(an Excel workbook may unpack to at most ${megabytes(MAX_XLSX_UNZIPPED_BYTES)}).`;

export const formatMegabytes = megabytes;
