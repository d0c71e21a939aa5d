import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Papa from 'papaparse';
import { inspectTable, openIntake, readIntakeRows } from '../../shared/domain/intake';
import { generateMessyCsv } from '../../shared/domain/intake/testing/generator';
import type { BenchReport } from './report';

/**
 * `intake_100k_ms`: a seeded 100,000-row messy CSV (every case of the generator, quoted newlines)
 * through the whole pipeline — decode, delimiter, header and column detection, normalisation,
 * status with in-file de-duplication, chunking — against `papaparse_100k_ms`, a bare
 * `Papa.parse(text, { header: false })` of the same file. Both warm, median of 5, alternating so
 * neither gets a warmer machine, each after a full garbage collection (DESIGN.md "Performance
 * budgets": ratio ≤ 1.5).
 */
export async function benchIntake(report: BenchReport): Promise<void> {
  const file = generateMessyCsv({ seed: 100_000, rows: 100_000, variant: 'quoted-newlines' });
  const text = new TextDecoder().decode(file.bytes);

  const bare = () => {
    const result = Papa.parse(text, { header: false });
    if (result.data.length < 100_000) throw new Error('bare parse lost rows');
  };
  const pipeline = async () => {
    const book = await openIntake({ name: file.name, bytes: file.bytes });
    const table = book.table();
    const look = inspectTable(table);
    if (!look.mapping) throw new Error('intake bench: no phone column found');
    const rows = readIntakeRows(table, {
      action: 'import',
      mapping: look.mapping,
      headerRow: look.headerRow,
      firstDataRow: look.firstDataRow,
    });
    let n = 0;
    for (let next = rows.next(); !next.done; next = rows.next()) n += next.value.rows.length;
    if (n !== file.expected.length)
      throw new Error(`intake bench: ${n} rows, expected ${file.expected.length}`);
  };

  // A full collection before each timed run: neither pays for the other's garbage (papaparse leaves
  // 100,000 row arrays behind, the pipeline its chunks).
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const time = async (fn: () => unknown) => {
    gc();
    const start = performance.now();
    await fn();
    return performance.now() - start;
  };
  await time(bare);
  await time(pipeline);
  const bareMs: number[] = [];
  const pipelineMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    bareMs.push(await time(bare));
    pipelineMs.push(await time(pipeline));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const intakeMs = median(pipelineMs);
  const papaMs = median(bareMs);
  const mb = (file.bytes.length / (1024 * 1024)).toFixed(1);
  report.record('intake_100k_ms', Math.round(intakeMs), 'ms', {
    note: `${mb} MB, ${file.expected.length} rows`,
  });
  report.record('papaparse_100k_ms', Math.round(papaMs), 'ms', {
    note: 'Papa.parse(text, { header: false })',
  });
  report.record('intake_ratio', Math.round((intakeMs / papaMs) * 1000) / 1000, '×', { target: '≤ 1.5' });
}
