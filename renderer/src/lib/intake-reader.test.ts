import { describe, expect, it } from 'vitest';
import { generateMessyCsv, generateMessyXlsx } from '../../../shared/domain/intake/testing/generator';
import { createIntakeWorkerCore } from '../workers/intake-worker-core';
import type { FromWorker, ToWorker } from '../workers/intake-protocol';
import { IntakeReader, IntakeReadError, readIntakeFile, type WorkerLike } from './intake-reader';

/** The worker core behind an in-process "worker": messages cross asynchronously, as postMessage does. */
function inProcessWorker(): WorkerLike & { terminated: boolean } {
  const listeners: ((event: { data: FromWorker }) => void)[] = [];
  const core = createIntakeWorkerCore((message) =>
    setTimeout(() => {
      for (const l of listeners) l({ data: structuredClone(message) });
    }),
  );
  return {
    terminated: false,
    postMessage: (message: ToWorker) => setTimeout(() => core(message)),
    addEventListener: ((type: string, listener: (event: { data: FromWorker }) => void) => {
      if (type === 'message') listeners.push(listener);
    }) as WorkerLike['addEventListener'],
    terminate() {
      this.terminated = true;
    },
  };
}

const fileOf = (bytes: Uint8Array, name: string) => new File([new Uint8Array(bytes)], name);

describe('IntakeReader over the worker core', () => {
  it('opens, inspects, and reads every row in acknowledged chunks', async () => {
    const file = generateMessyCsv({ seed: 8, rows: 12_000, variant: 'title-rows' });
    const reader = new IntakeReader(inProcessWorker());
    const progress: string[] = [];
    const inspected = await reader.open(fileOf(file.bytes, file.name), {
      onProgress: (p) => progress.push(p.phase),
    });
    expect(progress).toContain('reading');
    expect(inspected.info).toMatchObject({ format: 'csv', name: file.name });
    expect(inspected.inspection).toMatchObject({ headerRow: 3, mapping: { phone: 3 } });
    expect(inspected.preview[3]?.[3]).toBe('Phone Number');

    const rows: { row: number; e164: string | null; status: string }[] = [];
    let inFlight = 0;
    const summary = await reader.read(
      { action: 'import', mapping: inspected.inspection.mapping!, headerRow: 3 },
      async (chunk) => {
        expect(++inFlight).toBe(1); // the worker waits for each acknowledgement
        expect(chunk.rows.length).toBeLessThanOrEqual(5000);
        await new Promise((r) => setTimeout(r, 5));
        rows.push(...chunk.rows);
        inFlight--;
      },
    );
    expect(rows.map((r) => [r.row, r.e164, r.status])).toEqual(
      file.expected.map((e) => [e.row, e.e164, e.status]),
    );
    expect(summary.counts).toEqual(file.counts);
    reader.dispose();
  });

  it('Cancel stops a read between chunks', async () => {
    const file = generateMessyCsv({ seed: 9, rows: 20_000, variant: 'comma' });
    const reader = new IntakeReader(inProcessWorker());
    const inspected = await reader.open(fileOf(file.bytes, file.name));
    const abort = new AbortController();
    let chunks = 0;
    const read = reader.read(
      { action: 'import', mapping: inspected.inspection.mapping!, headerRow: 0 },
      () => {
        if (++chunks === 1) abort.abort();
      },
      { signal: abort.signal },
    );
    await expect(read).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(chunks).toBe(1);
  });

  it('a failing onChunk (the engine refused a chunk) stops the read with that error', async () => {
    const file = generateMessyCsv({ seed: 10, rows: 12_000, variant: 'comma' });
    const reader = new IntakeReader(inProcessWorker());
    const inspected = await reader.open(fileOf(file.bytes, file.name));
    const refused = new Error('engine said no');
    await expect(
      reader.read({ action: 'import', mapping: inspected.inspection.mapping!, headerRow: 0 }, () => {
        throw refused;
      }),
    ).rejects.toBe(refused);
  });

  it('an unreadable file rejects with its plain-words reason', async () => {
    const reader = new IntakeReader(inProcessWorker());
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const error = await reader.open(fileOf(xls, 'old.xls')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntakeReadError);
    expect(error).toMatchObject({ code: 'XLS', message: expect.stringMatching(/Save As/) });
  });

  it('readIntakeFile: an .xlsx with numbers stored as numbers, other sheet chosen on request', async () => {
    const file = await generateMessyXlsx({ seed: 13, rows: 200 });
    const worker = inProcessWorker();
    const rows: (string | null)[] = [];
    const { summary, inspected } = await readIntakeFile(
      fileOf(file.bytes, file.name),
      { action: 'import' },
      (chunk) => {
        rows.push(...chunk.rows.map((r) => r.e164));
      },
      undefined,
      new IntakeReader(worker),
    );
    expect(inspected.sheet).toBe('Numbers');
    expect(rows).toEqual(file.expected.map((e) => e.e164));
    expect(summary.counts).toEqual(file.counts);
    expect(worker.terminated).toBe(true);

    await expect(
      readIntakeFile(
        fileOf(file.bytes, file.name),
        { action: 'import', sheet: 'Notes' },
        () => {},
        undefined,
        new IntakeReader(inProcessWorker()),
      ),
    ).rejects.toMatchObject({ code: 'NO_PHONE_COLUMN' });
  });

  it('a pasted column', async () => {
    const rows: string[] = [];
    await readIntakeFile(
      { text: '202-555-0134\n\n(202) 555-0135\n' },
      { action: 'qualify' },
      (c) => {
        rows.push(...c.rows.map((r) => `${r.row}:${r.e164}:${r.status}`));
      },
      undefined,
      new IntakeReader(inProcessWorker()),
    );
    expect(rows).toEqual(['1:+12025550134:fixed', '3:+12025550135:fixed']);
  });
});
