import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelName, EventName, Input, Output } from '../../../shared/contract';
import { dispatch } from '../../../shared/contract/dispatch';
import { DEMO_PROJECT } from '../../sandbox';
import { createEngine, type Engine } from '../engine';
import { silentLogger } from '../log';
import { MemorySecretStore } from '../secrets/memory-secret-store';
import { tempDir } from '../store/test-support';
import { manualClock } from '../sync';

/**
 * The read model's events and following, through the whole engine with its embedded Sandbox on one
 * manual timeline: an order is announced (orders.changed) the moment it is recorded, and an order
 * adopted by orders.discover is followed by the sync loop to its end like one of our own.
 */
const PLAN = '07d6c2621f364b68856fe4938b7bb78f';

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function start() {
  const t = tempDir('hd-readmodel-');
  cleanups.push(t.cleanup);
  const clock = manualClock(Date.UTC(2026, 0, 5, 9));
  const engine = await createEngine({
    secretStore: new MemorySecretStore(),
    shell: 'test',
    logger: silentLogger,
    clock: { now: () => new Date(clock.now()) },
    syncClock: clock,
    simulator: { clock: 'manual', seed: 5 },
    sinchClient: {
      budget: { ratePerSec: 1_000_000, burst: 1_000_000 },
      retry: { maxAttempts: 1 },
      timeoutMs: 5_000,
    },
    dataDir: t.dir,
  });
  cleanups.push(() => engine.close());
  const call = async <C extends ChannelName>(channel: C, input: Input<C>): Promise<Output<C>> => {
    const result = await dispatch(engine.handlers, channel, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as Output<C>;
  };
  return { engine, clock, call };
}

const host = (engine: Engine) => {
  const h = engine.internals.simulator();
  if (!h) throw new Error('the Sandbox simulator is not running');
  return h;
};

async function advance(h: Awaited<ReturnType<typeof start>>, ms: number) {
  host(h.engine).simulator.control.advance(ms);
  h.clock.advance(ms);
  await h.engine.internals.sync()?.idle();
}

const db = (engine: Engine) => engine.internals.workspaces.active().db;

describe('read model events and following', () => {
  it('announces an order with orders.changed when its job records it, before Sinch is asked about it', async () => {
    const h = await start();
    // when each orders.changed arrives, has the order ever been read back from Sinch?
    const announced = new Map<string, boolean>();
    h.engine.subscribe((event: EventName, payload) => {
      if (event !== 'orders.changed') return;
      for (const id of (payload as { ids: string[] }).ids) {
        if (announced.has(id)) continue;
        const checked = db(h.engine)
          .prepare('SELECT checked_at FROM orders WHERE remote_id = ?')
          .pluck()
          .get(id);
        announced.set(id, checked !== null && checked !== undefined);
      }
    });
    await h.call('plan.commit', {
      rows: ['+12025550710', '+12025550711'].map((phoneNumber) => ({
        phoneNumber,
        action: 'import' as const,
        servicePlanId: PLAN,
      })),
      intentId: 'announce',
      label: 'Announce',
      importOrderLimit: 5,
    });
    await h.call('sync.start', {});
    await h.engine.internals.sync()?.idle();
    const ids = db(h.engine).prepare('SELECT remote_id FROM orders').pluck().all() as string[];
    expect(ids).toHaveLength(1);
    const id = ids[0] as string;
    // the event came, and it came before the first read of the order (checked_at still empty)
    expect(announced.get(id)).toBe(false);
    expect((await h.call('orders.get', { id })).origin).toBe('app');
  });

  it('a number that failed inside an order shows that step’s failure, not only "failed"', async () => {
    const h = await start();
    const [failing, fine] = ['+12025550730', '+12025550731'] as const;
    await h.call('sandbox.injectFailure', { phoneNumber: failing, step: 'campaign' });
    await h.call('plan.commit', {
      rows: [failing, fine].map((phoneNumber) => ({
        phoneNumber,
        action: 'import' as const,
        servicePlanId: PLAN,
        campaignId: 'CAMPORDER',
      })),
      intentId: 'in-order',
      label: 'In order',
      importOrderLimit: 5,
    });
    await h.call('sync.start', {});
    for (let i = 0; i < 30 && (await h.call('numbers.get', { phone: failing })).state !== 'failed'; i++)
      await advance(h, 10 * 60_000);
    const n = await h.call('numbers.get', { phone: failing });
    expect(n.state).toBe('failed');
    expect(n.failure?.text).toMatch(/10DLC campaign failed/);
    expect((await h.call('numbers.get', { phone: fine })).failure).toBeNull();
    // the list shows the same failure in the number's row
    const listed = await h.call('numbers.list', { offset: 0, limit: 10, states: ['failed'] });
    expect(listed.items.map((x) => [x.phone, x.failure?.text ?? null])).toEqual([[failing, n.failure?.text]]);
  });

  it('keeps the failure code a callback carries for a number inside an order: its timeline and next step name it', async () => {
    const h = await start();
    // the order's per-number steps carry no code; the callbacks do (REFERENCE §8.2 failureCode)
    const [campaign, platform, fine] = ['+12025550740', '+12025550741', '+12025550742'] as const;
    await h.call('sandbox.injectFailure', {
      phoneNumber: campaign,
      step: 'campaign',
      failureCode: 'CAMPAIGN_MNO_SUSPENDED',
    });
    // SMS-platform results carry no code of their own; the number's HOSTING_PROCESS event does
    await h.call('sandbox.injectFailure', {
      phoneNumber: platform,
      step: 'platform',
      failureCode: 'INSUFFICIENT_BALANCE',
    });
    await h.call('plan.commit', {
      rows: [campaign, platform, fine].map((phoneNumber) => ({
        phoneNumber,
        action: 'import' as const,
        servicePlanId: PLAN,
        campaignId: 'CAMPCODE',
      })),
      intentId: 'coded',
      label: 'Coded',
      importOrderLimit: 5,
    });
    await h.call('sync.start', {});
    const settled = async () => {
      const orders = (await h.call('orders.list', { offset: 0, limit: 5 })).items;
      return orders.length > 0 && orders.every((o) => o.state === 'completed');
    };
    for (let i = 0; i < 30 && !(await settled()); i++) {
      await advance(h, 10 * 60_000);
      await host(h.engine).simulator.control.flushCallbacks();
    }
    await host(h.engine).simulator.control.flushCallbacks();
    await h.engine.internals.sync()?.idle();

    const n = await h.call('numbers.get', { phone: campaign });
    expect(n.state).toBe('failed');
    expect(n.failure?.code).toBe('CAMPAIGN_MNO_SUSPENDED');
    const p = await h.call('numbers.get', { phone: platform });
    expect(p.failure?.code).toBe('INSUFFICIENT_BALANCE');
    expect((await h.call('numbers.get', { phone: fine })).failure).toBeNull();
    // the order's per-number table and the number's timeline carry the same code
    const order = await h.call('orders.get', { id: n.lastOrderId as string });
    expect(order.numbers.find((x) => x.phone === campaign)?.steps.campaignProvisioning.failure?.code).toBe(
      'CAMPAIGN_MNO_SUSPENDED',
    );
    expect(order.numbers.find((x) => x.phone === platform)?.failure?.code).toBe('INSUFFICIENT_BALANCE');
    const history = await h.call('numbers.history', { phone: campaign });
    const failedSteps = history.items.filter((e) => e.kind === 'step' && e.state === 'failed');
    expect(failedSteps.map((e) => (e.kind === 'step' ? [e.step, e.failure?.code] : null))).toEqual([
      ['campaignProvisioning', 'CAMPAIGN_MNO_SUSPENDED'],
    ]);
    // one line per moment: the job's "queued" and "sent" are not repeated next to the number's own
    // state that the same job wrote then (the state line carries the job id)
    const jobIdsOfStates = new Set(history.items.flatMap((e) => (e.kind === 'state' ? [e.jobId] : [])));
    expect(jobIdsOfStates.size).toBeGreaterThan(0);
    expect(
      history.items.filter(
        (e) =>
          e.kind === 'job' && (e.event === 'created' || e.event === 'sent') && jobIdsOfStates.has(e.jobId),
      ),
    ).toEqual([]);
  });

  it('follows an order adopted by orders.discover to its end, without orders.refresh', async () => {
    const h = await start();
    const sim = host(h.engine).simulator;
    const phones = ['+12025550720', '+12025550721'];
    // an order made outside the app: Sinch's API with the simulator's fake demo key
    const res = await fetch(
      `${sim.baseUrl}/v1/projects/${DEMO_PROJECT.projectId}/hostingOrders:importNumbers`,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${DEMO_PROJECT.keyId}:${DEMO_PROJECT.keySecret}`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          regionCode: 'US',
          servicePlanId: PLAN,
          campaignId: 'CAMPADOPT',
          numbers: phones,
        }),
      },
    );
    expect(res.status).toBe(200);
    const outside = (await res.json()) as { hostingOrderId: string };

    await h.call('sync.start', {});
    const found = await h.call('orders.discover', { servicePlanId: PLAN, campaignId: 'CAMPADOPT' });
    expect(found.adoptedIds).toEqual([outside.hostingOrderId]);
    const before = await h.call('orders.get', { id: outside.hostingOrderId });
    expect(before.origin).toBe('adopted');
    expect(before.state).not.toBe('completed');

    // no orders.refresh from here on: the sync loop follows it as it follows ours
    for (let i = 0; i < 30; i++) {
      if ((await h.call('orders.get', { id: outside.hostingOrderId })).state === 'completed') break;
      await advance(h, 10 * 60_000);
    }
    const after = await h.call('orders.get', { id: outside.hostingOrderId });
    expect(after.state).toBe('completed');
    expect(after.numbers.map((n) => n.outcome)).toEqual(['hosted', 'hosted']);
    for (const phone of phones) expect((await h.call('numbers.get', { phone })).state).toBe('imported');
    // a second discover does not queue a second follower
    await h.call('orders.discover', { servicePlanId: PLAN, campaignId: 'CAMPADOPT' });
    const followers = db(h.engine)
      .prepare(`SELECT count(*) FROM jobs WHERE task = 'followOrder'`)
      .pluck()
      .get();
    expect(followers).toBe(1);
  });
});
