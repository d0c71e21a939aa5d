import {
  type IntakeTable,
  type IntakeWorkbook,
  inspectTable,
  isIntakeError,
  MAX_INTAKE_FILE_BYTES,
  openIntake,
  readIntakeRows,
  formatMegabytes,
  IntakeError,
} from '../../../shared/domain/intake';
import { type FromWorker, PREVIEW_ROWS, type ToWorker } from './intake-protocol';

/**
 * The intake worker's logic, apart from the worker global so that it runs in unit tests: give it a
 * `post` and feed it messages. One file at a time: `open` replaces whatever was open.
 */
const SLICE = 4 * 1024 * 1024;

export function createIntakeWorkerCore(post: (message: FromWorker) => void): (message: ToWorker) => void {
  let book: IntakeWorkbook | null = null;
  let current = 0;
  const cancelled = new Set<number>();
  let pendingAck: { job: number; resolve: () => void } | null = null;

  const fail = (job: number, error: unknown) => {
    if (cancelled.has(job)) return post({ type: 'cancelled', job });
    if (isIntakeError(error)) post({ type: 'error', job, code: error.code, message: error.message });
    else
      post({
        type: 'error',
        job,
        code: 'INTERNAL',
        message:
          'The file could not be read because of an unexpected problem. Try again; if it persists, save the file again as CSV.',
      });
  };

  const inspect = (job: number, table: IntakeTable, headerRow?: number) => {
    const inspection = inspectTable(table, headerRow === undefined ? {} : { headerRow });
    post({
      type: 'inspected',
      job,
      info: table.info,
      sheet: table.sheet,
      inspection,
      preview: table.preview(PREVIEW_ROWS),
    });
  };

  async function readBytes(job: number, blob: Blob): Promise<Uint8Array> {
    if (blob.size > MAX_INTAKE_FILE_BYTES)
      throw new IntakeError(
        'FILE_TOO_LARGE',
        `This file is ${formatMegabytes(blob.size)}; Hosting Desk reads files up to ${formatMegabytes(MAX_INTAKE_FILE_BYTES)}. Split it into smaller files.`,
      );
    const bytes = new Uint8Array(blob.size);
    for (let at = 0; at < blob.size; at += SLICE) {
      if (cancelled.has(job)) throw new Error('cancelled');
      const part = new Uint8Array(await blob.slice(at, Math.min(blob.size, at + SLICE)).arrayBuffer());
      bytes.set(part, at);
      post({
        type: 'progress',
        job,
        phase: 'reading',
        fraction: Math.min(1, (at + part.length) / blob.size),
      });
    }
    return bytes;
  }

  async function open(message: Extract<ToWorker, { type: 'open' }>) {
    const { job, source } = message;
    current = job;
    book = null;
    try {
      let opened: IntakeWorkbook;
      if (source instanceof Blob) {
        const name = message.name ?? (source as Blob & { name?: string }).name ?? 'file';
        opened = await openIntake({ name, bytes: await readBytes(job, source) });
      } else {
        opened = await openIntake(
          source.name === undefined ? { text: source.text } : { text: source.text, name: source.name },
        );
      }
      if (cancelled.has(job)) return post({ type: 'cancelled', job });
      book = opened;
      inspect(job, opened.table());
    } catch (error) {
      fail(job, error);
    }
  }

  const waitForAck = (job: number) =>
    new Promise<void>((resolve) => {
      pendingAck = { job, resolve };
    });

  async function read(message: Extract<ToWorker, { type: 'read' }>) {
    const { job, options } = message;
    current = job;
    try {
      if (!book) throw new IntakeError('EMPTY', 'Open a file first.');
      const table = book.table(options.sheet);
      const rows = readIntakeRows(table, {
        action: options.action,
        mapping: options.mapping,
        headerRow: options.headerRow,
        ...(options.firstDataRow === undefined ? {} : { firstDataRow: options.firstDataRow }),
      });
      for (;;) {
        if (cancelled.has(job)) return post({ type: 'cancelled', job });
        const next = rows.next();
        if (next.done) return post({ type: 'done', job, summary: next.value });
        const acked = waitForAck(job);
        post({
          type: 'chunk',
          job,
          rows: next.value.rows,
          progress: next.value.progress,
          rowsRead: next.value.rowsRead,
        });
        await acked;
      }
    } catch (error) {
      fail(job, error);
    }
  }

  return (message) => {
    switch (message.type) {
      case 'open':
        void open(message);
        return;
      case 'inspect':
        try {
          if (!book) throw new IntakeError('EMPTY', 'Open a file first.');
          current = message.job;
          inspect(message.job, book.table(message.sheet), message.headerRow);
        } catch (error) {
          fail(message.job, error);
        }
        return;
      case 'read':
        void read(message);
        return;
      case 'ack':
        if (pendingAck?.job === message.job) {
          const { resolve } = pendingAck;
          pendingAck = null;
          resolve();
        }
        return;
      case 'cancel':
        cancelled.add(message.job);
        if (pendingAck?.job === message.job) {
          const { resolve } = pendingAck;
          pendingAck = null;
          resolve();
        }
        if (message.job !== current) post({ type: 'cancelled', job: message.job });
        return;
    }
  };
}
