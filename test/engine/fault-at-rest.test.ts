import { describe, expect, it } from 'vitest';
import { faultAtRest } from './fault-at-rest-run';

/**
 * Issue 10 acceptance, the fault-at-rest suite: during a sync of 50 numbers by the real engine in a
 * forked child, ENOSPC and then EIO at the store and the engine log (fault-at-rest-run.ts); the
 * process never exits, app.status and sync.status say what happened and what to free, and once
 * space returns: 0 numbers lost, 0 created twice. (300 numbers: `npm run bench`.)
 */
describe('fault at rest (issue 10, finding 2)', () => {
  it('ENOSPC then EIO at the store and the log during a sync of 50 numbers: 0 lost, 0 duplicated, never exits', async () => {
    const result = await faultAtRest(50);
    expect(result.lost).toBe(0);
    expect(result.duplicates).toBe(0);
    expect(result.exited).toBe(false);
    expect(result.troubles.map((t) => t.code)).toEqual(['ENOSPC', 'EIO']);
    const [full, eio] = result.troubles;
    expect(full?.app).toMatch(/disk is full/);
    expect(full?.app).toMatch(/Free space/);
    expect(full?.app).toMatch(/Engine log: .*cannot be written/);
    expect(full?.sync).toMatch(/nothing is lost/);
    expect(eio?.app).toMatch(/input\/output error/);
  }, 120_000);
});
