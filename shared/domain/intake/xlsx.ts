import { unzipSync, zipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/universal';
import { IntakeError } from './errors';
import { formatMegabytes, MAX_XLSX_UNZIPPED_BYTES } from './limits';

/**
 * Excel workbooks (.xlsx) → one grid of strings per sheet.
 *
 * - Numbers stored as numbers keep every digit: the cell's raw XML text is kept (`parseNumber`), never
 *   a float formatted back (2025550134 stays "2025550134").
 * - The zip is opened here first, with fflate's synchronous unzip: it enforces the unzipped-size limit
 *   from the zip directory before anything is inflated, and it never starts a helper worker.
 *   read-excel-file's own unzip starts blob: workers for parts over 512 KB, which our CSP blocks (and
 *   should), so it is handed the parts re-packed without compression, which it reads in place.
 *   (fflate is read-excel-file's own zip library, already installed with it.)
 */
export type SheetGrid = { name: string; rows: string[][] };

const XLS_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

export const isXlsBytes = (bytes: Uint8Array): boolean => startsWith(bytes, XLS_MAGIC);
export const isZipBytes = (bytes: Uint8Array): boolean => startsWith(bytes, ZIP_MAGIC);

export const XLS_MESSAGE =
  'Old Excel files (.xls, Excel 97–2003) cannot be read. Open the file in Excel and choose File › Save As › Excel Workbook (.xlsx) or CSV UTF-8, then bring that file in.';

const damaged = (why: string) =>
  new IntakeError(
    'DAMAGED',
    `This Excel file cannot be opened: it is damaged or incomplete (${why}). If it was downloaded or copied, do that again; or open it in Excel and save it again as .xlsx.`,
  );

export async function readWorkbook(bytes: Uint8Array): Promise<SheetGrid[]> {
  if (isXlsBytes(bytes)) throw new IntakeError('XLS', XLS_MESSAGE);
  if (!isZipBytes(bytes)) throw damaged('it is not an Excel workbook inside');
  let unzipped = 0;
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter(file) {
        unzipped += file.originalSize;
        if (unzipped > MAX_XLSX_UNZIPPED_BYTES)
          throw new IntakeError(
            'UNZIPPED_TOO_LARGE',
            `This Excel workbook unpacks to more than ${formatMegabytes(MAX_XLSX_UNZIPPED_BYTES)}, the most Hosting Desk reads. Copy the sheet with your numbers into a new workbook, or save it as CSV, and bring that in.`,
          );
        // read-excel-file only reads the XML parts; pictures and the like stay packed
        return /\.(xml|rels)$/.test(file.name);
      },
    });
  } catch (error) {
    if (error instanceof IntakeError) throw error;
    throw damaged('the zip inside is broken');
  }
  const stored = zipSync(parts, { level: 0 });
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readXlsxFile(stored.buffer as ArrayBuffer, {
      // keep the digits exactly as stored; never go through a float
      parseNumber: (text: string) => text,
    })) as unknown as { sheet: string; data: unknown[][] }[];
  } catch (error) {
    throw damaged(error instanceof Error ? error.message.slice(0, 120) : 'unreadable');
  }
  return sheets.map(({ sheet, data }) => ({ name: sheet, rows: data.map(cellsToText) }));
}

function cellsToText(row: unknown[]): string[] {
  const out = new Array<string>(row.length);
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    out[i] =
      cell === null || cell === undefined
        ? ''
        : typeof cell === 'string'
          ? cell
          : cell instanceof Date
            ? cell.toISOString()
            : String(cell);
  }
  return out;
}
