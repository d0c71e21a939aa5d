import type { IntakeChunk, IntakeSummary } from '../../../shared/domain/intake';
import type { FromWorker, Inspected, WorkerReadOptions, ToWorker } from '../workers/intake-protocol';

export type { Inspected, WorkerReadOptions } from '../workers/intake-protocol';

/**
 * The page's side of the intake worker. A screen opens a file (or a pasted list), shows the
 * inspection (sheet, header row, mapping), then reads it, handing each chunk to the engine:
 *
 *   const reader = new IntakeReader();
 *   const first = await reader.open(file, { signal, onProgress });
 *   const again = await reader.inspect({ sheet: 'Numbers', headerRow: 2 });      // user changed a choice
 *   const summary = await reader.read({ action, mapping, headerRow }, async (chunk) => {
 *     await desk.call('intake.append', { draftId, rows: chunk.rows });            // the worker waits for this
 *   }, { signal, onProgress });
 *   reader.dispose();
 *
 * Every method rejects with an `IntakeReadError` (`code` from shared/domain/intake/errors.ts, or
 * `CANCELLED`, or `INTERNAL`) whose message is written for operations staff.
 */
export class IntakeReadError extends Error {
  override readonly name = 'IntakeReadError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What the wrapper needs of a Worker (tests pass an in-process one). */
export type WorkerLike = {
  postMessage(message: ToWorker): void;
  addEventListener(type: 'message', listener: (event: { data: FromWorker }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
};

export const createIntakeWorker = (): WorkerLike =>
  new Worker(new URL('../workers/intake.worker.ts', import.meta.url), {
    type: 'module',
    name: 'intake',
  }) as unknown as WorkerLike;

export type Progress = { phase: 'reading' | 'parsing'; fraction: number; rowsRead?: number };
type CallOptions = { signal?: AbortSignal; onProgress?: (progress: Progress) => void };

export class IntakeReader {
  private readonly worker: WorkerLike;
  private nextJob = 1;
  private readonly listeners = new Map<number, (message: FromWorker) => void>();

  constructor(worker: WorkerLike = createIntakeWorker()) {
    this.worker = worker;
    worker.addEventListener('message', (event: { data: FromWorker }) =>
      this.listeners.get(event.data.job)?.(event.data),
    );
    worker.addEventListener('error', (event: { message?: string }) => {
      const error: FromWorker = {
        type: 'error',
        job: 0,
        code: 'INTERNAL',
        message: `The file reader stopped unexpectedly${event.message ? ` (${event.message})` : ''}. Try again.`,
      };
      for (const [job, listener] of this.listeners) listener({ ...error, job });
    });
  }

  /** Read a File (CSV, TSV, XLSX) or a pasted list; resolves with the inspection of its likely sheet. */
  open(source: Blob | { text: string; name?: string }, options: CallOptions = {}): Promise<Inspected> {
    return this.run({ type: 'open', job: 0, source }, options, () => undefined);
  }

  /** Another sheet or header row of the open file. */
  inspect(choice: { sheet?: string; headerRow?: number }, options: CallOptions = {}): Promise<Inspected> {
    return this.run({ type: 'inspect', job: 0, ...choice }, options, () => undefined);
  }

  /**
   * Read every row with this mapping. `onChunk` is awaited before the worker reads on (≤ 5,000 rows
   * or ≤ 512 KiB each); if it throws, the read stops and the promise rejects with that error.
   */
  read(
    options: WorkerReadOptions,
    onChunk: (chunk: IntakeChunk) => Promise<void> | void,
    call: CallOptions = {},
  ): Promise<IntakeSummary> {
    return this.run({ type: 'read', job: 0, options }, call, onChunk);
  }

  dispose(): void {
    this.worker.terminate();
    for (const [job, listener] of this.listeners)
      listener({ type: 'error', job, code: 'CANCELLED', message: 'The file reader was closed.' });
    this.listeners.clear();
  }

  private run<T>(
    message: ToWorker,
    options: CallOptions,
    onChunk: (chunk: IntakeChunk) => Promise<void> | void,
  ): Promise<T> {
    const job = this.nextJob++;
    const { signal, onProgress } = options;
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) return reject(new IntakeReadError('CANCELLED', 'Cancelled.'));
      const cancel = () => this.worker.postMessage({ type: 'cancel', job });
      signal?.addEventListener('abort', cancel, { once: true });
      const finish = () => {
        this.listeners.delete(job);
        signal?.removeEventListener('abort', cancel);
      };
      this.listeners.set(job, (reply) => {
        switch (reply.type) {
          case 'progress':
            onProgress?.({ phase: reply.phase, fraction: reply.fraction });
            return;
          case 'chunk': {
            onProgress?.({ phase: 'parsing', fraction: reply.progress, rowsRead: reply.rowsRead });
            Promise.resolve()
              .then(() => onChunk({ rows: reply.rows, progress: reply.progress, rowsRead: reply.rowsRead }))
              .then(
                () => this.worker.postMessage({ type: 'ack', job }),
                (error: unknown) => {
                  this.worker.postMessage({ type: 'cancel', job });
                  finish();
                  reject(error);
                },
              );
            return;
          }
          case 'inspected': {
            finish();
            const { type: _type, job: _job, ...inspected } = reply;
            resolve(inspected as T);
            return;
          }
          case 'done':
            finish();
            resolve(reply.summary as T);
            return;
          case 'cancelled':
            finish();
            reject(new IntakeReadError('CANCELLED', 'Cancelled.'));
            return;
          case 'error':
            finish();
            reject(new IntakeReadError(reply.code, reply.message));
            return;
        }
      });
      this.worker.postMessage({ ...message, job } as ToWorker);
    });
  }
}

/**
 * One call for the common case: open `file`, take the suggested sheet, header row and mapping
 * (or `options`' own), and stream every row to `onChunk`. Rejects with NO_PHONE_COLUMN when no
 * column holds phone numbers and none was given.
 */
export async function readIntakeFile(
  file: Blob | { text: string; name?: string },
  options: Partial<WorkerReadOptions> & Pick<WorkerReadOptions, 'action'>,
  onChunk: (chunk: IntakeChunk) => Promise<void> | void,
  signal?: AbortSignal,
  reader: IntakeReader = new IntakeReader(),
): Promise<{ summary: IntakeSummary; inspected: Inspected }> {
  try {
    let inspected = await reader.open(file, signal ? { signal } : {});
    if (options.sheet !== undefined || options.headerRow !== undefined)
      inspected = await reader.inspect(
        {
          ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
          ...(options.headerRow === undefined ? {} : { headerRow: options.headerRow }),
        },
        signal ? { signal } : {},
      );
    const mapping = options.mapping ?? inspected.inspection.mapping;
    if (!mapping)
      throw new IntakeReadError(
        'NO_PHONE_COLUMN',
        'No column of this file holds phone numbers. Choose the column with the numbers.',
      );
    const sheet = options.sheet ?? inspected.sheet;
    const summary = await reader.read(
      {
        action: options.action,
        mapping,
        headerRow: options.headerRow ?? inspected.inspection.headerRow,
        firstDataRow: options.firstDataRow ?? inspected.inspection.firstDataRow,
        ...(sheet === null ? {} : { sheet }),
      },
      onChunk,
      signal ? { signal } : {},
    );
    return { summary, inspected };
  } finally {
    reader.dispose();
  }
}
