import { afterEach, describe, expect, it } from 'vitest';
import { getNumber, numberTimeline } from '../store/numbers';
import { CAMPAIGN, OTHER_PLAN_ID, PLAN_ID, row, type SyncFixture, syncFixture } from './test-support';

let f: SyncFixture;
afterEach(async () => {
  await f?.cleanup();
});

const chunk = ['+12025550201', '+12025550202', '+12025550203', '+12025550204', '+12025550205'];
const single = '+12025550210';

const attempts = (f: SyncFixture, key: string) =>
  f.db.prepare('SELECT attempts FROM jobs WHERE job_key = ?').pluck().get(key) as number;

describe('reconciliation makes every create effectively-once', () => {
  it('an ambiguous POST (reset after processing) is found by the reconciliation read: no second create', async () => {
    f = await syncFixture();
    const { plan } = f.commit([row(single, { campaignId: '' }), ...chunk.map((n) => row(n))]);
    f.sim.control.setFaults({ resetAfter: 1, mutatingOnly: true });
    const engine = f.newEngine();
    engine.start();
    await engine.idle();
    // Both creates were processed by the simulator, and both answers were lost.
    expect(f.accepted(single, 'importNumber')).toBe(1);
    for (const n of chunk) expect(f.accepted(n, 'hostingOrders:importNumbers')).toBe(1);
    expect(Object.values(f.jobStates())).toEqual(['pending', 'pending']);

    f.sim.control.setFaults({});
    const before = f.requests.length;
    await f.runToEnd(engine);
    expect(Object.values(f.jobStates())).toEqual(['done', 'done']);
    expect(f.accepted(single)).toBe(1);
    for (const n of chunk) expect(f.sim.control.createRequests(n)).toHaveLength(1);
    // The retry read first: GET the number, list the orders (the displayName carries the job key).
    const after = f.requests.slice(before);
    expect(after).toContain(`GET /importedNumbers/${single}`);
    expect(after.some((r) => r.startsWith('GET /hostingOrders') && !r.includes('/hostingOrders/'))).toBe(
      true,
    );
    expect(after.filter((r) => r.startsWith('POST'))).toEqual([]);
    const orderJob = plan.calls.find((c) => c.operation === 'importNumbersOrder');
    expect(orderJob?.displayName).toContain(orderJob?.key);
    for (const n of chunk) expect(getNumber(f.db, n)?.state).toBe('imported');
  });

  it('a crash between intent and response: the next engine reads first and sends nothing twice', async () => {
    f = await syncFixture();
    f.commit(chunk.map((n) => row(n)));
    let reached!: () => void;
    const atResponse = new Promise<void>((r) => {
      reached = r;
    });
    // Engine 1 dies with the response in hand, before storing it.
    const first = f.newEngine({
      hooks: {
        afterResponseReceived: () => {
          reached();
          return new Promise<void>(() => {});
        },
      },
    });
    first.start();
    await atResponse;
    void first.stop();
    for (const n of chunk) expect(f.accepted(n)).toBe(1);

    // Engine 2 on its own connection: recover() reclaims the dead lease, the handler reconciles.
    const second = f.newEngine({}, f.connect());
    second.start();
    await f.runToEnd(second);
    expect(Object.values(f.jobStates())).toEqual(['done']);
    for (const n of chunk) expect(f.sim.control.createRequests(n)).toHaveLength(1);
  });

  it('a crash after the intent but before the send: the next engine finds nothing and sends once', async () => {
    f = await syncFixture();
    f.commit([row(single, { campaignId: '' })]);
    let reached!: () => void;
    const atIntent = new Promise<void>((r) => {
      reached = r;
    });
    const first = f.newEngine({
      hooks: {
        afterIntentRecorded: () => {
          reached();
          return new Promise<void>(() => {});
        },
      },
    });
    first.start();
    await atIntent;
    void first.stop();
    expect(f.sim.control.createRequests(single)).toHaveLength(0);
    const second = f.newEngine({}, f.connect());
    second.start();
    await f.runToEnd(second);
    expect(Object.values(f.jobStates())).toEqual(['done']);
    expect(f.sim.control.createRequests(single)).toHaveLength(1);
    expect(f.requests).toContain(`GET /importedNumbers/${single}`);
  });

  it('a 409 is success when the existing number is ours (same service plan and campaign)', async () => {
    f = await syncFixture();
    await f.client.importNumber({
      phoneNumber: single,
      regionCode: 'US',
      smsConfiguration: { servicePlanId: PLAN_ID, campaignId: CAMPAIGN },
    });
    f.commit([row(single)]);
    const engine = f.newEngine();
    engine.start();
    await f.runToEnd(engine);
    expect(Object.values(f.jobStates())).toEqual(['done']);
    const requests = f.sim.control.createRequests(single);
    expect(requests.map((r) => [r.outcome, r.httpStatus])).toEqual([
      ['ACCEPTED', 200],
      ['REFUSED', 409],
    ]);
    expect(getNumber(f.db, single)?.state).toBe('imported');
  });

  it('a 409 is a failure when the existing number belongs to another service plan', async () => {
    f = await syncFixture();
    await f.client.importNumber({
      phoneNumber: single,
      regionCode: 'US',
      smsConfiguration: { servicePlanId: OTHER_PLAN_ID },
    });
    const { jobIds } = f.commit([row(single)]);
    const engine = f.newEngine();
    engine.start();
    await f.runToEnd(engine);
    const job = f.queue.get(jobIds[0] as number);
    expect(job?.state).toBe('failed');
    expect(JSON.parse(job?.last_error ?? '{}')).toMatchObject({ status: 409 });
    expect(getNumber(f.db, single)?.state).toBe('failed');
  });

  it('a partly landed chunk: only the missing numbers are sent again', async () => {
    f = await syncFixture();
    const landed = chunk.slice(0, 2);
    for (const n of landed)
      await f.client.importNumber({
        phoneNumber: n,
        regionCode: 'US',
        smsConfiguration: { servicePlanId: PLAN_ID, campaignId: CAMPAIGN },
      });
    f.sim.control.advance(60 * 60_000); // their provisioning completes
    f.commit(chunk.map((n) => row(n)));
    const engine = f.newEngine();
    engine.start();
    await engine.idle();
    await f.advance(engine, 5_000); // one look while the order is still SUBMITTED
    await f.runToEnd(engine);
    expect(Object.values(f.jobStates())).toEqual(['done']);
    for (const n of landed) {
      expect(f.accepted(n, 'hostingOrders:importNumbers')).toBe(0);
      expect(numberTimeline(f.db, n).map((s) => s.state)).toEqual(['planned', 'imported']);
    }
    expect(numberTimeline(f.db, chunk[4] as string).map((s) => s.state)).toContain('ordered');
    for (const n of chunk.slice(2)) expect(f.accepted(n, 'hostingOrders:importNumbers')).toBe(1);
    for (const n of chunk) expect(getNumber(f.db, n)?.state).toBe('imported');
  });

  it('after a crash, a chunk whose numbers partly exist re-sends only the missing ones', async () => {
    f = await syncFixture();
    f.commit(chunk.map((n) => row(n)));
    let reached!: () => void;
    const atIntent = new Promise<void>((r) => {
      reached = r;
    });
    const first = f.newEngine({
      hooks: {
        afterIntentRecorded: () => {
          reached();
          return new Promise<void>(() => {});
        },
      },
    });
    first.start();
    await atIntent;
    void first.stop();
    // Meanwhile two numbers of the chunk became imported numbers with our plan.
    for (const n of chunk.slice(0, 2))
      await f.client.importNumber({
        phoneNumber: n,
        regionCode: 'US',
        smsConfiguration: { servicePlanId: PLAN_ID, campaignId: CAMPAIGN },
      });
    const second = f.newEngine({}, f.connect());
    second.start();
    await f.runToEnd(second);
    expect(Object.values(f.jobStates())).toEqual(['done']);
    expect(attempts(f, 'b1-o1')).toBe(2);
    for (const n of chunk.slice(0, 2)) expect(f.accepted(n, 'hostingOrders:importNumbers')).toBe(0);
    for (const n of chunk.slice(2)) expect(f.accepted(n, 'hostingOrders:importNumbers')).toBe(1);
    // No 409 either: the reconciliation read told the engine what to leave out.
    expect(f.sim.control.createRequests().filter((r) => r.outcome === 'REFUSED')).toEqual([]);
  });
});

