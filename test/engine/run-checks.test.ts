import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../electron/sandbox';
import { engineInProcess } from './in-process';
import { judgeRun } from './run-checks';
import { basicAuth, startHarnessSimulator } from './simulator';
import { CAMPAIGN, SERVICE_PLAN, workload } from './workload';

/** The run verdict must be able to fail: a number created twice, numbers never sent, jobs not done. */
describe('judgeRun', () => {
  let sim: RunningSimulator | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    await sim?.close();
  });

  it('flags a duplicate create, unsent numbers and unfinished jobs', async () => {
    sim = await startHarnessSimulator({ seed: 61 });
    const work = workload(4, 40_000);
    const run = await engineInProcess(sim, work, { intentId: 'judge' });
    cleanup = run.cleanup;
    const phone = work.toImport[0] as string;
    const create = () =>
      fetch(`${sim?.baseUrl}/v1/projects/${sim?.project.projectId}/importedNumbers`, {
        method: 'POST',
        headers: { authorization: basicAuth(sim as RunningSimulator), 'content-type': 'application/json' },
        body: JSON.stringify({
          phoneNumber: phone,
          regionCode: 'US',
          smsConfiguration: { servicePlanId: SERVICE_PLAN, campaignId: CAMPAIGN },
        }),
      }).then((r) => r.status);
    expect(await create()).toBe(200);
    expect(await create()).toBe(409);

    const verdict = judgeRun(run.engine.db, sim, work);
    expect(verdict.duplicates).toEqual([
      {
        phone,
        requests: ['importNumber ACCEPTED 200', expect.stringMatching(/^importNumber REFUSED 409/)],
      },
    ]);
    expect(verdict.duplicateCreates).toBe(1);
    expect(verdict.neverSent).toHaveLength(3);
    expect(verdict.notDoneJobs.length).toBeGreaterThan(0);
    expect(verdict.unfinishedNumbers).toHaveLength(4);
    expect(verdict.lost).toBe(verdict.notDoneJobs.length + 4);
  });
});
