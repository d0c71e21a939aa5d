import { describe, expect, it } from 'vitest';
import {
  INTAKE_ACTIONS,
  inspectTable,
  openIntake,
  readAllRows,
  templateRows,
} from '../../../shared/domain/intake';
import { templateCsvBlob, templateXlsxBlob } from './intake-templates';

describe('templates', () => {
  it.each(INTAKE_ACTIONS)('%s: the CSV and the XLSX read back with every column mapped', async (action) => {
    for (const { blob, fileName } of [templateCsvBlob(action), await templateXlsxBlob(action)]) {
      const book = await openIntake({ name: fileName, bytes: new Uint8Array(await blob.arrayBuffer()) });
      const table = book.table();
      const look = inspectTable(table);
      expect(1 + Object.keys(look.mapping?.fields ?? {}).length).toBe(templateRows(action)[0]?.length);
      const { rows } = readAllRows(table, { action, mapping: look.mapping!, headerRow: look.headerRow });
      expect(rows.map((r) => [r.e164, r.status])).toEqual([['+12025550134', 'valid']]);
      expect(fileName).toMatch(new RegExp(`^hosting-desk-${action}-template\\.(csv|xlsx)$`));
    }
    const xlsx = await openIntake({
      name: 'x.xlsx',
      bytes: new Uint8Array(await (await templateXlsxBlob(action)).blob.arrayBuffer()),
    });
    expect(xlsx.info.sheets).toEqual(['Numbers', 'Help']);
    expect(xlsx.suggestedSheet).toBe('Numbers');
  });
});
