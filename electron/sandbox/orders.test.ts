import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CAMPAIGN, directLoa, type Kit, PLAN, startKit } from './test-kit';

let k: Kit;
beforeEach(async () => {
  k = await startKit();
});
afterEach(async () => {
  await k.sim.close();
});

const MIN = 60_000;
const nums = (n: number, base = 17724295200) => Array.from({ length: n }, (_, i) => `+${base + i}`);

async function qualify(numbers: string[], opts: { requireVerification?: boolean } = {}) {
  const res = await k.api('POST', '/qualifiedNumbers:addNumbers', { phoneNumbers: numbers });
  expect(res.status).toBe(200);
  for (const n of numbers) k.sim.control.approveQualification(n, opts);
}

const report = async (id: string) => (await k.api('GET', `/hostingOrders/${id}/report`)).body;

describe('hosting orders: import', () => {
  it('enforces 5 numbers per import order unless the raised limit is set', async () => {
    const six = { regionCode: 'US', numbers: nums(6), servicePlanId: PLAN };
    const refused = await k.api('POST', '/hostingOrders:importNumbers', six);
    expect(refused.status).toBe(400);
    expect(refused.body.details[0].fieldViolations[0]).toMatchObject({ field: 'numbers' });
    expect(k.sim.control.createRequests().filter((r) => r.outcome === 'REFUSED')).toHaveLength(6);

    k.sim.control.configure({ importLimit: 6 });
    const accepted = await k.api('POST', '/hostingOrders:importNumbers', six);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ type: 'IMPORT', state: 'SUBMITTED', servicePlanId: PLAN });
    expect(accepted.body.hostingOrderId).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
    expect(accepted.body.textEnableInfo).toBeUndefined();
  });

  it('runs IN_PROGRESS → COMPLETED with per-number steps and a report derived from them', async () => {
    const numbers = nums(3);
    k.sim.control.injectFailure(numbers[2] as string, 'campaign', 'CAMPAIGN_PENDING_ACCEPTANCE');
    const created = await k.api('POST', '/hostingOrders:importNumbers', {
      regionCode: 'US',
      numbers,
      servicePlanId: PLAN,
      campaignId: CAMPAIGN,
      displayName: 'job-key-123',
    });
    const id = created.body.hostingOrderId as string;
    expect(await report(id)).toEqual({
      total: 3,
      osrUpdated: 0,
      smsProvisioned: 0,
      addedToCampaign: 0,
      ongoingManualAction: 0,
    });

    k.sim.control.advance(1 * MIN + 1);
    expect((await k.api('GET', `/hostingOrders/${id}`)).body.state).toBe('IN_PROGRESS');
    const n0 = await k.api('GET', `/hostingOrders/${id}/numbers/%2B${numbers[0]?.slice(1)}`);
    expect(n0.body.platformProvisioning).toEqual({ servicePlanId: PLAN, state: 'IN_PROGRESS' });
    expect(n0.body.campaignProvisioning).toEqual({ campaignId: CAMPAIGN, state: 'WAITING' });
    expect(n0.body.osrUpdate).toEqual({ nnid: '', state: 'STATE_UNSPECIFIED' });

    k.sim.control.advance(5 * MIN); // platform done (t = 6 min)
    expect(await report(id)).toMatchObject({ smsProvisioned: 3, addedToCampaign: 0 });

    k.sim.control.advance(12 * MIN); // campaign (ends 12 min) and carriers (ends 18 min)
    expect((await k.api('GET', `/hostingOrders/${id}`)).body.state).toBe('COMPLETED');
    expect(await report(id)).toEqual({
      total: 3,
      osrUpdated: 0,
      smsProvisioned: 3,
      addedToCampaign: 2,
      ongoingManualAction: 0,
    });

    const failed = await k.api('GET', `/hostingOrders/${id}/numbers?campaignProvisioningState=FAILED`);
    expect(failed.body.totalSize).toBe(1);
    expect(failed.body.numbers[0].phoneNumber).toBe(numbers[2]);
    expect(failed.body.numbers[0].smsAtt).toMatchObject({ state: 'STATE_UNSPECIFIED' });
    // Numbers that reached the SMS platform are now imported numbers.
    const imported = await k.api('GET', `/importedNumbers/%2B${numbers[0]?.slice(1)}`);
    expect(imported.body.smsProvisioning.state).toBe('DONE');
  });

  it('answers 409 when a number is already in an open order', async () => {
    const body = { regionCode: 'US', numbers: nums(2), servicePlanId: PLAN };
    expect((await k.api('POST', '/hostingOrders:importNumbers', body)).status).toBe(200);
    const again = await k.api('POST', '/hostingOrders:importNumbers', body);
    expect(again.status).toBe(409);
    expect(k.sim.control.numberHistory(nums(1)[0] as string).orders).toHaveLength(1);
  });

  it('lists orders with its four required filters', async () => {
    await k.api('POST', '/hostingOrders:importNumbers', {
      regionCode: 'US',
      numbers: nums(1),
      servicePlanId: PLAN,
    });
    expect((await k.api('GET', '/hostingOrders?states=SUBMITTED')).status).toBe(400);
    const q = `?states=SUBMITTED&states=IN_PROGRESS&type=IMPORT&servicePlanId=${PLAN}&campaignId=`;
    const list = await k.api('GET', `/hostingOrders${q}`);
    expect(list.status).toBe(200);
    expect(list.body.totalSize).toBe(1);
    expect(list.body.nextPageToken).toBe('');
    expect((await k.api('GET', '/hostingOrders/01arz3nhyrtsv4rrffq69g5fav')).status).toBe(404);
  });
});

