/**
 * Every response the simulator gives in a broad scenario — each operation, its errors, the gateway
 * statuses, callbacks and the token endpoint — checked strictly against openapi.yaml by the shared checker
 * (test/support/openapi-checker.ts: no undeclared fields, the declared error shape, always-present fields).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingFetch } from '../../test/support/capture-fetch';
import {
  checkCallbackPayload,
  checkResponse,
  checkTokenResponse,
  findOperation,
} from '../../test/support/openapi-checker';
import { callbackPayload, operationById } from '../../shared/sinch';
import { CAMPAIGN, directLoa, type Kit, PLAN, startKit } from './test-kit';

const capture = capturingFetch();
let k: Kit;
let receiver: Server;
const callbackBodies: string[] = [];
let callbackUrl = '';

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      callbackBodies.push(Buffer.concat(chunks).toString('utf8'));
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cb`;
  k = await startKit({}, capture.fetch);
});
afterAll(async () => {
  await k.sim.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const A = '+12025550134';
const B = '+12025550135';
const TF = '+18335870229';
const enc = (p: string) => encodeURIComponent(p);
const MIN = 60_000;

async function scenario(): Promise<void> {
  const { api, control } = k;
  await api('PATCH', '/callbackConfiguration', { hmacSecret: 'fake-hmac-secret-0000' });
  await api('GET', '/callbackConfiguration');
  await api('PATCH', '/callbackConfiguration', { hmacSecret: 1 });
  // Imported numbers.
  await api('POST', '/importedNumbers', {
    phoneNumber: A,
    regionCode: 'US',
    displayName: 'Front desk',
    smsConfiguration: { servicePlanId: PLAN, campaignId: CAMPAIGN, migrateToSinchTmo: true },
    callbackUrl,
  });
  await api('POST', '/importedNumbers', {
    phoneNumber: A,
    regionCode: 'US',
    smsConfiguration: { servicePlanId: PLAN },
  });
  await api('POST', '/importedNumbers', { phoneNumber: 'x', regionCode: 'FR' });
  await api('GET', `/importedNumbers/${enc(A)}`);
  k.sim.control.injectFailure(A, 'campaign', 'CAMPAIGN_EXPIRED');
  k.sim.control.advance(2 * MIN);
  await api('GET', `/importedNumbers/${enc(A)}`);
  k.sim.control.advance(60 * MIN);
  await api('GET', `/importedNumbers/${enc(A)}`);
  await api('GET', `/importedNumbers?servicePlanId=${PLAN}&campaignId=${CAMPAIGN}&pageSize=1`);
  await api('GET', '/importedNumbers');
  await api('PATCH', `/importedNumbers/${enc(A)}`, { smsConfiguration: { servicePlanId: 'another' } });
  await api('PATCH', `/importedNumbers/${enc(A)}`, {
    displayName: 'Renamed',
    smsConfiguration: { campaignId: '' },
  });
  await api('GET', `/importedNumbers/${enc(A)}`);
  await api('GET', `/importedNumbers/${enc(B)}`);
  await api('PATCH', `/importedNumbers/${enc(B)}`, { displayName: 'x' });
  // Import order.
  const order = await api('POST', '/hostingOrders:importNumbers', {
    regionCode: 'US',
    numbers: [B],
    servicePlanId: PLAN,
    campaignId: CAMPAIGN,
    callbackUrl,
    migrateToSinchTmo: true,
  });
  await api('POST', '/hostingOrders:importNumbers', { regionCode: 'US', numbers: [B], servicePlanId: PLAN });
  await api('POST', '/hostingOrders:importNumbers', { numbers: [] });
  const orderId = order.body.hostingOrderId as string;
  await api('GET', `/hostingOrders/${orderId}`);
  k.sim.control.advance(3 * MIN);
  await api('GET', `/hostingOrders/${orderId}/numbers`);
  await api('GET', `/hostingOrders/${orderId}/numbers/${enc(B)}`);
  await api('GET', `/hostingOrders/${orderId}/report`);
  k.sim.control.advance(60 * MIN);
  await api('GET', `/hostingOrders/${orderId}`);
  await api('GET', `/hostingOrders/${orderId}/report`);
  await api('GET', `/hostingOrders/${orderId}/numbers?platformProvisioningState=DONE&pageSize=5`);
  await api('GET', `/hostingOrders/${orderId}/numbers/${enc(A)}`);
  await api('GET', '/hostingOrders/01arz3nhyrtsv4rrffq69g5fav');
  await api(
    'GET',
    `/hostingOrders?states=COMPLETED&type=IMPORT&servicePlanId=${PLAN}&campaignId=${CAMPAIGN}`,
  );
  await api('GET', '/hostingOrders?states=COMPLETED');
  // Qualification, voice challenge, text-enable (standard and toll-free, both families).
  const q = ['+13125550101', '+13125550102', '+13125550103', TF];
  await api('POST', '/qualifiedNumbers:addNumbers', { phoneNumbers: q });
  await api('POST', '/qualifiedNumbers:addNumbers', { phoneNumbers: [q[0]] });
  await api('POST', '/qualifiedNumbers:addNumbers', { phoneNumbers: ['123'] });
  await api('GET', `/qualifiedNumbers/${enc(q[0] as string)}`);
  for (const n of q) await control('POST', `/qualified-numbers/${enc(n)}/approve`, {});
  await api('POST', `/qualifiedNumbers/${enc(q[0] as string)}:sendVoiceChallenge`);
  await api('POST', `/qualifiedNumbers/${enc(q[0] as string)}:verifyVoiceChallenge`, { code: 'nope' });
  await api('POST', `/qualifiedNumbers/${enc(q[0] as string)}:verifyVoiceChallenge`, {
    code: k.sim.control.voiceCode(q[0] as string),
  });
  await api('POST', `/qualifiedNumbers/${enc(q[0] as string)}:verifyVoiceChallenge`, {});
  await api('POST', `/qualifiedNumbers/${enc('+19999999999')}:sendVoiceChallenge`);
  const te = await api('POST', '/hostingOrders:textEnableNumbers', {
    regionCode: 'US',
    numbers: [q[0]],
    servicePlanId: PLAN,
    campaignId: CAMPAIGN,
    directLoaInfo: directLoa,
    scheduledOsrUpdateTime: '2023-01-13T14:34:40.968Z',
    callbackUrl,
  });
  await api('POST', '/qualifiedNumbers:textEnableNumbers', {
    regionCode: 'US',
    numbers: [q[1]],
    servicePlanId: PLAN,
    campaignId: CAMPAIGN,
    resellerLoaInfo: { ...directLoa, businessName: 'Acme, Inc.' },
  });
  await api('POST', '/qualifiedNumbers:textEnableNumbers', {
    regionCode: 'US',
    numbers: [q[2]],
    servicePlanId: PLAN,
  });
  await api('POST', '/qualifiedNumbers:textEnableNumbers', {
    regionCode: 'US',
    numbers: ['+19999999999'],
    servicePlanId: PLAN,
    blanketLoaInfo: {},
  });
  await api('POST', '/hostingOrders:textEnableNumbers', {
    regionCode: 'US',
    numbers: [q[0]],
    servicePlanId: PLAN,
    blanketLoaInfo: {},
  });
  await api('POST', '/hostingOrders:textEnableTollFreeNumbers', {
    regionCode: 'US',
    numbers: [TF],
    servicePlanId: PLAN,
    directLoaInfo: directLoa,
    callbackUrl,
  });
  await api('POST', '/qualifiedNumbers:textEnableTollFreeNumbers', {
    regionCode: 'US',
    numbers: [q[2]],
    servicePlanId: PLAN,
    resellerLoaInfo: directLoa,
  });
  await api('POST', '/hostingOrders:textEnableNumbers', {
    regionCode: 'US',
    numbers: [q[2]],
    servicePlanId: PLAN,
    blanketLoaInfo: {},
  });
  const teId = te.body.hostingOrderId as string;
  k.sim.control.advance(MIN);
  await api('GET', `/hostingOrders/${teId}`);
  k.sim.control.signLoa(teId);
  k.sim.control.advance(60 * MIN);
  await api('GET', `/hostingOrders/${teId}`);
  await api('GET', `/hostingOrders/${teId}/numbers`);
  await api('GET', `/hostingOrders/${teId}/report`);
  await api(
    'GET',
    `/qualifiedNumbers?states=GLOBAL_PROCESS_STATE_HOSTING_DONE&states=GLOBAL_PROCESS_STATE_ELIGIBLE`,
  );
  await api('GET', '/qualifiedNumbers');
  await api('DELETE', `/qualifiedNumbers/${enc(q[2] as string)}`);
  await api('DELETE', `/qualifiedNumbers/${enc(q[2] as string)}`);
  await api('DELETE', `/importedNumbers/${enc(A)}`);
  await api('DELETE', `/importedNumbers/${enc(A)}`);
  // Gateway statuses.
  await api('GET', '/callbackConfiguration', undefined, null);
  await api('GET', '/callbackConfiguration', undefined, 'Bearer nope');
  k.sim.control.setFaults({ rate429: 1 });
  await api('GET', `/hostingOrders/${teId}`);
  k.sim.control.setFaults({ rate5xx: 1 });
  await api('GET', `/hostingOrders/${teId}`);
  await api('GET', '/callbackConfiguration');
  k.sim.control.setFaults({});
  await k.sim.control.flushCallbacks();
}

describe('spec conformance of every simulator response', () => {
  it('answers only what openapi.yaml declares, in the declared shapes', async () => {
    await scenario();
    const apiExchanges = capture.exchanges.filter((e) => e.url.pathname.startsWith('/v1/'));
    expect(apiExchanges.length).toBeGreaterThan(55);
    const statuses = new Set(apiExchanges.map((e) => e.status));
    for (const s of [200, 400, 401, 404, 409, 429, 500]) expect(statuses).toContain(s);
    const problems: string[] = [];
    for (const e of apiExchanges) {
      const result = checkResponse({
        method: e.method,
        path: e.url.pathname + e.url.search,
        status: e.status,
        body: e.raw ? JSON.parse(e.raw) : undefined,
        headers: e.responseHeaders,
      });
      if (!result.ok)
        problems.push(`${e.method} ${e.url.pathname} → ${e.status}: ${result.problems.join('; ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('gives 200 bodies the client’s own schemas (shared/sinch) accept', () => {
    const problems: string[] = [];
    let parsed = 0;
    for (const e of capture.exchanges) {
      if (e.status !== 200 || !e.url.pathname.startsWith('/v1/')) continue;
      const found = findOperation(e.method, e.url.pathname);
      const op = found && operationById(found.operationId);
      if (!op) {
        problems.push(`${e.method} ${e.url.pathname}: no operation`);
        continue;
      }
      const r = op.response.safeParse(e.raw ? JSON.parse(e.raw) : {});
      parsed += 1;
      if (!r.success) problems.push(`${op.operationId}: ${r.error.message}`);
    }
    expect(parsed).toBeGreaterThan(25);
    expect(problems).toEqual([]);
    for (const b of callbackBodies) expect(callbackPayload.safeParse(JSON.parse(b)).success).toBe(true);
  });

  it('sends callbacks that conform to CallbackPayload', () => {
    expect(callbackBodies.length).toBeGreaterThan(5);
    const problems = callbackBodies.flatMap((b) => {
      const r = checkCallbackPayload(JSON.parse(b));
      return r.ok ? [] : [`${b}: ${r.problems.join('; ')}`];
    });
    expect(problems).toEqual([]);
  });

  it('answers the token endpoint as REFERENCE §2.2 says', async () => {
    const res = await fetch(k.sim.authUrl, {
      method: 'POST',
      headers: { authorization: k.basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const r = checkTokenResponse(res.status, await res.json());
    expect(r.problems).toEqual([]);
  });
});
