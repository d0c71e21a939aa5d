import { describe, expect, it, vi } from 'vitest';
import type { JobRow } from '../queue/job-queue';
import { cleanupsAfterEach, startTestEngine } from '../test-kit';
import { amendmentOf } from './jobs';

/**
 * `jobs.amend`: a job Sinch refused because of a value gets the corrected value and is sent again —
 * the same job (same key, so reconciliation still finds what an earlier attempt created), its call,
 * its numbers' rows and an audit entry changed together. Driven through the contract against the
 * embedded Sandbox on a manual clock.
 */

const PLAN = '07d6c2621f364b68856fe4938b7bb78f';
const PHONE = '+12025559101';
const cleanups = cleanupsAfterEach();

describe('jobs.amend in the Sandbox', () => {
  it('a job refused for its service plan is changed, sent again with the new value, and ends done', async () => {
    const h = await startTestEngine(cleanups, { prefix: 'hd-amend-', sandbox: { seed: 11 } });
    await h.call('sync.pause', {});
    await h.call('plan.commit', {
      rows: [{ phoneNumber: PHONE, action: 'import', servicePlanId: 'no such plan!' }],
      intentId: 'amend-1',
      label: 'Amend',
    });
    const [job] = (await h.call('jobs.list', {})).items;
    if (!job) throw new Error('no job');
    // not refused yet: nothing to change
    expect(await h.refusal('jobs.amend', { id: job.id, servicePlanId: PLAN })).toMatchObject({
      code: 'CONFLICT',
      message: 'Only a refused job can be changed; this one is waiting to be sent.',
    });

    await h.call('sync.start', {});
    await h.runToEnd();
    const refused = await h.call('jobs.get', { id: job.id });
    // refused outright (a 400): nothing landed, so its values may change; jobs.get says what it sends
    expect(refused).toMatchObject({
      state: 'failed',
      lastError: { status: 400 },
      servicePlanId: 'no such plan!',
      campaignId: null,
      sendMayHaveLanded: false,
    });
    expect(JSON.stringify(refused.lastError?.details)).toContain('Invalid servicePlanId');

    // the same value again changes nothing, and says which field to correct
    expect(await h.refusal('jobs.amend', { id: job.id, servicePlanId: 'no such plan!' })).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'servicePlanId', message: expect.stringContaining('corrected service plan ID') }],
    });

    await h.call('sync.pause', {});
    h.events.length = 0;
    const amended = await h.call('jobs.amend', { id: job.id, servicePlanId: PLAN });
    // retried exactly like jobs.retry: a fresh set of attempts, the same job and key
    expect(amended).toMatchObject({ id: job.id, key: job.key, state: 'pending', attempts: 0 });
    // the event bus coalesces for a moment (100 ms) before it emits
    await vi.waitFor(() =>
      expect(h.events).toContainEqual(['jobs.changed', expect.objectContaining({ ids: [job.id] })]),
    );
    const db = h.engine.internals.workspaces.active().db;
    expect(db.prepare('SELECT service_plan_id FROM numbers WHERE phone = ?').pluck().get(PHONE)).toBe(PLAN);
    const detail = await h.call('jobs.get', { id: job.id });
    expect(detail.history.at(-1)?.summary).toBe(
      `Changed by the user (service plan ID no such plan! → ${PLAN}) and sent again.`,
    );
    const audit = await h.call('audit.query', { operation: 'jobs.amend', limit: 5 });
    expect(audit.items).toEqual([
      expect.objectContaining({
        method: 'LOCAL',
        job: job.key,
        path: `jobs/${job.id} by the user: servicePlanId no such plan! → ${PLAN}`,
      }),
    ]);

    await h.call('sync.start', {});
    await h.runToEnd();
    expect((await h.call('jobs.get', { id: job.id })).state).toBe('done');
    const recorded = await h.call('sandbox.createRequests', { phoneNumber: PHONE, withBodies: true });
    expect(recorded.requests.map((r) => r.outcome)).toEqual(['REFUSED', 'ACCEPTED']);
    const accepted = recorded.requests.find((r) => r.outcome === 'ACCEPTED');
    expect(recorded.bodies?.[String(accepted?.requestId)]).toMatchObject({
      phoneNumber: PHONE,
      smsConfiguration: { servicePlanId: PLAN },
    });
    // done now: a done job is not changed
    expect((await h.refusal('jobs.amend', { id: job.id, servicePlanId: PLAN })).message).toBe(
      'Only a refused job can be changed; this one is done.',
    );
  }, 30_000);
});

/** A stored job row as amendmentOf reads it. */
const row = (task: string, state: JobRow['state'], payload: Record<string, unknown>): JobRow =>
  ({ id: 7, task, state, payload: JSON.stringify(payload), job_key: 'k' }) as JobRow;

describe('amendmentOf', () => {
  const textEnable = { numbers: ['+12025559102'], servicePlanId: 'old', campaignId: 'C1' };

  it('changes only what differs, and an empty campaign removes it from the call', () => {
    const a = amendmentOf(row('textEnableNumbers', 'dead', textEnable), {
      servicePlanId: 'old',
      campaignId: '',
    });
    expect(a.payload).toEqual({ numbers: ['+12025559102'], servicePlanId: 'old' });
    expect(a.changes).toEqual({ campaignId: { from: 'C1', to: null } });
    expect(a.note).toBe('Changed by the user (campaign ID C1 → (none)) and sent again.');
  });

  it('refuses a campaign for a toll-free text-enable, and any field for a task that sends none', () => {
    expect(() =>
      amendmentOf(row('textEnableTollFreeNumbers', 'failed', textEnable), { campaignId: 'C2' }),
    ).toThrow(expect.objectContaining({ details: [expect.objectContaining({ path: 'campaignId' })] }));
    expect(() =>
      amendmentOf(row('unlinkNumber', 'failed', { numbers: ['+12025559102'] }), { servicePlanId: 'x' }),
    ).toThrow(/does not send a service plan ID/);
  });

  it('refuses a job that was not refused, and a change that changes nothing', () => {
    expect(() => amendmentOf(row('importNumber', 'cancelled', textEnable), { servicePlanId: 'new' })).toThrow(
      /this one is cancelled/,
    );
    expect(() => amendmentOf(row('importNumber', 'failed', textEnable), {})).toThrow(/Nothing was changed/);
  });

  it('refuses a job whose earlier request may have reached Sinch: reconciliation looks by the values sent', () => {
    expect(() =>
      amendmentOf(row('importNumbersOrder', 'failed', textEnable), { servicePlanId: 'new' }, true),
    ).toThrow(/may have reached Sinch.*use Retry/);
  });
});
