import writeXlsxFile from 'write-excel-file/node';
import { DeskFailure, type ExportFile, type ExportSource } from '../../../shared/contract';
import { type ExportTable, neutraliseTable } from '../../../shared/domain/export/cells';
import { toCsv } from '../../../shared/domain/export/csv';
import { NUMBER_STATE_WORDS } from '../../../shared/domain/next-steps';
import type { NumberState } from '../../../shared/domain/tasks';
import type { AuditLog } from '../audit/audit-log';
import { jobNumbers } from '../queue/job-views';
import type { Db } from '../store/database';
import { type NumberResultRow, numbersByPhones, numbersOfBatch, timelinesOf } from '../store/numbers';
import { orderByRemoteId } from '../store/orders';

/** The most rows one export writes; more is a filter's job (and the audit log is paged in blocks). */
export const MAX_EXPORT_ROWS = 200_000;

export type ExportInputs = { db: Db; audit: AuditLog; workspaceName: string; now: number };

const iso = (ms: number) => new Date(ms).toISOString();
// the one table of words (shared/domain/next-steps), so sheets and screens say the same thing
const words = (state: string) => NUMBER_STATE_WORDS[state as NumberState]?.words ?? state;

const RESULT_COLUMNS = [
  'Phone number',
  'Country',
  'Toll-free',
  'State',
  'Last note',
  'Service plan ID',
  'Campaign ID',
  'Batch',
  'Updated (UTC)',
];
const resultRow = (n: NumberResultRow) => [
  n.phone,
  n.region,
  n.toll_free ? 'yes' : 'no',
  words(n.state),
  n.note ?? '',
  n.service_plan_id ?? '',
  n.campaign_id ?? '',
  n.batch_id ?? '',
  iso(n.updated_at),
];

/** The table an export source stands for (headers in words, every cell a string). */
export function exportTable(
  source: ExportSource,
  inputs: ExportInputs,
): { name: string; table: ExportTable } {
  const { db } = inputs;
  switch (source.kind) {
    case 'batch': {
      const rows = numbersOfBatch(db, source.batchId);
      if (rows.length === 0)
        throw new DeskFailure('NOT_FOUND', `Batch ${source.batchId} has no numbers to export.`);
      return {
        name: `batch-${source.batchId}`,
        table: { columns: RESULT_COLUMNS, rows: rows.map(resultRow) },
      };
    }
    case 'order': {
      const order = orderByRemoteId(db, source.orderId);
      if (!order || order.job_id === null)
        throw new DeskFailure('NOT_FOUND', `Order ${source.orderId} is not one this workspace sent.`);
      const rows = numbersByPhones(db, jobNumbers(db, order.job_id));
      return {
        name: `order-${source.orderId}`,
        table: { columns: RESULT_COLUMNS, rows: rows.map(resultRow) },
      };
    }
    case 'history': {
      const rows = timelinesOf(db, source.phoneNumbers);
      return {
        name: 'history',
        table: {
          columns: ['Phone number', 'When (UTC)', 'State', 'Note', 'Job'],
          rows: rows.map((r) => [
            r.phone,
            iso(r.at),
            words(r.state),
            r.note ?? '',
            r.job_id === null ? '' : String(r.job_id),
          ]),
        },
      };
    }
    case 'audit': {
      const filter = {
        ...(source.since ? { since: Date.parse(source.since) } : {}),
        ...(source.until ? { until: Date.parse(source.until) } : {}),
      };
      const rows: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = inputs.audit.query(filter, { limit: 5_000, ...(cursor ? { cursor } : {}) });
        for (const r of page.items)
          rows.push([
            iso(r.at),
            r.operation,
            r.method,
            r.path,
            r.status === null ? 'no answer' : String(r.status),
            r.error_code ?? '',
            String(r.duration_ms),
            String(r.attempt),
            r.job ?? '',
          ]);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && rows.length < MAX_EXPORT_ROWS);
      return {
        name: 'audit-log',
        table: {
          columns: [
            'When (UTC)',
            'Operation',
            'Method',
            'Path',
            'HTTP status',
            'Error',
            'Duration (ms)',
            'Attempt',
            'Job',
          ],
          rows,
        },
      };
    }
  }
}

/** Builds the file: CSV by our writer, XLSX by write-excel-file with every cell typed as text. */
export async function buildExport(
  source: ExportSource,
  format: 'csv' | 'xlsx',
  inputs: ExportInputs,
): Promise<ExportFile> {
  const { name, table } = exportTable(source, inputs);
  if (table.rows.length > MAX_EXPORT_ROWS)
    throw new DeskFailure(
      'VALIDATION',
      `This export would have ${table.rows.length.toLocaleString('en-US')} rows; narrow it to at most ${MAX_EXPORT_ROWS.toLocaleString('en-US')}.`,
    );
  const stamp = iso(inputs.now).slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const base = `${slug(inputs.workspaceName)}-${name}-${stamp}`;
  if (format === 'csv')
    return {
      filename: `${base}.csv`,
      mediaType: 'text/csv;charset=utf-8',
      base64: Buffer.from(toCsv(table), 'utf8').toString('base64'),
      rows: table.rows.length,
    };
  const safe = neutraliseTable(table);
  // type String on every cell: a phone number or an id must never turn into a number or a date
  const sheet = [safe.columns, ...safe.rows].map((row, i) =>
    row.map((value) => ({ type: String, value, ...(i === 0 ? { fontWeight: 'bold' as const } : {}) })),
  );
  const bytes = await writeXlsxFile(sheet, { sheet: sheetName(name) }).toBuffer();
  return {
    filename: `${base}.xlsx`,
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: bytes.toString('base64'),
    rows: table.rows.length,
  };
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'workspace';
/** Excel sheet names: ≤ 31 characters, none of []:*?/\ */
const sheetName = (s: string) => s.replace(/[[\]:*?/\\]/g, '-').slice(0, 31);
