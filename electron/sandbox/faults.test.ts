import { afterEach, describe, expect, it } from 'vitest';
import { type Kit, PLAN, startKit } from './test-kit';

let kits: Kit[] = [];
afterEach(async () => {
  await Promise.all(kits.map((k) => k.sim.close()));
  kits = [];
});
const kit = async (seed: number) => {
  const k = await startKit({ seed });
  kits.push(k);
  return k;
};

const LIST = '/qualifiedNumbers?states=GLOBAL_PROCESS_STATE_ELIGIBLE';

describe('fault injection', () => {
  it('is deterministic under a seed: same seed and requests → same faults', async () => {
    const run = async (seed: number) => {
      const k = await kit(seed);
      k.sim.control.setFaults({ rate429: 0.3, rate5xx: 0.2 });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await k.api('GET', LIST)).status);
      return statuses;
    };
    const a = await run(42);
    const b = await run(42);
    const c = await run(43);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(a.filter((s) => s === 500).length).toBeGreaterThan(0);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(0);
  });

  it('429 carries Retry-After and the problem body; 5xx the operation’s error shape', async () => {
    const k = await kit(1);
    k.sim.control.setFaults({ rate429: 1, retryAfterSeconds: 7 });
    const limited = await k.api('GET', LIST);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.body.title).toBe('Too Many Requests');
    k.sim.control.setFaults({ rate5xx: 1 });
    expect((await k.api('GET', LIST)).body).toMatchObject({ code: '500', status: 'INTERNAL' });
    expect((await k.api('GET', '/callbackConfiguration')).body.error).toMatchObject({
      code: 500,
      status: 'INTERNAL',
    });
  });

  it('scoped to mutating requests, reads pass untouched', async () => {
    const k = await kit(1);
    k.sim.control.setFaults({ rate5xx: 1, mutatingOnly: true });
    expect((await k.api('GET', LIST)).status).toBe(200);
    const post = await k.api('POST', '/qualifiedNumbers:addNumbers', { phoneNumbers: ['+12025550134'] });
    expect(post.status).toBe(500);
    expect(k.sim.control.createRequests('+12025550134')).toMatchObject([
      { outcome: 'REFUSED', httpStatus: 500 },
    ]);
  });

  it('reset after processing: the client sees a network error but the mutation happened', async () => {
    const k = await kit(1);
    k.sim.control.setFaults({ resetAfter: 1, mutatingOnly: true });
    await expect(
      k.api('POST', '/hostingOrders:importNumbers', {
        regionCode: 'US',
        numbers: ['+12025550134'],
        servicePlanId: PLAN,
      }),
    ).rejects.toThrow();
    k.sim.control.setFaults({});
    const history = k.sim.control.numberHistory('+12025550134');
    expect(history.requests).toMatchObject([
      { operation: 'hostingOrders:importNumbers', outcome: 'ACCEPTED' },
    ]);
    expect(history.orders).toHaveLength(1);
    const order = await k.api('GET', `/hostingOrders/${history.orders[0]}`);
    expect(order.body.state).toBe('SUBMITTED');
  });

  it('timeout holds the response (nothing processed) until the client gives up', async () => {
    const k = await kit(1);
    k.sim.control.setFaults({ timeout: 1 });
    const res = fetch(`${k.sim.baseUrl}${k.path('/qualifiedNumbers:addNumbers')}`, {
      method: 'POST',
      headers: { authorization: k.basic, 'content-type': 'application/json' },
      body: JSON.stringify({ phoneNumbers: ['+12025550134'] }),
      signal: AbortSignal.timeout(300),
    });
    await expect(res).rejects.toThrow();
    k.sim.control.setFaults({});
    expect((await k.api('GET', '/qualifiedNumbers/%2B12025550134')).status).toBe(404);
  });

  it('rate-limits per project and auth kind when a budget is set (429 + Retry-After), counted in stats', async () => {
    const k = await kit(1);
    k.sim.control.configure({ basicRatePerSecond: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await k.api('GET', LIST)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await k.api('GET', LIST);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(k.sim.control.requestStats().QualifiedNumberService_ListQualifiedNumbers).toEqual({
      total: 4,
      byStatus: { '200': 2, '429': 2 },
    });
  });

  it('adds latency to every API response', async () => {
    const k = await kit(1);
    k.sim.control.setFaults({ latencyMs: 120 });
    const started = performance.now();
    expect((await k.api('GET', LIST)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('token expiry fault answers 401 expired to bearer requests only', async () => {
    const k = await kit(1);
    const t = await fetch(k.sim.authUrl, {
      method: 'POST',
      headers: { authorization: k.basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const { access_token } = (await t.json()) as { access_token: string };
    k.sim.control.setFaults({ tokenExpiry: 1 });
    expect((await k.api('GET', LIST)).status).toBe(200); // Basic: not affected
    const bearer = await k.api('GET', LIST, undefined, `Bearer ${access_token}`);
    expect(bearer.status).toBe(401);
    expect(bearer.headers.get('www-authenticate')).toContain('expired');
  });
});
