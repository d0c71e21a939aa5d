import { describe, expect, it } from 'vitest';
import { DIRECT_LOA } from './loa/test-fixtures';
import { cleanupsAfterEach, startTestEngine } from './test-kit';

/**
 * `sandbox.reset` (issue 7 item 5): the simulator AND the Sandbox workspace's own work start over,
 * LOA profiles and settings stay, and sending works right after it (it used to answer 401 to every
 * send until a workspace update rebuilt the client).
 */
const PLAN = '07d6c2621f364b68856fe4938b7bb78f';
const cleanups = cleanupsAfterEach();

async function start() {
  const { engine, call, runToEnd } = await startTestEngine(cleanups, {
    prefix: 'hd-engine-reset-',
    sandbox: { seed: 7 },
  });
  return { engine, call, runToEnd };
}

const rows = (first: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    phoneNumber: `+1202555${String(first + i).padStart(4, '0')}`,
    action: 'import' as const,
    servicePlanId: PLAN,
  }));

describe('sandbox.reset', () => {
  it('clears the simulator and this workspace’s work; the next batch is sent and completes', async () => {
    const h = await start();
    const profile = await h.call('loaProfiles.create', {
      label: 'Own numbers',
      kind: 'direct',
      info: DIRECT_LOA,
    });
    await h.call('settings.set', { key: 'voice.maxAttempts', value: 4 });
    await h.call('plan.commit', { rows: rows(100, 3), intentId: 'first', label: 'First run' });
    await h.call('sync.start', {});
    await h.runToEnd();
    const before = await h.call('jobs.list', { limit: 100 });
    expect(before.counts.done).toBe(before.total);
    expect((await h.call('audit.query', { limit: 100 })).items.some((r) => r.job?.startsWith('first-'))).toBe(
      true,
    );

    await h.call('sandbox.reset', {});

    // nothing of the first run is listed; the LOA profile stays; sync is as the user left it
    expect(await h.call('jobs.list', { limit: 100 })).toMatchObject({ items: [], total: 0 });
    // the audit log starts over too: only the restarted session's own calls (token, callback secret)
    const audit = await h.call('audit.query', { limit: 100 });
    expect(audit.items.map((r) => r.operation).sort()).toEqual([
      'oauth.token',
      'updateCallbackConfiguration',
    ]);
    expect((await h.call('loaProfiles.list', {})).items.map((p) => p.id)).toEqual([profile.id]);
    expect((await h.call('settings.get', { keys: ['voice.maxAttempts'] })).items[0]?.value).toBe(4);
    expect(await h.call('sync.status', {})).toMatchObject({ running: true });

    // sending works right away: the same numbers again (the simulator forgot them), under a new intent
    await h.call('plan.commit', { rows: rows(100, 3), intentId: 'second', label: 'Second run' });
    await h.runToEnd();
    const after = await h.call('jobs.list', { limit: 100 });
    expect(after.items.length).toBeGreaterThan(0);
    expect(after.items.every((j) => j.state === 'done' && j.batchId === 'second')).toBe(true);
    expect(await h.call('sync.status', {})).toMatchObject({ running: true, status: 'online' });
    const control = h.engine.internals.simulator()?.simulator.control;
    for (const { phoneNumber } of rows(100, 3))
      expect(control?.createRequests(phoneNumber).filter((r) => r.outcome === 'ACCEPTED')).toHaveLength(1);
  });
});
