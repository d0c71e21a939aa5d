import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutraliseCell } from './cells';
import { toCsv } from './csv';

describe('export cells', () => {
  it('neutralises what a spreadsheet would run, keeps exact E.164 numbers', () => {
    for (const bad of ['=1+2', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '=HYPERLINK("http://x")'])
      expect(neutraliseCell(bad)).toBe(`'${bad}`);
    for (const ok of ['+12025550100', '+442071838750', 'hello', '', "'already", '12025550100'])
      expect(neutraliseCell(ok)).toBe(ok);
    // near misses of E.164 are neutralised
    for (const near of ['+1 202 555 0100', '+0123', '+12025550100=1', '+1234567890123456'])
      expect(neutraliseCell(near)).toBe(`'${near}`);
  });

  it('writes CSV that papaparse reads back cell for cell, neutralised, no cell a formula', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', '1', ' ', 'é'),
    });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 20 }), (rows) => {
        const csv = toCsv({ columns: ['a', 'b', 'c'], rows });
        const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: false });
        expect(parsed.errors).toEqual([]);
        const data = parsed.data.slice(0, -1); // the final CRLF ends the last record
        expect(data).toEqual([['a', 'b', 'c'], ...rows.map((r) => r.map(neutraliseCell))]);
        for (const r of data.slice(1))
          for (const c of r) expect(c === neutraliseCell(c) || c.startsWith("'")).toBe(true);
        for (const r of data.slice(1))
          for (const c of r) expect(/^[=+\-@\t\r]/.test(c) && !/^\+[1-9]\d{1,14}$/.test(c)).toBe(false);
      }),
    );
  });
});
