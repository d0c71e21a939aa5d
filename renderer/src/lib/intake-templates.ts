import writeXlsxFile from 'write-excel-file/browser';
import {
  type IntakeAction,
  templateColumns,
  templateCsv,
  templateFileName,
  templateRows,
} from '../../../shared/domain/intake';

/**
 * Downloadable templates per action (CSV and XLSX), both from the one column list of
 * shared/domain/intake/fields.ts, so a template always reads back with every column mapped.
 * The XLSX has a second sheet that says what each column means; the phone column is text, so Excel
 * never turns a number into 2.02555E+09.
 */
export function templateCsvBlob(action: IntakeAction): { blob: Blob; fileName: string } {
  return {
    blob: new Blob([templateCsv(action)], { type: 'text/csv;charset=utf-8' }),
    fileName: templateFileName(action, 'csv'),
  };
}

export async function templateXlsxBlob(action: IntakeAction): Promise<{ blob: Blob; fileName: string }> {
  const [header = [], example = []] = templateRows(action);
  const text = (value: string) => ({ type: String, value });
  const numbers = [header.map((h) => ({ ...text(h), fontWeight: 'bold' as const })), example.map(text)];
  const help = [
    [text('Column'), text('What to write')].map((c) => ({ ...c, fontWeight: 'bold' as const })),
    ...templateColumns(action).map((c) => [text(c.label), text(c.help)]),
  ];
  const blob = await writeXlsxFile([
    { sheet: 'Numbers', data: numbers, columns: header.map(() => ({ width: 24 })) },
    { sheet: 'Help', data: help, columns: [{ width: 28 }, { width: 90 }] },
  ] as Parameters<typeof writeXlsxFile>[0]).toBlob();
  return { blob, fileName: templateFileName(action, 'xlsx') };
}
