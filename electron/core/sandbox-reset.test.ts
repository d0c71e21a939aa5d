import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelName, Input, Output } from '../../shared/contract';
import { dispatch } from '../../shared/contract/dispatch';
import { createEngine } from './engine';
import { silentLogger } from './log';
import { MemorySecretStore } from './secrets/memory-secret-store';
import { tempDir } from './store/test-support';
import { manualClock } from './sync';

/**
 * `sandbox.reset` (issue 7 item 5): the simulator AND the Sandbox workspace's own work start over,
 * LOA profiles and settings stay, and sending works right after it (it used to answer 401 to every
 * send until a workspace update rebuilt the client).
 */
const PLAN = '07d6c2621f364b68856fe4938b7bb78f';
let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function start() {
  const t = tempDir('hd-engine-reset-');
  cleanups.push(t.cleanup);
  const clock = manualClock(Date.UTC(2026, 0, 5, 9));
  const engine = await createEngine({
    dataDir: t.dir,
    secretStore: new MemorySecretStore(),
    shell: 'test',
    logger: silentLogger,
    clock: { now: () => new Date(clock.now()) },
    syncClock: clock,
    simulator: { clock: 'manual', seed: 7 },
    sinchClient: {
      budget: { ratePerSec: 1_000_000, burst: 1_000_000 },
      retry: { maxAttempts: 1 },
      timeoutMs: 5_000,
    },
  });
  cleanups.push(() => engine.close());
  const call = async <C extends ChannelName>(channel: C, input: Input<C>): Promise<Output<C>> => {
    const result = await dispatch(engine.handlers, channel, input);
    if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.message}`), result.error);
    return result.value as Output<C>;
  };
  const unfinished = async () => {
    const { counts } = await call('jobs.list', { limit: 1 });
    return counts.pending + counts.running + counts.waiting_remote;
  };
  /** Let sync work, moving the simulator's and the engine's clocks together, until nothing is left. */
  const runToEnd = async () => {
    await engine.internals.sync()?.idle();
    for (let i = 0; i < 60 && (await unfinished()) > 0; i++) {
      engine.internals.simulator()?.simulator.control.advance(5 * 60_000);
      clock.advance(5 * 60_000);
      await engine.internals.sync()?.idle();
    }
  };
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
      info: {
        authorisedPerson: { firstName: 'Jane', lastName: 'Roe', email: 'jane.roe@acme.example' },
        address: {
          buildingNumber: '1234',
          street: 'Main St',
          city: 'Springfield',
          state: 'IL',
          postalCode: '01002',
          country: 'US',
        },
        currentVoiceCarrier: 'Verizon',
      },
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
