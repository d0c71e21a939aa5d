import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobQueue } from './job-queue';
import { queueFixture } from './test-support';

const run = promisify(execFile);
const worker = fileURLToPath(new URL('./race-worker.fixture.ts', import.meta.url));

let fx: ReturnType<typeof queueFixture>;
beforeEach(() => {
  fx = queueFixture();
});
afterEach(() => fx.cleanup());

describe('leases across processes', () => {
  it('two worker processes draining one queue never run a job twice and lose none', async () => {
    const queue = new JobQueue(fx.db, { workerId: 'setup' });
    const ids = Array.from(
      { length: 60 },
      (_, i) => queue.add({ queue: 'q', task: 't', jobKey: `k${i}` }).id,
    );
    const spawn = (name: string) =>
      run(process.execPath, ['--import', 'tsx', worker, fx.file, 'e'.repeat(64), name], { timeout: 60_000 });
    const [a, b] = await Promise.all([spawn('worker-a'), spawn('worker-b')]);
    const doneA = JSON.parse(a.stdout) as number[];
    const doneB = JSON.parse(b.stdout) as number[];
    // Counted on the database side, independently of what the workers claim:
    const responses = fx.db
      .prepare(`SELECT job_id, count(*) AS n FROM job_attempts WHERE phase = 'response' GROUP BY job_id`)
      .all() as Array<{ job_id: number; n: number }>;
    expect(responses.length).toBe(60);
    expect(responses.every((r) => r.n === 1)).toBe(true);
    expect(
      fx.db.prepare(`SELECT count(*) FROM jobs WHERE state = 'done' AND attempts = 1`).pluck().get(),
    ).toBe(60);
    expect([...doneA, ...doneB].sort((x, y) => x - y)).toEqual(ids);
    expect(doneA.filter((id) => doneB.includes(id))).toEqual([]);
  }, 60_000);
});
