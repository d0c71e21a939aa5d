import { describe, expect, it } from 'vitest';
import type { PlannedCall } from '../../../shared/domain/tasks';
import { applyEditToQueued, isCopyId, loaResolver, queuedUsage, withLoaCopies } from './job-copies';
import { createProfile, updateProfile } from './profiles';
import { DIRECT_LOA, migratedDbPerTest } from './test-fixtures';

/**
 * What is sent is what was shown: each job gets its own copy of the LOA at commit; editing the profile
 * changes no job until the edit is applied, and then only to jobs not yet sent.
 */

const direct = DIRECT_LOA;
const edited = { ...direct, currentVoiceCarrier: 'AT&T' };

const db = migratedDbPerTest('hd-loa-copies-');

const call = (key: string, numbers: string[], loaProfileId: string): PlannedCall => ({
  key,
  operation: 'textEnableNumbers',
  regionCode: 'US',
  tollFree: false,
  numbers,
  servicePlanId: 'plan',
  loaProfileId,
  loaType: 'direct',
  dependsOn: [],
});

/** A job as commitPlan writes it (the queue's own statement is exercised by commit-plan's tests). */
function addJob(c: PlannedCall, state = 'pending'): number {
  return db()
    .prepare(
      `INSERT INTO jobs (queue, task, job_key, payload, state, run_at, created_at, updated_at)
       VALUES ('q', ?, ?, ?, ?, 0, 0, 0) RETURNING id`,
    )
    .pluck()
    .get(c.operation, c.key, JSON.stringify(c), state) as number;
}
/** What the queue writes just before a request leaves: from then on the request may have landed. */
const recordIntent = (jobId: number) =>
  db()
    .prepare(
      `INSERT INTO job_attempts (job_id, attempt, phase, at, summary) VALUES (?, 1, 'intent', 0, 'sent')`,
    )
    .run(jobId);

function commitJobs(profileId: string, specs: Array<[string, string[], string]>) {
  const { calls } = withLoaCopies(
    db(),
    specs.map(([key, numbers]) => call(key, numbers, profileId)),
    1,
  );
  return calls.map((c, i) => ({ id: addJob(c, specs[i]?.[2]), loaId: c.loaProfileId as string }));
}

describe('LOA copies in jobs', () => {
  it('each call gets its own copy at commit; a later edit is not sent until applied', () => {
    const own = createProfile(db(), { label: 'Own', kind: 'direct', info: direct }, 0);
    const blanket = { ...call('b', ['+12025550199'], ''), loaType: 'blanket' as const };
    delete blanket.loaProfileId;
    const { calls } = withLoaCopies(
      db(),
      [call('a', ['+12025550100'], own.id), call('c', ['+12025550101'], own.id), blanket],
      1,
    );
    const [a, c, b] = calls;
    expect(isCopyId(a?.loaProfileId as string)).toBe(true);
    expect(a?.loaProfileId).not.toBe(c?.loaProfileId);
    expect(b).toEqual(blanket); // a blanket LOA has nothing to copy

    const loa = loaResolver(db());
    updateProfile(db(), own.id, { info: edited }, 2);
    expect(loa(a?.loaProfileId as string, 'direct')).toEqual({ kind: 'direct', info: direct });
    expect(loa(a?.loaProfileId as string, 'reseller')).toBeNull();
    // a profile id (a plan not committed yet) reads the profile as it is now
    expect(loa(own.id, 'direct')).toEqual({ kind: 'direct', info: edited });
  });

  it('applying an edit changes exactly the jobs not yet sent; in-flight and finished jobs keep their LOA', () => {
    const own = createProfile(db(), { label: 'Own', kind: 'direct', info: direct }, 0);
    const other = createProfile(db(), { label: 'Other', kind: 'direct', info: direct }, 0);
    const jobs = commitJobs(own.id, [
      ['waiting', ['+12025550100', '+12025550101'], 'pending'],
      ['ready', ['+12025550102'], 'waiting_remote'], // awaiting qualification: not sent
      ['leased', ['+12025550103'], 'running'],
      ['sent', ['+12025550104'], 'waiting_remote'], // following its order
      ['retrying', ['+12025550105'], 'pending'], // a request that may have landed
      ['done', ['+12025550106'], 'done'],
    ]);
    const [waiting, ready, leased, sent, retrying, done] = jobs;
    recordIntent(sent?.id as number);
    recordIntent(retrying?.id as number);
    const [otherJob] = commitJobs(other.id, [['other', ['+12025550107'], 'pending']]);

    // nothing to update while the profile is as it was copied
    expect(queuedUsage(db(), own.id)).toEqual({ jobs: 0, numbers: 0, jobIds: [] });

    updateProfile(db(), own.id, { info: edited }, 5);
    updateProfile(db(), other.id, { label: 'Other (renamed)' }, 5); // a new name is not a new LOA
    expect(queuedUsage(db(), own.id)).toEqual({
      jobs: 2,
      numbers: 3,
      jobIds: [waiting?.id, ready?.id],
    });
    expect(queuedUsage(db(), other.id).jobs).toBe(0);

    expect(applyEditToQueued(db(), own.id, 6)).toEqual({
      jobs: 2,
      numbers: 3,
      jobIds: [waiting?.id, ready?.id],
    });
    const loa = loaResolver(db());
    const sentInfo = (j: { loaId: string } | undefined) => loa(j?.loaId as string, 'direct')?.info;
    expect(sentInfo(waiting)).toEqual(edited);
    expect(sentInfo(ready)).toEqual(edited);
    for (const kept of [leased, sent, retrying, done]) expect(sentInfo(kept)).toEqual(direct);
    expect(sentInfo(otherJob)).toEqual(direct);

    // a second apply finds nothing left to update
    expect(applyEditToQueued(db(), own.id, 7)).toEqual({ jobs: 0, numbers: 0, jobIds: [] });
    expect(queuedUsage(db(), own.id).jobs).toBe(0);
  });

  it('drop forgets the copies of a commit that queued nothing new', () => {
    const own = createProfile(db(), { label: 'Own', kind: 'direct', info: direct }, 0);
    const copied = withLoaCopies(db(), [call('a', ['+12025550100'], own.id)], 1);
    const id = copied.calls[0]?.loaProfileId as string;
    expect(loaResolver(db())(id, 'direct')).not.toBeNull();
    copied.drop();
    expect(loaResolver(db())(id, 'direct')).toBeNull();
  });

  it("a re-issued job's copy is taken from its profile as it is now", () => {
    const own = createProfile(db(), { label: 'Own', kind: 'direct', info: direct }, 0);
    const first = withLoaCopies(db(), [call('a', ['+12025550100'], own.id)], 1).calls[0] as PlannedCall;
    updateProfile(db(), own.id, { info: edited }, 2);
    const again = withLoaCopies(db(), [first], 3).calls[0] as PlannedCall;
    expect(again.loaProfileId).not.toBe(first.loaProfileId);
    expect(loaResolver(db())(again.loaProfileId as string, 'direct')?.info).toEqual(edited);
    // the new copy belongs to the profile: an edit applied later reaches it
    updateProfile(db(), own.id, { info: direct }, 4);
    addJob(again);
    expect(queuedUsage(db(), own.id).jobs).toBe(1);
  });
});
