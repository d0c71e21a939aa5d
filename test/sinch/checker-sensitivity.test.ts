/**
 * The conformance checker must be able to fail on the very data the contract tests feed it: every
 * real simulator response of a short session, mutated one place at a time (an undeclared property at
 * each object, a wrong JSON type at each leaf, each always-present field dropped), must be rejected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALWAYS_PRESENT, checkResponse } from '../support/openapi-checker';
import { CAMPAIGN, directLoaInfo, freshNumber, type Harness, MINUTE, PLAN, startHarness } from './harness';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Sample = { method: string; path: string; status: number; body: Json };

let h: Harness;
const samples: Sample[] = [];

beforeAll(async () => {
  h = await startHarness();
  const phone = freshNumber();
  await h.client.importNumber({
    phoneNumber: phone,
    regionCode: 'US',
    smsConfiguration: { servicePlanId: PLAN, campaignId: CAMPAIGN },
  });
  h.sim.control.advance(30 * MINUTE);
  await h.client.getImportedNumber(phone);
  await h.client.listImportedNumbers({ servicePlanId: PLAN, campaignId: CAMPAIGN });
  const q = freshNumber();
  await h.client.addQualifiedNumbers({ phoneNumbers: [q] });
  h.sim.control.approveQualification(q);
  const order = await h.client.textEnableNumbersOrder({
    regionCode: 'US',
    numbers: [q],
    servicePlanId: PLAN,
    campaignId: CAMPAIGN,
    directLoaInfo,
  });
  const id = order.hostingOrderId ?? '';
  h.sim.control.signLoa(id);
  h.sim.control.advance(60 * MINUTE);
  await h.client.getHostingOrder(id);
  await h.client.getHostingOrderReport(id);
  await h.client.listHostingOrderNumbers(id);
  await h.client.getQualifiedNumber(q);
  await h.client.getCallbackConfiguration();
  await h.client.getImportedNumber(freshNumber()).catch(() => undefined); // a 404
  for (const e of h.exchanges) {
    if (e.url.pathname.endsWith('/oauth2/token') || e.raw === '') continue;
    samples.push({
      method: e.method,
      path: e.url.pathname,
      status: e.status,
      body: JSON.parse(e.raw) as Json,
    });
  }
});
afterAll(async () => h.close());

/** Every (path, value) in a JSON document, depth first. */
function* nodes(value: Json, path: (string | number)[] = []): Generator<[(string | number)[], Json]> {
  yield [path, value];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* nodes(v, [...path, i]);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* nodes(v, [...path, k]);
}
function mutate(
  body: Json,
  path: (string | number)[],
  change: (parent: Json[] | Record<string, Json>, key: string | number) => void,
): Json {
  const copy = structuredClone(body);
  if (path.length === 0) return copy;
  let parent: Json = copy;
  for (const p of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[p] as Json;
  change(parent as Record<string, Json>, path.at(-1) as string | number);
  return copy;
}
const check = (s: Sample, body: Json) =>
  checkResponse({ method: s.method, path: s.path, status: s.status, body });

describe('the checker rejects one-place mutations of real simulator responses', () => {
  it('the session produced a broad sample, all of it conforming', () => {
    expect(samples).toHaveLength(11); // the eleven calls above
    expect(new Set(samples.map((s) => s.status))).toEqual(new Set([200, 404]));
    for (const s of samples) expect(check(s, s.body).problems).toEqual([]);
  });

  it('an undeclared property at any object', () => {
    let tried = 0;
    for (const s of samples) {
      for (const [path, value] of nodes(s.body)) {
        if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
        const body =
          path.length === 0
            ? { ...(value as Record<string, Json>), voiceCarrier: 'x' }
            : mutate(s.body, path, (parent, key) => {
                (parent as Record<string, Json>)[key] = {
                  ...(value as Record<string, Json>),
                  voiceCarrier: 'x',
                };
              });
        const problems = check(s, body).problems;
        expect(
          problems.some((p) => p.includes('.voiceCarrier: property not declared')),
          `${s.path} ${path.join('.')}`,
        ).toBe(true);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(40);
  });

  it('a wrong JSON type at any leaf', () => {
    let tried = 0;
    for (const s of samples) {
      for (const [path, value] of nodes(s.body)) {
        if (path.length === 0 || (value !== null && typeof value === 'object')) continue;
        // §9 #5: these integers may legitimately be strings
        if (path.includes('scheduledProvisioning')) continue;
        const wrong: Json = typeof value === 'string' ? 42 : typeof value === 'number' ? 'forty-two' : 'true';
        const body = mutate(s.body, path, (parent, key) => {
          (parent as Record<string | number, Json>)[key] = wrong;
        });
        expect(check(s, body).ok, `${s.path} ${path.join('.')}`).toBe(false);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(150);
  });

  it('a value outside the enum at every enum-typed field', () => {
    const enumKeys = new Set(['state', 'type', 'globalProcessState', 'serviceType', 'operation', 'loaType']);
    let tried = 0;
    for (const s of samples) {
      for (const [path, value] of nodes(s.body)) {
        const key = path.at(-1);
        if (typeof key !== 'string' || !enumKeys.has(key) || typeof value !== 'string') continue;
        if (path.at(-2) === 'address') continue; // `address.state` is a US state, free text
        const body = mutate(s.body, path, (parent, k) => {
          (parent as Record<string, Json>)[k] = 'NOT_IN_THE_ENUM';
        });
        const problems = check(s, body).problems;
        expect(
          problems.some((p) => p.includes('"NOT_IN_THE_ENUM" is not in the enum')),
          `${s.path} ${path.join('.')}`,
        ).toBe(true);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(30);
  });

  it('each always-present field dropped', () => {
    const always = new Set(ALWAYS_PRESENT.flatMap((r) => r.fields));
    let tried = 0;
    for (const s of samples) {
      for (const [path] of nodes(s.body)) {
        const key = path.at(-1);
        if (typeof key !== 'string' || !always.has(key)) continue;
        const body = mutate(s.body, path, (parent, k) => {
          delete (parent as Record<string, Json>)[k];
        });
        const problems = check(s, body).problems;
        // identity-like names (e.g. `phoneNumber`) are always-present on some schemas only
        if (problems.length === 0) continue;
        expect(
          problems.some((p) => p.includes(`.${key}: missing`)),
          `${s.path} ${path.join('.')}`,
        ).toBe(true);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(20);
  });
});