describe('text-enable', () => {
  const teBody = (numbers: string[], loa: Record<string, unknown> = { directLoaInfo: directLoa }) => ({
    regionCode: 'US',
    numbers,
    servicePlanId: PLAN,
    campaignId: CAMPAIGN,
    ...loa,
  });

  it('needs exactly one LOA object and complete LOA fields', async () => {
    await qualify(nums(1));
    const none = await k.api('POST', '/hostingOrders:textEnableNumbers', teBody(nums(1), {}));
    expect(none.status).toBe(400);
    const two = await k.api(
      'POST',
      '/hostingOrders:textEnableNumbers',
      teBody(nums(1), { directLoaInfo: directLoa, blanketLoaInfo: {} }),
    );
    expect(two.status).toBe(400);
    const partial = await k.api(
      'POST',
      '/hostingOrders:textEnableNumbers',
      teBody(nums(1), { resellerLoaInfo: { ...directLoa, address: { street: 'Main St' } } }),
    );
    const fields = partial.body.details[0].fieldViolations.map((f: { field: string }) => f.field);
    expect(fields).toContain('resellerLoaInfo.businessName');
    expect(fields).toContain('resellerLoaInfo.address.postalCode');
    expect(fields).not.toContain('resellerLoaInfo.authorisedPerson.email');
  });

  it('refuses unqualified numbers (404) and numbers still pending qualification (400)', async () => {
    const missing = await k.api('POST', '/qualifiedNumbers:textEnableNumbers', teBody(nums(1)));
    expect(missing.status).toBe(404);
    await k.api('POST', '/qualifiedNumbers:addNumbers', { phoneNumbers: nums(1) });
    const pending = await k.api('POST', '/qualifiedNumbers:textEnableNumbers', teBody(nums(1)));
    expect(pending.status).toBe(400);
  });

  it('waits for the LOA signature, then runs OSR → platform → campaign → carriers', async () => {
    const numbers = nums(2);
    await qualify(numbers);
    const res = await k.api('POST', '/qualifiedNumbers:textEnableNumbers', teBody(numbers));
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['hostingOrderId']);
    const id = res.body.hostingOrderId as string;

    k.sim.control.advance(MIN);
    const waiting = (await k.api('GET', `/hostingOrders/${id}`)).body;
    expect(waiting.state).toBe('WAITING_FOR_LOA_SIGNATURE');
    expect(waiting.textEnableInfo).toMatchObject({
      loaType: 'Direct',
      nnid: '104029',
      currentVoiceCarrier: 'Verizon',
    });
    k.sim.control.advance(24 * 60 * MIN);
    expect((await k.api('GET', `/hostingOrders/${id}`)).body.state).toBe('WAITING_FOR_LOA_SIGNATURE');

    k.sim.control.signLoa(id);
    expect((await k.api('GET', `/hostingOrders/${id}`)).body.state).toBe('IN_PROGRESS');
    k.sim.control.advance(5 * MIN);
    expect(await report(id)).toMatchObject({ osrUpdated: 2, smsProvisioned: 0 });
    k.sim.control.advance(30 * MIN);
    expect((await k.api('GET', `/hostingOrders/${id}`)).body.state).toBe('COMPLETED');
    expect(await report(id)).toEqual({
      total: 2,
      osrUpdated: 2,
      smsProvisioned: 2,
      addedToCampaign: 2,
      ongoingManualAction: 0,
    });
    const q = await k.api('GET', `/qualifiedNumbers/%2B${numbers[0]?.slice(1)}`);
    expect(q.body.globalProcessState).toBe('GLOBAL_PROCESS_STATE_HOSTING_DONE');
    expect(q.body.hostedNumber).toEqual({ status: 1, error: '' });
  });

  it('rejects the order when the LOA is refused, and allows a new text-enable afterwards', async () => {
    await qualify(nums(1));
    const res = await k.api('POST', '/hostingOrders:textEnableNumbers', teBody(nums(1)));
    expect(res.body).toMatchObject({ type: 'TYPE_TEXT_ENABLE', state: 'SUBMITTED' });
    k.sim.control.advance(MIN);
    k.sim.control.refuseLoa(res.body.hostingOrderId);
    expect((await k.api('GET', `/hostingOrders/${res.body.hostingOrderId}`)).body.state).toBe('REJECTED');
    const q = await k.api('GET', `/qualifiedNumbers/%2B${nums(1)[0]?.slice(1)}`);
    expect(q.body.globalProcessState).toBe('GLOBAL_PROCESS_STATE_HOSTING_FAILED');
    expect((await k.api('POST', '/hostingOrders:textEnableNumbers', teBody(nums(1)))).status).toBe(200);
  });

  it('blanket LOA skips the signature wait', async () => {
    await qualify(nums(1));
    const res = await k.api(
      'POST',
      '/hostingOrders:textEnableNumbers',
      teBody(nums(1), { blanketLoaInfo: {} }),
    );
    k.sim.control.advance(MIN);
    expect((await k.api('GET', `/hostingOrders/${res.body.hostingOrderId}`)).body.state).toBe('IN_PROGRESS');
  });

  it('keeps toll-free and standard numbers on their own endpoints (500 per request)', async () => {
    const tf = ['+18335870229', '+18339460473'];
    await qualify([...tf, ...nums(1)]);
    const wrongWay = await k.api('POST', '/hostingOrders:textEnableNumbers', teBody([tf[0] as string]));
    expect(wrongWay.status).toBe(400);
    const wrongWay2 = await k.api('POST', '/hostingOrders:textEnableTollFreeNumbers', {
      regionCode: 'US',
      numbers: nums(1),
      servicePlanId: PLAN,
      directLoaInfo: directLoa,
    });
    expect(wrongWay2.status).toBe(400);
    // The spec's own example nests scheduledZipwhipProvisioningTime inside directLoaInfo (§6.10): accepted.
    const ok = await k.api('POST', '/qualifiedNumbers:textEnableTollFreeNumbers', {
      regionCode: 'US',
      numbers: tf,
      servicePlanId: PLAN,
      directLoaInfo: { ...directLoa, scheduledZipwhipProvisioningTime: '2023-01-13T14:34:40.968Z' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.campaignId).toBe('');
    expect(ok.body.textEnableInfo.nnid).toBeUndefined();

    // §9 #4: common fields under a property literally named `allOf` (the spec's schema defect) work too.
    await qualify(['+18445550100']);
    const viaAllOf = await k.api('POST', '/hostingOrders:textEnableTollFreeNumbers', {
      allOf: { regionCode: 'US', numbers: ['+18445550100'], servicePlanId: PLAN },
      resellerLoaInfo: { ...directLoa, businessName: 'Acme, Inc.' },
    });
    expect(viaAllOf.status).toBe(200);
    expect(viaAllOf.body.textEnableInfo.loaType).toBe('Reseller');

    const tooMany = await k.api('POST', '/hostingOrders:textEnableNumbers', teBody(nums(501, 12025550000)));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details[0].fieldViolations[0].field).toBe('numbers');
  });
});

