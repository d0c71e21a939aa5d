/**
 * Random sequences of client calls and control actions over a small pool of numbers, to reach the
 * states the scripted tests do not (failed steps, refused LOAs, deprovisioning, blocked verification,
 * deleted-then-reimported numbers…). Whatever happens: no 5xx, every response conforms strictly to the
 * spec, and the client parses every 2xx body (no SinchResponseError).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SinchApiError, SinchInputError, SinchResponseError } from '../../electron/core/sinch';
import { ControlError } from '../../electron/sandbox';
import type { HostingOrderNumber } from '../../shared/sinch';
import {
  CAMPAIGN,
  directLoaInfo,
  type Harness,
  MINUTE,
  PLAN,
  resellerLoaInfo,
  startHarness,
} from './harness';

const STANDARD = ['+12025550141', '+12025550142', '+13035550143', '+14155550144'];
const TOLL_FREE = ['+18335550145', '+18885550146'];
const ALL = [...STANDARD, ...TOLL_FREE];

type Act = (h: Harness, orders: string[]) => Promise<unknown>;

const phone = fc.constantFrom(...ALL);
const some = fc.subarray(ALL, { minLength: 1, maxLength: 3 });
const orderPick = fc.nat(5);
const pickOrder = (orders: string[], i: number) =>
  orders[i % Math.max(1, orders.length)] ?? '01arz3nhyrtsv4rrffq69g5fav';
const keep = (orders: string[]) => (o: { hostingOrderId?: string | undefined }) => {
  if (o.hostingOrderId) orders.push(o.hostingOrderId);
};

const actions: fc.Arbitrary<[string, Act]>[] = [
  phone.map((p) => [
    `import ${p}`,
    (h) =>
      h.client.importNumber({
        phoneNumber: p,
        regionCode: 'US',
        smsConfiguration: { servicePlanId: PLAN, campaignId: CAMPAIGN },
      }),
  ]),
  phone.map((p) => [`get ${p}`, (h) => h.client.getImportedNumber(p)]),
  fc.tuple(phone, fc.constantFrom('', PLAN, 'otherPlan0001')).map(([p, plan]) => [
    `patch ${p} plan=${plan}`,
    (h) =>
      h.client.updateImportedNumber(p, {
        smsConfiguration: { servicePlanId: plan, campaignId: plan === '' ? '' : CAMPAIGN },
      }),
  ]),
  phone.map((p) => [`delete ${p}`, (h) => h.client.deleteImportedNumber(p)]),
  some.map((ns) => [
    `order ${ns}`,
    (h, o) =>
      h.client
        .importNumbersOrder({ regionCode: 'US', numbers: ns, servicePlanId: PLAN, campaignId: CAMPAIGN })
        .then(keep(o)),
  ]),
  some.map((ns) => [`qualify ${ns}`, (h) => h.client.addQualifiedNumbers({ phoneNumbers: ns })]),
  fc
    .tuple(phone, fc.boolean(), fc.boolean())
    .map(([p, ok, verify]) => [
      `${ok ? 'approve' : 'reject'} ${p}`,
      async (h) =>
        ok
          ? h.sim.control.approveQualification(p, { requireVerification: verify })
          : h.sim.control.rejectQualification(p),
    ]),
  fc.tuple(phone, fc.boolean()).map(([p, right]) => [
    `voice ${p} ${right ? 'right' : 'wrong'}`,
    async (h) => {
      await h.client.sendVoiceChallenge(p);
      const code = h.sim.control.voiceCode(p) ?? '';
      return h.client.verifyVoiceChallenge(p, { code: right ? code : code === '0000' ? '1111' : '0000' });
    },
  ]),
  fc
    .tuple(some, fc.constantFrom('direct', 'reseller', 'blanket'), fc.boolean())
    .map(([ns, loa, viaQualified]) => [
      `text-enable ${ns} ${loa}`,
      async (h, o) => {
        const tollFree = ns.every((n) => TOLL_FREE.includes(n));
        const base = { regionCode: 'US' as const, numbers: ns, servicePlanId: PLAN };
        const loaInfo =
          loa === 'reseller'
            ? { resellerLoaInfo }
            : loa === 'direct' || tollFree
              ? { directLoaInfo }
              : { blanketLoaInfo: {} };
        if (tollFree) {
          const body = { ...base, ...('blanketLoaInfo' in loaInfo ? { directLoaInfo } : loaInfo) };
          return (
            viaQualified
              ? h.client.textEnableTollFreeQualifiedNumbers(body)
              : h.client.textEnableTollFreeNumbersOrder(body)
          ).then(keep(o));
        }
        const body = { ...base, campaignId: CAMPAIGN, ...loaInfo };
        return (
          viaQualified ? h.client.textEnableQualifiedNumbers(body) : h.client.textEnableNumbersOrder(body)
        ).then(keep(o));
      },
    ]),
  fc
    .tuple(orderPick, fc.boolean())
    .map(([i, sign]) => [
      `${sign ? 'sign' : 'refuse'} LOA #${i}`,
      async (h, o) =>
        sign ? h.sim.control.signLoa(pickOrder(o, i)) : h.sim.control.refuseLoa(pickOrder(o, i)),
    ]),
  fc
    .tuple(
      phone,
      fc.constantFrom('osr', 'platform', 'campaign') as fc.Arbitrary<'osr' | 'platform' | 'campaign'>,
    )
    .map(([p, step]) => [`fail ${step} of ${p}`, async (h) => h.sim.control.injectFailure(p, step)]),
  fc
    .integer({ min: 1, max: 90 })
    .map((m) => [`advance ${m}m`, async (h) => h.sim.control.advance(m * MINUTE)]),
  orderPick.map((i) => [
    `inspect order #${i}`,
    async (h, o) => {
      const id = pickOrder(o, i);
      const order = await h.client.getHostingOrder(id);
      const report = await h.client.getHostingOrderReport(id);
      const numbers: HostingOrderNumber[] = [];
      for await (const n of h.client.iterateHostingOrderNumbers(id, { pageSize: 2 })) numbers.push(n);
      // the report agrees with the per-number states, recounted here (§6.12)
      const count = (f: (n: HostingOrderNumber) => boolean) => numbers.filter(f).length;
      expect(report).toEqual({
        total: numbers.length,
        osrUpdated: count((n) => n.osrUpdate?.state === 'DONE'),
        smsProvisioned: count((n) => n.platformProvisioning?.state === 'DONE'),
        addedToCampaign: count((n) => n.campaignProvisioning?.state === 'DONE'),
        ongoingManualAction: 0,
      });
      // a finished order has no step still waiting or running
      if (order.state === 'COMPLETED') {
        for (const n of numbers) {
          for (const step of [n.osrUpdate, n.platformProvisioning, n.campaignProvisioning]) {
            expect(['DONE', 'FAILED', 'STATE_UNSPECIFIED']).toContain(step?.state);
          }
        }
      }
    },
  ]),
  fc.constant<[string, Act]>([
    'list everything',
    async (h) => {
      await h.client.listImportedNumbers({ servicePlanId: PLAN, campaignId: CAMPAIGN });
      await h.client.listQualifiedNumbers({
        states: [
          'GLOBAL_PROCESS_STATE_ELIGIBLE',
          'GLOBAL_PROCESS_STATE_HOSTING_FAILED',
          'GLOBAL_PROCESS_STATE_VERIFICATION_BLOCKED',
        ],
      });
      await h.client.listHostingOrders({
        states: ['IN_PROGRESS', 'COMPLETED', 'REJECTED'],
        type: 'TYPE_TEXT_ENABLE',
        servicePlanId: PLAN,
        campaignId: CAMPAIGN,
      });
    },
  ]),
  phone.map((p) => [`get qualified ${p}`, (h) => h.client.getQualifiedNumber(p)]),
  phone.map((p) => [`delete qualified ${p}`, (h) => h.client.deleteQualifiedNumber(p)]),
];

describe('random sessions', () => {
  it('never produce a 5xx, a non-conforming response or an unparsable 2xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(...actions), { minLength: 10, maxLength: 30 }), async (steps) => {
        const h = await startHarness();
        const orders: string[] = [];
        const log: string[] = [];
        try {
          for (const [label, act] of steps) {
            log.push(label);
            try {
              await act(h, orders);
            } catch (error) {
              // API refusals and control-surface refusals are fine; anything else is a finding.
              if (error instanceof SinchResponseError)
                throw new Error(`${label}: client could not parse a 2xx body`);
              if (error instanceof SinchApiError && error.httpStatus >= 500)
                throw new Error(`${label}: ${error.httpStatus} ${error.message}`);
              if (
                !(
                  error instanceof SinchApiError ||
                  error instanceof SinchInputError ||
                  error instanceof ControlError
                )
              ) {
                throw error;
              }
            }
          }
          await h.sim.control.flushCallbacks();
          expect(h.nonConforming(), log.join(' ; ')).toEqual([]);
        } finally {
          await h.close();
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 8) },
    );
  });
});
