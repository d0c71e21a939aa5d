import { afterEach, describe, expect, it, vi } from 'vitest';
import { Sandbox } from '../../sandbox/sandbox';
import type { Logger } from '../log';
import { tempDir } from '../store/test-support';
import { startSimulatorHost } from './simulator-host';

/**
 * Issue 10, finding 2, the embedded simulator: its fast-clock timer must survive a full database
 * (SQLITE_FULL killed the process), and it does not write every request into the engine log.
 */
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
  vi.restoreAllMocks();
});

function capture(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      log: (_level, message, fields) => lines.push(`${message} ${JSON.stringify(fields ?? {})}`),
      redact() {},
    },
  };
}

describe('embedded simulator (issue 10, finding 2)', () => {
  it('does not log every request to the engine log by default', async () => {
    const t = tempDir('hd-simhost-');
    cleanups.push(t.cleanup);
    const { logger, lines } = capture();
    const host = await startSimulatorHost({
      dataDir: t.dir,
      options: { clock: 'manual' },
      logger,
      onCallback() {},
    });
    cleanups.push(() => host.close());
    for (let i = 0; i < 5; i++) await fetch(`${host.simulator.baseUrl}/v1/projects/x/qualifiedNumbers`);
    expect(lines.filter((l) => /GET \/v1\//.test(l))).toEqual([]);
    expect(lines.some((l) => /sandbox simulator started/.test(l))).toBe(true);
  });

  it('a timer tick that hits a full database is logged once and the process keeps running', async () => {
    const t = tempDir('hd-simhost-');
    cleanups.push(t.cleanup);
    const { logger, lines } = capture();
    const host = await startSimulatorHost({
      dataDir: t.dir,
      options: { clock: { fast: 60 } },
      logger,
      onCallback() {},
    });
    cleanups.push(() => host.close());
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const tick = vi.spyOn(Sandbox.prototype, 'catchUp').mockImplementation(() => {
      throw full;
    });
    // ≥ 3 ticks of 200 ms — waited for, not slept: on a loaded 2-core machine 700 ms of real time
    // once held only 2 ticks
    await vi.waitFor(() => expect(tick.mock.calls.length).toBeGreaterThanOrEqual(3), {
      timeout: 10_000,
      interval: 50,
    });
    expect(lines.filter((l) => /database or disk is full/.test(l))).toHaveLength(1);
    tick.mockRestore();
  });
});
