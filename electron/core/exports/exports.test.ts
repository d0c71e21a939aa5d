import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../secrets/memory-secret-store';
import { cleanupsAfterEach, startTestEngine } from '../test-kit';
import { type CheckListJson, runCheckList } from '../intake/check-list';

/**
 * Exports through the contract, re-read with OTHER libraries than the ones that wrote them
 * (papaparse for our CSV writer, exceljs for write-excel-file): valid files, every hostile cell
 * neutralised, no formula cell, phone numbers as text — and both files re-import unchanged through
 * the intake pipeline (`check-list`, which runs the pipeline the Bring-numbers screen runs).
 */
const cleanups = cleanupsAfterEach();

const HOSTILE = ['=HYPERLINK("http://x.example","y")', '+SUM(1,2)', '-2+3', '@cmd', '\tTAB', '\rCR'];
const PHONES = [
  '+12025550100',
  '+12025550101',
  '+12025550102',
  '+12025550103',
  '+12025550104',
  '+12025550105',
];

async function withBatch() {
  const { call } = await startTestEngine(cleanups, { prefix: 'hd-export-' });
  // user-typed fields land in the export: make every one of them hostile
  const rows = PHONES.map((phoneNumber, i) => ({
    phoneNumber,
    action: 'import' as const,
    servicePlanId: HOSTILE[i] ?? 'plan',
    campaignId: HOSTILE[(i + 1) % HOSTILE.length],
  }));
  await call('plan.commit', { rows, intentId: 'exp1', label: 'Export test' });
  return { call };
}

const bytes = (file: { base64: string }) => Buffer.from(file.base64, 'base64');

/** The exported file read back through the intake pipeline (check-list --json): each row's E.164 and status. */
async function reimport(file: { filename: string; base64: string }) {
  let out = '';
  const code = await runCheckList([file.filename, '--json'], {
    stdout: (text) => {
      out += text;
    },
    stderr: () => {},
    secretStore: () => new MemorySecretStore(),
    readFile: () => new Uint8Array(bytes(file)),
  });
  return { code, json: JSON.parse(out) as CheckListJson };
}
const isDangerous = (c: string) => /^[=+\-@\t\r]/.test(c) && !/^\+[1-9]\d{1,14}$/.test(c);

describe('exports', () => {
  it('CSV: papaparse reads it, hostile cells neutralised, phones re-import unchanged', async () => {
    const { call } = await withBatch();
    const file = await call('exports.build', { source: { kind: 'batch', batchId: 'exp1' }, format: 'csv' });
    expect(file.filename).toMatch(/^sandbox-batch-exp1-\d{8}-\d{4}\.csv$/);
    expect(file.rows).toBe(PHONES.length);
    const parsed = Papa.parse<Record<string, string>>(bytes(file).toString('utf8'), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((r) => r['Phone number'])).toEqual(PHONES);
    for (const row of parsed.data)
      for (const cell of Object.values(row)) expect(isDangerous(cell)).toBe(false);
    expect(parsed.data.map((r) => r['Service plan ID'])).toEqual(HOSTILE.map((h) => `'${h}`));
    // re-import through intake: the phone column is found and every number comes back as written
    const again = await reimport(file);
    expect(again.code).toBe(0);
    expect(again.json.rows.map((r) => [r.e164, r.status])).toEqual(PHONES.map((p) => [p, 'valid']));
  });

  it('XLSX: exceljs reads it, every cell text, no formula, hostile cells neutralised', async () => {
    const { call } = await withBatch();
    const file = await call('exports.build', { source: { kind: 'batch', batchId: 'exp1' }, format: 'xlsx' });
    expect(file.filename).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes(file) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.rowCount).toBe(PHONES.length + 1);
    const cells: string[][] = [];
    sheet.eachRow((row) => {
      const values: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell) => {
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(cell.formula).toBeFalsy();
        values.push(String(cell.value));
      });
      cells.push(values);
    });
    expect(cells[0]?.[0]).toBe('Phone number');
    expect(cells.slice(1).map((r) => r[0])).toEqual(PHONES);
    for (const row of cells) for (const cell of row) expect(isDangerous(cell)).toBe(false);
    // XML reads a bare CR in text as LF (line-end normalisation); the cell stays neutralised either way
    expect(cells.slice(1).map((r) => r[5])).toEqual(HOSTILE.map((h) => `'${h}`.replace(/\r/g, '\n')));
    const again = await reimport(file);
    expect(again.code).toBe(0);
    expect(again.json.rows.map((r) => [r.e164, r.status])).toEqual(PHONES.map((p) => [p, 'valid']));
  });

  it('history of a selection and the audit log; an unknown batch or order says so', async () => {
    const { call } = await withBatch();
    const history = await call('exports.build', {
      source: { kind: 'history', phoneNumbers: ['+12025550100', '+12025550101'] },
      format: 'csv',
    });
    const rows = Papa.parse<string[]>(bytes(history).toString('utf8'), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['Phone number', 'When (UTC)', 'State', 'Note', 'Job']);
    expect(rows.slice(1).map((r) => [r[0], r[2]])).toEqual([
      ['+12025550100', 'Planned'],
      ['+12025550101', 'Planned'],
    ]);
    const audit = await call('exports.build', { source: { kind: 'audit' }, format: 'xlsx' });
    expect(audit.rows).toBe(0);
    await expect(
      call('exports.build', { source: { kind: 'batch', batchId: 'nope' }, format: 'csv' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      call('exports.build', { source: { kind: 'order', orderId: 'nope' }, format: 'csv' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
