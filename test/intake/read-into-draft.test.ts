/** The page-side path of renderer/src/lib/intake-to-draft.ts against a real engine (here: test/ may import the engine). */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelName, Input, Result } from '../../shared/contract';
import { dispatch } from '../../shared/contract/dispatch';
import { generateMessyCsv } from '../../shared/domain/intake/testing/generator';
import { createEngine } from '../../electron/core/engine';
import { silentLogger } from '../../electron/core/log';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store';
import { tempDir } from '../../electron/core/store/test-support';
import { createIntakeWorkerCore } from '../../renderer/src/workers/intake-worker-core';
import type { FromWorker, ToWorker } from '../../renderer/src/workers/intake-protocol';
import { IntakeReader, type WorkerLike } from '../../renderer/src/lib/intake-reader';
import { readIntoDraft } from '../../renderer/src/lib/intake-to-draft';

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

function inProcessWorker(): WorkerLike {
  const listeners: ((event: { data: FromWorker }) => void)[] = [];
  const core = createIntakeWorkerCore((m) =>
    setTimeout(() => {
      for (const l of listeners) l({ data: structuredClone(m) });
    }),
  );
  return {
    postMessage: (m: ToWorker) => setTimeout(() => core(m)),
    addEventListener: ((type: string, l: (event: { data: FromWorker }) => void) => {
      if (type === 'message') listeners.push(l);
    }) as WorkerLike['addEventListener'],
    terminate() {},
  };
}

async function engineDesk() {
  const t = tempDir('hd-to-draft-');
  cleanups.push(t.cleanup);
  const engine = await createEngine({
    dataDir: t.dir,
    secretStore: new MemorySecretStore(),
    shell: 'test',
    logger: silentLogger,
    simulator: false,
  });
  cleanups.push(() => engine.close());
  const calls: string[] = [];
  const created: string[] = [];
  const get = (draftId: string) => dispatch(engine.handlers, 'intake.get', { draftId });
  return {
    calls,
    created,
    get,
    desk: {
      call: (async (channel: ChannelName, input: Input<ChannelName>) => {
        calls.push(channel);
        const result = await dispatch(engine.handlers, channel, input);
        if (channel === 'intake.create' && result.ok) created.push((result.value as { id: string }).id);
        return result;
      }) as unknown as <C extends ChannelName>(c: C, i: Input<C>) => Promise<Result<never>>,
    },
  };
}

describe('readIntoDraft (worker → page → engine)', () => {
  it('appends every chunk, the last one making the draft ready', async () => {
    const { desk, calls } = await engineDesk();
    const file = generateMessyCsv({ seed: 60, rows: 12_000, variant: 'comma' });
    const reader = new IntakeReader(inProcessWorker());
    const inspected = await reader.open(new File([new Uint8Array(file.bytes)], file.name));
    const draft = await readIntoDraft(desk as never, reader, { name: 'Messy', action: 'import', inspected });
    expect(draft).toMatchObject({ state: 'ready', rows: file.expected.length, counts: file.counts });
    expect(draft.source).toMatchObject({
      fileName: file.name,
      format: 'csv',
      signature: inspected.inspection.signature,
    });
    expect(calls.filter((c) => c === 'intake.append').length).toBeGreaterThan(2);
  });

  it('Cancel leaves no draft behind', async () => {
    const { desk, created, get } = await engineDesk();
    const file = generateMessyCsv({ seed: 61, rows: 20_000, variant: 'comma' });
    const reader = new IntakeReader(inProcessWorker());
    const inspected = await reader.open(new File([new Uint8Array(file.bytes)], file.name));
    const abort = new AbortController();
    const reading = readIntoDraft(
      desk as never,
      reader,
      { name: 'Messy', action: 'import', inspected },
      {
        signal: abort.signal,
        onProgress: (p) => {
          if (p.phase === 'parsing') abort.abort();
        },
      },
    );
    await expect(reading).rejects.toMatchObject({ code: 'CANCELLED' });
    // the draft that was loading is gone, not just unlisted
    expect(created).toHaveLength(1);
    expect(await get(created[0] as string)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
