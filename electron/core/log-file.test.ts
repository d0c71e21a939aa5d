import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFileLogger } from './log';
import { faultyFs, type LogFs, nodeLogFs } from './log-file';
import { tempDir } from './store/test-support';

/**
 * Issue 10, finding 2, the logger: a log that cannot be written never takes the process down. Lines
 * are buffered (a bounded number; beyond it dropped and counted), the trouble is said once (stderr
 * and `health()` for app.status) and, when writes work again, the buffer is written with one line
 * saying what was dropped. Files rotate at a size cap. ENOSPC and EIO come through a file-system seam.
 */
const cleanups: Array<() => unknown> = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups.length = 0;
  vi.restoreAllMocks();
});

function setup(options: { maxBytes?: number; bufferLines?: number } = {}) {
  const t = tempDir('hd-logfile-');
  cleanups.push(t.cleanup);
  const fs = faultyFs(nodeLogFs);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const logger = createFileLogger(t.dir, 'info', { fs, ...options });
  const lines = () =>
    readFileSync(join(t.dir, 'logs', 'engine.log'), 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { message: string; [k: string]: unknown });
  return { dir: t.dir, fs, logger, lines, stderr };
}

describe('the engine log survives a full disk (issue 10, finding 2)', () => {
  for (const code of ['ENOSPC', 'EIO'] as const)
    it(`${code}: never throws, buffers, says so once, writes everything once space returns`, () => {
      const h = setup();
      h.logger.log('info', 'before');
      h.fs.fail(code);
      for (let i = 0; i < 5; i++) expect(() => h.logger.log('info', `during ${i}`)).not.toThrow();
      expect(h.logger.health?.()).toMatchObject({ code, buffered: 5, dropped: 0 });
      expect(h.logger.health?.()?.detail).toMatch(code === 'ENOSPC' ? /full/ : /input\/output/);
      expect(h.stderr).toHaveBeenCalledTimes(1); // said once, not per line
      h.fs.heal();
      h.logger.log('info', 'after');
      expect(h.logger.health?.()).toBeNull();
      const messages = h.lines().map((l) => l.message);
      expect(messages).toEqual([
        'before',
        'during 0',
        'during 1',
        'during 2',
        'during 3',
        'during 4',
        expect.stringMatching(/could not be written/),
        'after',
      ]);
    });

  it('beyond the buffer, lines are dropped and counted — never unbounded memory', () => {
    const h = setup({ bufferLines: 3 });
    h.fs.fail('ENOSPC');
    for (let i = 0; i < 10; i++) h.logger.log('info', `during ${i}`);
    expect(h.logger.health?.()).toMatchObject({ buffered: 3, dropped: 7 });
    h.fs.heal();
    h.logger.log('info', 'after');
    const notice = h.lines().find((l) => /could not be written/.test(l.message));
    expect(notice).toMatchObject({ dropped: 7 });
    expect(h.lines().filter((l) => l.message.startsWith('during'))).toHaveLength(3);
  });

  it('rotates at the size cap, keeping one older file', () => {
    const h = setup({ maxBytes: 2_000 });
    for (let i = 0; i < 100; i++) h.logger.log('info', `line ${i}`, { pad: 'x'.repeat(40) });
    const files = readdirSync(join(h.dir, 'logs')).sort();
    expect(files).toEqual(['engine.log', 'engine.log.1']);
    for (const f of files) expect(readFileSync(join(h.dir, 'logs', f)).length).toBeLessThanOrEqual(2_000);
    expect(h.lines().at(-1)?.message).toBe('line 99');
  });

  it('a seam that throws anything at all (not just ENOSPC) is still caught', () => {
    const t = tempDir('hd-logfile-');
    cleanups.push(t.cleanup);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const broken: LogFs = {
      ...nodeLogFs,
      append: () => {
        throw new TypeError('weird');
      },
    };
    const logger = createFileLogger(t.dir, 'info', { fs: broken });
    expect(() => logger.log('error', 'x')).not.toThrow();
  });
});
