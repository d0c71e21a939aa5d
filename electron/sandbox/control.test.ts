import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CAMPAIGN, directLoa, type Kit, PLAN, startKit } from './test-kit';
import { addBusinessDays } from '../../shared/domain/business-days';

let k: Kit;
beforeEach(async () => {
  k = await startKit();
});
afterEach(async () => {
  await k.sim.close();
});

describe('control surface over HTTP (/_sandbox)', () => {
  it('drives a full text-enable: approve, voice code, sign LOA, advance, per-number history', async () => {
    const phone = '+12025550134';
    await k.api('POST', '/qualifiedNumbers:addNumbers', { phoneNumbers: [phone] });
    const approved = await k.control('POST', `/qualified-numbers/${encodeURIComponent(phone)}/approve`, {
      requireVerification: true,
    });
    expect(approved.body.globalProcessState).toBe('GLOBAL_PROCESS_STATE_ELIGIBLE');
    await k.api('POST', `/qualifiedNumbers/%2B12025550134:sendVoiceChallenge`);
    const code = (await k.control('GET', `/qualified-numbers/${encodeURIComponent(phone)}/voice-code`)).body
      .code;
    await k.api('POST', `/qualifiedNumbers/%2B12025550134:verifyVoiceChallenge`, { code });

    const refused = await k.api('POST', '/hostingOrders:textEnableNumbers', {
      regionCode: 'US',
      numbers: [phone, '+1202555'],
      servicePlanId: PLAN,
      directLoaInfo: directLoa,
    });
    expect(refused.status).toBe(400);
    const order = await k.api('POST', '/hostingOrders:textEnableNumbers', {
      regionCode: 'US',
      numbers: [phone],
      servicePlanId: PLAN,
      campaignId: CAMPAIGN,
      directLoaInfo: directLoa,
    });
    const id = order.body.hostingOrderId as string;
    expect((await k.control('POST', '/orders/nope/sign-loa')).status).toBe(404);
    expect((await k.control('POST', `/orders/${id}/sign-loa`)).body.state).toBe('IN_PROGRESS');
    expect((await k.control('POST', `/orders/${id}/sign-loa`)).status).toBe(409);
    const advanced = await k.control('POST', '/clock/advance', { ms: 3_600_000 });
    expect(Date.parse(advanced.body.now)).toBeGreaterThan(0);
    expect((await k.api('GET', `/hostingOrders/${id}`)).body.state).toBe('COMPLETED');

    const history = (await k.control('GET', `/numbers/${encodeURIComponent(phone)}`)).body;
    expect(history.orders).toEqual([id]);
    expect(
      history.requests.map((r: { operation: string; outcome: string }) => `${r.operation} ${r.outcome}`),
    ).toEqual([
      'qualifiedNumbers:addNumbers ACCEPTED',
      'hostingOrders:textEnableNumbers REFUSED',
      'hostingOrders:textEnableNumbers ACCEPTED',
    ]);
  });

  it('sets faults, settings, projects and failure injections', async () => {
    expect((await k.control('PUT', '/faults', { rate5xx: 1 })).status).toBe(200);
    expect((await k.api('GET', '/qualifiedNumbers?states=GLOBAL_PROCESS_STATE_ELIGIBLE')).status).toBe(500);
    await k.control('PUT', '/faults', {});
    expect((await k.control('PATCH', '/settings', { strictListFilters: false })).body.strictListFilters).toBe(
      false,
    );
    expect((await k.api('GET', '/qualifiedNumbers')).status).toBe(200);
    expect(
      (await k.control('POST', '/projects', { projectId: 'p2', keyId: 'k2', keySecret: 'fake-2' })).status,
    ).toBe(200);
    const failure = await k.control('POST', `/numbers/${encodeURIComponent('+12025550134')}/failures`, {
      step: 'campaign',
      failureCode: 'NOT_A_CODE',
    });
    expect(failure.status).toBe(400);
    expect((await k.control('GET', '/nothing-here')).status).toBe(404);
  });
});

describe('fast clock', () => {
  it('runs an order to COMPLETED on scaled real time, with no advance calls', async () => {
    const fast = await startKit({ clock: { fast: 100_000 } });
    try {
      const order = await fast.api('POST', '/hostingOrders:importNumbers', {
        regionCode: 'US',
        numbers: ['+12025550134'],
        servicePlanId: PLAN,
      });
      expect(order.body.state).toBe('SUBMITTED');
      // ~18 simulated minutes ≈ 11 ms of wall time at ×100000: poll the API until the order says so.
      let state = order.body.state as string;
      for (let i = 0; i < 500 && state !== 'COMPLETED'; i++) {
        state = (await fast.api('GET', `/hostingOrders/${order.body.hostingOrderId}`)).body.state;
      }
      expect(state).toBe('COMPLETED');
    } finally {
      await fast.sim.close();
    }
  });
});

// Issue 9 defect 6: every number qualified itself after 10 simulated minutes, racing approve/reject.
describe('qualification review is explicit', () => {
  const phone = '+12025550177';
  const state = async () =>
    (await k.api('GET', `/qualifiedNumbers/${encodeURIComponent(phone)}`)).body.globalProcessState;

  it('stays pending for hours, so approve and reject never race an automatic decision', async () => {
    await k.api('POST', '/qualifiedNumbers:addNumbers', { phoneNumbers: [phone] });
    k.sim.control.advance(6 * 60 * 60_000);
    expect(await state()).toBe('GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING');
    k.sim.control.rejectQualification(phone, { reason: 'Invoice does not show the number' });
    expect(await state()).toBe('GLOBAL_PROCESS_STATE_NOT_ELIGIBLE');
  });

  it('is decided ELIGIBLE once the simulated clock passes the review time (2 business days by default)', async () => {
    expect(k.sim.control.settings().qualificationReviewBusinessDays).toBe(2);
    const start = Date.parse(k.sim.control.now());
    await k.api('POST', '/qualifiedNumbers:addNumbers', { phoneNumbers: [phone] });
    // just before the review time ends it is still pending
    const end = addBusinessDays(start, 2);
    k.sim.control.advance(end - start - 60_000);
    expect(await state()).toBe('GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING');
    k.sim.control.advance(60_000);
    expect(await state()).toBe('GLOBAL_PROCESS_STATE_ELIGIBLE');
  });

  it('with no review time (null) only approve or reject decide', async () => {
    k.sim.control.configure({ qualificationReviewBusinessDays: null });
    await k.api('POST', '/qualifiedNumbers:addNumbers', { phoneNumbers: [phone] });
    k.sim.control.advance(30 * 24 * 60 * 60_000);
    expect(await state()).toBe('GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING');
  });
});