describe('qualified numbers', () => {
  it('qualification can be rejected; duplicates answer 409', async () => {
    const [a, b] = nums(2);
    const res = await k.api('POST', '/qualifiedNumbers:addNumbers', { phoneNumbers: [a, b] });
    expect(res.body.qualifiedNumbers).toHaveLength(2);
    expect(res.body.qualifiedNumbers[0]).toMatchObject({
      globalProcessState: 'GLOBAL_PROCESS_STATE_ELIGIBLE_CHECK_PENDING',
      hostedNumber: { status: 0, error: '' },
      regionCode: 'US',
    });
    k.sim.control.rejectQualification(a as string, { reason: 'Invoices do not match' });
    const got = await k.api('GET', `/qualifiedNumbers/%2B${a?.slice(1)}`);
    expect(got.body.globalProcessState).toBe('GLOBAL_PROCESS_STATE_NOT_ELIGIBLE');
    expect(got.body.osrEligibility).toEqual({ status: 'FAILED', error: 'Invoices do not match' });
    expect((await k.api('POST', '/qualifiedNumbers:addNumbers', { phoneNumbers: [a] })).status).toBe(409);
    // Without a decision the check completes as ELIGIBLE once the review time (2 business days) passed.
    k.sim.control.advance(4 * 24 * 60 * MIN);
    const list = await k.api('GET', '/qualifiedNumbers?states=GLOBAL_PROCESS_STATE_ELIGIBLE');
    expect(list.body.qualifiedNumbers.map((q: { phoneNumber: string }) => q.phoneNumber)).toEqual([b]);
    expect((await k.api('GET', '/qualifiedNumbers')).status).toBe(400);
    expect((await k.api('DELETE', `/qualifiedNumbers/%2B${a?.slice(1)}`)).body).toEqual({});
  });

  it('voice challenge: correct code verifies; three wrong codes block', async () => {
    const [a, b] = nums(2);
    await qualify([a as string, b as string], { requireVerification: true });
    // Verification required: text-enable from ELIGIBLE is refused.
    const early = await k.api('POST', '/qualifiedNumbers:textEnableNumbers', {
      regionCode: 'US',
      numbers: [a],
      servicePlanId: PLAN,
      blanketLoaInfo: {},
    });
    expect(early.status).toBe(400);

    const sent = await k.api('POST', `/qualifiedNumbers/%2B${a?.slice(1)}:sendVoiceChallenge`);
    expect(sent.body.globalProcessState).toBe('GLOBAL_PROCESS_STATE_VERIFICATION_PENDING');
    const code = k.sim.control.voiceCode(a as string);
    expect(code).toMatch(/^\d{4}$/);
    const verified = await k.api('POST', `/qualifiedNumbers/%2B${a?.slice(1)}:verifyVoiceChallenge`, {
      code,
    });
    expect(verified.body.globalProcessState).toBe('GLOBAL_PROCESS_STATE_VERIFIED');
    expect(verified.body.ownershipVerification).toEqual({ status: 'DONE', error: '' });

    await k.api('POST', `/qualifiedNumbers/${b}:sendVoiceChallenge`);
    const right = k.sim.control.voiceCode(b as string) as string;
    const wrong = right === '0000' ? '1111' : '0000';
    const states: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await k.api('POST', `/qualifiedNumbers/%2B${b?.slice(1)}:verifyVoiceChallenge`, {
        code: wrong,
      });
      states.push(r.body.globalProcessState);
    }
    expect(states).toEqual([
      'GLOBAL_PROCESS_STATE_VERIFICATION_FAILED',
      'GLOBAL_PROCESS_STATE_VERIFICATION_FAILED',
      'GLOBAL_PROCESS_STATE_VERIFICATION_BLOCKED',
    ]);
    const late = await k.api('POST', `/qualifiedNumbers/%2B${b?.slice(1)}:verifyVoiceChallenge`, {
      code: right,
    });
    expect(late.body.globalProcessState).toBe('GLOBAL_PROCESS_STATE_VERIFICATION_BLOCKED');
    expect((await k.api('POST', `/qualifiedNumbers/%2B${b?.slice(1)}:sendVoiceChallenge`)).status).toBe(400);
  });
});