describe('a crash on the last attempt never loses work that landed', () => {
  it('last attempt, create landed, engine killed before storing the answer: the restart completes it', async () => {
    f = await syncFixture();
    const { jobIds } = f.commit(chunk.map((n) => row(n)));
    const id = jobIds[0] as number;
    // Earlier attempts already spent (e.g. kills on every restart): the next claim is the last one.
    f.db.prepare('UPDATE jobs SET attempts = max_attempts - 1 WHERE id = ?').run(id);
    const max = f.queue.get(id)?.max_attempts as number;
    let reached!: () => void;
    const atResponse = new Promise<void>((r) => {
      reached = r;
    });
    const first = f.newEngine({
      hooks: {
        afterResponseReceived: () => {
          reached();
          return new Promise<void>(() => {});
        },
      },
    });
    first.start();
    await atResponse;
    void first.stop();
    expect(f.queue.get(id)).toMatchObject({ state: 'running', attempts: max });
    for (const n of chunk) expect(f.accepted(n, 'hostingOrders:importNumbers')).toBe(1);

    const second = f.newEngine({}, f.connect());
    second.start();
    await f.runToEnd(second);
    expect(f.jobStates(), f.describeUnfinished()).toEqual({ 'b1-o1': 'done' });
    for (const n of chunk) {
      expect(f.sim.control.createRequests(n)).toHaveLength(1);
      expect(getNumber(f.db, n)?.state).toBe('imported');
    }
  });
});
