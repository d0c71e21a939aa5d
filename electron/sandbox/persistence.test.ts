import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLAN, startKit } from './test-kit';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-db-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('persistence', () => {
  it('keeps records, the simulated time, settings and in-flight machines across a restart', async () => {
    const dbFile = join(dir, 'sandbox.sqlite');
    const first = await startKit({ dbFile });
    await first.api('PATCH', '/callbackConfiguration', { hmacSecret: 'fake-hmac-secret-0000' });
    first.sim.control.configure({ importLimit: 10 });
    const order = await first.api('POST', '/hostingOrders:importNumbers', {
      regionCode: 'US',
      numbers: ['+12025550134', '+12025550135'],
      servicePlanId: PLAN,
    });
    first.sim.control.advance(2 * 60_000);
    const before = first.sim.control.now();
    await first.sim.close();

    const second = await startKit({ dbFile });
    try {
      expect(second.sim.control.now()).toBe(before);
      expect(second.sim.control.settings().importLimit).toBe(10);
      expect((await second.api('GET', '/callbackConfiguration')).body.hmacSecret).toBe(
        'fake-hmac-secret-0000',
      );
      const id = order.body.hostingOrderId as string;
      expect((await second.api('GET', `/hostingOrders/${id}`)).body.state).toBe('IN_PROGRESS');
      second.sim.control.advance(3_600_000);
      expect((await second.api('GET', `/hostingOrders/${id}`)).body.state).toBe('COMPLETED');
      expect(second.sim.control.createRequests()).toHaveLength(2);
      // A new order after the restart gets a fresh id (the id PRNG state was persisted).
      const next = await second.api('POST', '/hostingOrders:importNumbers', {
        regionCode: 'US',
        numbers: ['+12025550136'],
        servicePlanId: PLAN,
      });
      expect(next.body.hostingOrderId).not.toBe(id);
    } finally {
      await second.sim.close();
    }
  });

  it('reset clears the state but keeps the projects', async () => {
    const k = await startKit();
    try {
      await k.api('POST', '/qualifiedNumbers:addNumbers', { phoneNumbers: ['+12025550134'] });
      expect((await k.control('POST', '/reset')).status).toBe(200);
      expect((await k.api('GET', '/qualifiedNumbers/%2B12025550134')).status).toBe(404);
      expect(k.sim.control.createRequests()).toEqual([]);
    } finally {
      await k.sim.close();
    }
  });
});

describe('start-up failure', () => {
  it('rejects when the port is taken and releases its database', async () => {
    const dbFile = join(dir, 'busy.sqlite');
    const first = await startKit();
    const port = Number(new URL(first.sim.baseUrl).port);
    try {
      await expect(startKit({ port, dbFile })).rejects.toThrow(/EADDRINUSE/);
      const again = await startKit({ dbFile });
      await again.sim.close();
    } finally {
      await first.sim.close();
    }
  });
});
