import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CAMPAIGN, type Kit, PLAN, startKit } from './test-kit';

type Received = { body: string; signature: string | undefined };

let k: Kit;
let receiver: Server;
let received: Received[];
/** Status codes the receiver answers, in order (then 200). */
let answers: number[];
let callbackUrl: string;

beforeEach(async () => {
  k = await startKit();
  received = [];
  answers = [];
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const sig = req.headers['x-sinch-signature'];
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: typeof sig === 'string' ? sig : undefined,
      });
      res.statusCode = answers.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/sinch/events`;
});
afterEach(async () => {
  await k.sim.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const events = () => received.map((r) => JSON.parse(r.body) as Record<string, string>);

describe('callbacks', () => {
  it('delivers §8 payloads, signed with HMAC-SHA1 (lower-case hex of the raw body) when a secret is set', async () => {
    const secret = 'fake-hmac-secret-0000';
    await k.api('PATCH', '/callbackConfiguration', { hmacSecret: secret });
    await k.api('POST', '/importedNumbers', {
      phoneNumber: '+12025550134',
      regionCode: 'US',
      smsConfiguration: { servicePlanId: PLAN, campaignId: CAMPAIGN },
      callbackUrl,
    });
    k.sim.control.advance(3_600_000);
    await k.sim.control.flushCallbacks();

    expect(events().map((e) => e.eventType)).toEqual([
      'PROVISIONING_TO_SMS_PLATFORM',
      'LINK_TO_10DLC_CAMPAIGN',
    ]);
    for (const r of received) {
      const expected = createHmac('sha1', secret).update(r.body).digest('hex');
      expect(r.signature).toBe(expected);
    }
    expect(events()[0]).toMatchObject({
      resourceType: 'IMPORTED_NUMBER',
      projectId: k.sim.project.projectId,
      resourceId: '+12025550134',
      status: 'SUCCEEDED',
    });
    expect(events()[0]?.eventId).toMatch(/^[0-9a-z]{26}$/);
    expect(Date.parse(events()[0]?.timestamp as string)).not.toBeNaN();
  });

  it('omits the signature without a secret, reports campaign failure codes, and retries failed deliveries', async () => {
    k.sim.control.injectFailure('+12025550134', 'campaign', 'CAMPAIGN_MNO_REJECTED');
    answers = [500, 503];
    await k.api('POST', '/importedNumbers', {
      phoneNumber: '+12025550134',
      regionCode: 'US',
      smsConfiguration: { servicePlanId: PLAN, campaignId: CAMPAIGN },
      callbackUrl,
    });
    k.sim.control.advance(12 * 60_000); // platform done at 6 min: first attempt answered 500
    await k.sim.control.flushCallbacks();
    expect(received).toHaveLength(2); // both events tried once (500, then 503)
    expect(received[0]?.signature).toBeUndefined();

    k.sim.control.advance(1000); // retry after 1 s of simulated time
    await k.sim.control.flushCallbacks();
    const delivered = k.sim.control.callbacks().filter((c) => c.state === 'DELIVERED');
    expect(delivered).toHaveLength(2);
    expect(delivered.map((c) => c.attempts)).toEqual([2, 2]);
    const link = events().find((e) => e.eventType === 'LINK_TO_10DLC_CAMPAIGN');
    expect(link).toMatchObject({ status: 'FAILED', failureCode: 'CAMPAIGN_MNO_REJECTED' });
    const platform = events().find((e) => e.eventType === 'PROVISIONING_TO_SMS_PLATFORM');
    expect(platform && 'failureCode' in platform).toBe(false);
  });

  it('gives up after the bounded number of attempts', async () => {
    k.sim.control.configure({ callbackMaxAttempts: 3 });
    answers = [500, 500, 500, 500, 500];
    await k.api('POST', '/importedNumbers', {
      phoneNumber: '+12025550134',
      regionCode: 'US',
      smsConfiguration: { servicePlanId: PLAN },
      callbackUrl,
    });
    for (let i = 0; i < 6; i++) {
      k.sim.control.advance(10 * 60_000);
      await k.sim.control.flushCallbacks();
    }
    expect(received).toHaveLength(3);
    expect(k.sim.control.callbacks()).toMatchObject([{ state: 'GAVE_UP', attempts: 3, lastStatus: 500 }]);
  });

  it('sends HOSTING_ORDER_NUMBER events for an order, ending with HOSTING_PROCESS', async () => {
    await k.api('POST', '/hostingOrders:importNumbers', {
      regionCode: 'US',
      numbers: ['+12025550134'],
      servicePlanId: PLAN,
      callbackUrl,
    });
    k.sim.control.advance(3_600_000);
    await k.sim.control.flushCallbacks();
    expect(events().map((e) => [e.resourceType, e.eventType, e.status])).toEqual([
      ['HOSTING_ORDER_NUMBER', 'PROVISIONING_TO_SMS_PLATFORM', 'SUCCEEDED'],
      ['HOSTING_ORDER_NUMBER', 'HOSTING_PROCESS', 'SUCCEEDED'],
    ]);
  });
});
