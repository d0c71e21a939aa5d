/**
 * Fault handling of the client against the simulator's fault injection: 429 bursts absorbed, an expired
 * token refreshed exactly once, an ambiguous POST surfaced and never silently resent. Counts are taken
 * on the simulator's side (its create-request log, its token store) and on the wire (captured
 * exchanges), never from the client under test.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SinchApiError, SinchNetworkError } from '../../electron/core/sinch';
import { CAMPAIGN, freshNumber, type Harness, PLAN, startHarness } from './harness';

let h: Harness;
afterEach(async () => {
  const bad = h.nonConforming();
  await h.close();
  expect(bad).toEqual([]);
});

const apiCalls = () => h.exchanges.filter((e) => !e.url.pathname.endsWith('/oauth2/token'));
const tokenCalls = () => h.exchanges.filter((e) => e.url.pathname.endsWith('/oauth2/token'));

describe('429 bursts', () => {
  it('are absorbed: every call succeeds, each 429 is waited out (Retry-After) and retried', async () => {
    h = await startHarness();
    h.sim.control.setFaults({ rate429: 0.3, retryAfterSeconds: 1, seed: 11 });
    const phones = Array.from({ length: 8 }, () => freshNumber());
    for (const phone of phones) {
      await h.client.importNumber({
        phoneNumber: phone,
        regionCode: 'US',
        smsConfiguration: { servicePlanId: PLAN },
      });
      await h.client.getImportedNumber(phone);
    }
    const listed = await h.client.listImportedNumbers({ servicePlanId: PLAN, campaignId: '', pageSize: 100 });
    expect(listed.importedNumbers?.map((n) => n.phoneNumber).sort()).toEqual([...phones].sort());

    const tooMany = apiCalls().filter((e) => e.status === 429);
    expect(tooMany.length).toBeGreaterThan(0);
    expect(apiCalls().filter((e) => e.status === 200)).toHaveLength(17);
    expect(apiCalls()).toHaveLength(17 + tooMany.length);
    // Simulator's own log: every refused create was a 429, and each number was created exactly once.
    const log = h.sim.control.createRequests();
    const refused = log.filter((r) => r.outcome === 'REFUSED');
    expect(refused.every((r) => r.httpStatus === 429)).toBe(true);
    expect(refused).toHaveLength(tooMany.filter((e) => e.method === 'POST').length);
    for (const phone of phones) {
      expect(log.filter((r) => r.phoneNumber === phone && r.outcome === 'ACCEPTED')).toHaveLength(1);
    }
    // Calls were sequential, so each 429 paused the project for its full Retry-After (virtual clock).
    expect(h.waitedMs()).toBeGreaterThanOrEqual(1000 * tooMany.length);
  });

  it('a call still refused after its retry budget surfaces as RATE_LIMITED-able 429, not a hang', async () => {
    h = await startHarness();
    h.sim.control.setFaults({ rate429: 1, retryAfterSeconds: 2 });
    const e = await h.client.getCallbackConfiguration().catch((error: unknown) => error);
    expect(e).toBeInstanceOf(SinchApiError);
    expect(e).toMatchObject({ httpStatus: 429, retryAfterMs: 2000 });
    expect(apiCalls()).toHaveLength(4); // DEFAULT_RETRY.maxAttempts
  });
});

describe('expired bearer token', () => {
  it('is refreshed once and the call resent', async () => {
    h = await startHarness();
    await h.client.getCallbackConfiguration();
    h.sim.control.expireTokens();
    await expect(h.client.getCallbackConfiguration()).resolves.toMatchObject({
      projectId: h.sim.project.projectId,
    });
    // Simulator side: it has issued exactly two tokens (expireTokens reports how many it holds).
    expect(h.sim.control.expireTokens().expired).toBe(2);
    expect(tokenCalls()).toHaveLength(2);
    expect(apiCalls().map((e) => e.status)).toEqual([200, 401, 200]);
    expect(apiCalls()[1]?.responseHeaders.get('www-authenticate')).toMatch(/expired/);
  });

  it('is refreshed only once: a second expired answer is final (no loop)', async () => {
    h = await startHarness();
    h.sim.control.setFaults({ tokenExpiry: 1 });
    const e = await h.client.getCallbackConfiguration().catch((error: unknown) => error);
    expect(e).toMatchObject({ httpStatus: 401, problemType: expect.stringMatching(/access-token-expired$/) });
    expect(h.sim.control.expireTokens().expired).toBe(2);
    expect(apiCalls().map((e) => e.status)).toEqual([401, 401]);
  });

  it('concurrent calls share one refresh (single flight)', async () => {
    h = await startHarness();
    await h.client.getCallbackConfiguration();
    h.sim.control.expireTokens();
    await Promise.all(Array.from({ length: 5 }, () => h.client.getCallbackConfiguration()));
    expect(h.sim.control.expireTokens().expired).toBe(2);
  });
});

describe('ambiguous POST (connection reset after the server processed it)', () => {
  it('is surfaced as ambiguous and never resent; a read shows it landed', async () => {
    h = await startHarness();
    await h.client.getCallbackConfiguration(); // token fetched before the faults start
    h.sim.control.setFaults({ resetAfter: 1, mutatingOnly: true });
    const phone = freshNumber();
    const e = await h.client
      .importNumber({
        phoneNumber: phone,
        regionCode: 'US',
        smsConfiguration: { servicePlanId: PLAN, campaignId: CAMPAIGN },
      })
      .catch((error: unknown) => error);
    expect(e).toBeInstanceOf(SinchNetworkError);
    expect(e).toMatchObject({ ambiguous: true, reached: true });
    // Simulator side: one create request for the number, and it was processed.
    expect(h.sim.control.createRequests(phone).map((r) => [r.operation, r.outcome])).toEqual([
      ['importNumber', 'ACCEPTED'],
    ]);
    expect(apiCalls().filter((x) => x.method === 'POST')).toHaveLength(1);

    h.sim.control.setFaults({});
    await expect(h.client.getImportedNumber(phone)).resolves.toMatchObject({ phoneNumber: phone });
  });

  it('a hosting order create is just as ambiguous; a 5xx on a POST too', async () => {
    h = await startHarness();
    h.sim.control.setFaults({ resetAfter: 1, mutatingOnly: true });
    const numbers = [freshNumber(), freshNumber()];
    const reset = await h.client
      .importNumbersOrder({ regionCode: 'US', numbers, servicePlanId: PLAN })
      .catch((error: unknown) => error);
    expect(reset).toMatchObject({ ambiguous: true });
    for (const n of numbers) expect(h.sim.control.createRequests(n)).toHaveLength(1);

    h.sim.control.setFaults({ rate5xx: 1, mutatingOnly: true });
    const q = freshNumber();
    const failed = await h.client.addQualifiedNumbers({ phoneNumbers: [q] }).catch((error: unknown) => error);
    expect(failed).toMatchObject({ httpStatus: 500, ambiguous: true });
    expect(h.sim.control.createRequests(q)).toHaveLength(1);
  });

  it('a POST that times out is ambiguous too, although here the simulator never processed it', async () => {
    h = await startHarness({ client: { timeoutMs: 300 } });
    await h.client.getCallbackConfiguration();
    h.sim.control.setFaults({ timeout: 1, mutatingOnly: true });
    const phone = freshNumber();
    const e = await h.client
      .importNumber({ phoneNumber: phone, regionCode: 'US', smsConfiguration: { servicePlanId: PLAN } })
      .catch((error: unknown) => error);
    expect(e).toMatchObject({ code: 'timeout', ambiguous: true });
    // the simulator's log says what the client cannot know: not processed; a read (reconciliation) agrees
    expect(h.sim.control.createRequests(phone).map((r) => [r.outcome, r.reason])).toEqual([
      ['REFUSED', 'fault:timeout'],
    ]);
    h.sim.control.setFaults({});
    await expect(h.client.getImportedNumber(phone)).rejects.toMatchObject({ httpStatus: 404 });
  });

  it('a GET that is reset is simply retried (idempotent)', async () => {
    h = await startHarness();
    await h.client.getCallbackConfiguration();
    h.sim.control.setFaults({ resetAfter: 0.5, seed: 2 });
    for (let i = 0; i < 6; i++) await h.client.getCallbackConfiguration();
    expect(apiCalls().filter((x) => x.error !== undefined).length).toBeGreaterThan(0);
  });
});

describe('mixed faults (property)', () => {
  it('a create is processed at most once per client call, and exactly once when the call succeeded', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          rate429: fc.constantFrom(0, 0.2),
          rate5xx: fc.constantFrom(0, 0.15),
          resetAfter: fc.constantFrom(0, 0.15),
          tokenExpiry: fc.constantFrom(0, 0.15),
          seed: fc.nat(1000),
        }),
        fc.integer({ min: 3, max: 8 }),
        fc.boolean(),
        async (faults, count, concurrent) => {
          h = await startHarness();
          try {
            h.sim.control.setFaults({ ...faults, retryAfterSeconds: 1 });
            const phones = Array.from({ length: count }, () => freshNumber('+1512555'));
            const one = (phone: string) =>
              h.client
                .importNumber({
                  phoneNumber: phone,
                  regionCode: 'US',
                  smsConfiguration: { servicePlanId: PLAN },
                })
                .then(
                  () => ({ phone, ok: true, ambiguous: false }),
                  (e: { ambiguous?: boolean }) => ({ phone, ok: false, ambiguous: e.ambiguous === true }),
                );
            const outcomes = concurrent
              ? await Promise.all(phones.map(one))
              : await phones.reduce<Promise<{ phone: string; ok: boolean; ambiguous: boolean }[]>>(
                  async (acc, p) => [...(await acc), await one(p)],
                  Promise.resolve([]),
                );
            for (const o of outcomes) {
              const accepted = h.sim.control
                .createRequests(o.phone)
                .filter((r) => r.outcome === 'ACCEPTED').length;
              if (o.ok) expect(accepted, o.phone).toBe(1);
              else if (o.ambiguous) expect(accepted, o.phone).toBeLessThanOrEqual(1);
              else expect(accepted, o.phone).toBe(0);
            }
          } finally {
            const bad = h.nonConforming();
            await h.close();
            expect(bad).toEqual([]);
          }
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 6) },
    );
    // afterEach closes `h` again: harmless, close is idempotent
  });
});
