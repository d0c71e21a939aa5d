import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Papa from 'papaparse';
import { createPhoneCellReader, decideRowStatus } from './shared/domain/intake';
import { readColumns } from './shared/domain/intake/columns-reader';
import { NumberIndex } from './shared/domain/intake/number-index';
import { generateMessyCsv } from './shared/domain/intake/testing/generator';
setFlagsFromString('--expose-gc'); const gc = runInNewContext('gc') as () => void;
const file = generateMessyCsv({ seed: 100_000, rows: 100_000, variant: 'quoted-newlines' });
const text = new TextDecoder().decode(file.bytes);
const res: Record<string, number[]> = {};
const r = createPhoneCellReader();
const t = (label: string, fn: () => unknown) => { gc(); const s = performance.now(); fn(); (res[label] ??= []).push(performance.now() - s); };
for (let k = 0; k < 9; k++) {
  t('papa', () => Papa.parse(text, { header: false }));
  t('a.columns', () => { let n = 0; for (const p of readColumns(text, ',', [3, 9])) n += p.records.length; });
  t('b.+read', () => { let n = 0; for (const p of readColumns(text, ',', [3, 9])) for (const c of p.records) if (r(c[0]!).ok) n++; });
  t('c.+index', () => { const idx = new NumberIndex(); for (const p of readColumns(text, ',', [3, 9])) for (const c of p.records) { const x = r(c[0]!); if (x.ok) idx.getOrAdd(x.national, 1); } });
  t('d.+decide', () => { const idx = new NumberIndex(); let n=0; for (const p of readColumns(text, ',', [3, 9])) for (const c of p.records) { const x = r(c[0]!); let f; if (x.ok) f = idx.getOrAdd(x.national, 1); const d = decideRowStatus({ cell: c[0]!, reading: x, action: 'import', firstRow: f }); if (d.status==='valid') n++; } });
  t('e.+rows', () => { const idx = new NumberIndex(); let rows: unknown[] = []; for (const p of readColumns(text, ',', [3, 9])) for (const c of p.records) { const x = r(c[0]!); let f; if (x.ok) f = idx.getOrAdd(x.national, 1); const d = decideRowStatus({ cell: c[0]!, reading: x, action: 'import', firstRow: f }); rows.push({ row: 1, original: c[0], e164: x.ok ? x.e164 : null, region: x.ok ? x.region : null, tollFree: x.ok ? x.tollFree : false, extension: x.extension, status: d.status, reason: d.reason, skipsQualification: false, fields: {} }); if (rows.length >= 5000) rows = []; } });
}
for (const [k, v] of Object.entries(res)) { v.sort((a, b) => a - b); console.log(k.padEnd(10), v.map(Math.round).join(' ')); }
