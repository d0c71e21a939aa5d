import { afterEach, describe, expect, it } from 'vitest';
import { getNumber, numberTimeline } from '../store/numbers';
import { CAMPAIGN, OTHER_PLAN_ID, PLAN_ID, row, type SyncFixture, syncFixture } from './test-support';

let f: SyncFixture;
afterEach(async () => {
  await f?.cleanup();
});

const single = '+12025550100';
const orderNumbers = [
  '+12025550111',
  '+12025550112',
  '+12025550113',
  '+12025550114',
  '+12025550115',
  '+12025550116',
  '+12025550117',
];
const direct = ['+12025550121', '+12025550122'];
const reseller = ['+12025550131'];
const blanket = ['+12025550141', '+12025550142'];
const tollFree = ['+18335870229'];

describe('a mixed plan runs to the end', () => {
  it.each([
    ['hostingOrders', {}],
    ['qualifiedNumbers', {}],
    ['hostingOrders', { rate5xx: 0.15, resetAfter: 0.15, rate429: 0.1, retryAfterSeconds: 2 }],
  ] as const)(
    'text-enable via %s, faults %j: one accepted create per number and operation',
    { timeout: 120_000 },
    async (via, faults) => {
      f = await syncFixture({ sim: { seed: Number(process.env.SYNC_SEED ?? 5) } });
      f.sim.control.setFaults(faults);
      const rows = [
        row(single, { campaignId: '' }),
        ...orderNumbers.map((n) => row(n)),
        ...direct.map((n) => row(n, { action: 'text-enable', loaType: 'direct', loaProfileId: 'p1' })),
        ...reseller.map((n) => row(n, { action: 'text-enable', loaType: 'reseller', loaProfileId: 'p2' })),
        ...blanket.map((n) => row(n, { action: 'text-enable', loaType: 'blanket' })),
        ...tollFree.map((n) => row(n, { action: 'text-enable', loaType: 'direct', loaProfileId: 'p1' })),
      ];
      const { plan } = f.commit(rows);
      const ops = plan.calls.map((c) => c.operation).sort();
      expect(ops).toEqual(
        [
          'importNumber',
          'importNumbersOrder',
          'importNumbersOrder',
          'qualifyNumbers',
          'textEnableNumbers',
          'textEnableNumbers',
          'textEnableNumbers',
          'textEnableTollFreeNumbers',
        ].sort(),
      );
      const engine = f.newEngine({
        textEnableVia: via,
        loa: (_id, type) =>
          type === 'reseller'
            ? { kind: 'reseller', info: { businessName: 'Acme Resale', ...directLoaInfo() } }
            : { kind: 'direct', info: directLoaInfo() },
      });
      engine.start();
      // Under faults each 5-minute step allows about one try per job: give it more steps.
      await f.runToEnd(engine, 5 * 60_000, Object.keys(faults).length ? 400 : 100);

      expect(Object.values(f.jobStates()), f.describeUnfinished()).toEqual(plan.calls.map(() => 'done'));
      expect(f.accepted(single, 'importNumber')).toBe(1);
      for (const n of orderNumbers) expect(f.accepted(n, 'hostingOrders:importNumbers')).toBe(1);
      for (const n of [...direct, ...reseller, ...blanket, ...tollFree]) {
        expect(f.accepted(n, 'qualifiedNumbers:addNumbers')).toBe(1);
        expect(
          f.sim.control
            .createRequests(n)
            .filter((r) => r.operation.includes('textEnable') && r.outcome === 'ACCEPTED'),
        ).toHaveLength(1);
      }
      // Nothing was refused as a duplicate: nothing was sent twice.
      expect(f.sim.control.createRequests().filter((r) => r.httpStatus === 409)).toEqual([]);

      // Per-number states and timelines follow the remote states.
      expect(getNumber(f.db, single)?.state).toBe('imported');
      for (const n of orderNumbers) expect(getNumber(f.db, n)?.state).toBe('imported');
      for (const n of [...direct, ...reseller, ...blanket, ...tollFree])
        expect(getNumber(f.db, n)?.state).toBe('hosted');
      const timeline = numberTimeline(f.db, direct[0] as string).map((s) => s.state);
      expect(timeline[0]).toBe('planned');
      // Under faults a lost answer may skip a state the reconciliation read no longer sees.
      if (Object.keys(faults).length === 0) {
        expect(timeline).toContain('qualifying');
        expect(timeline).toContain('eligible');
        expect(timeline).toContain('ordered');
      }
      expect(timeline.at(-1)).toBe('hosted');
      // The text-enable orders carry the job key and were recorded locally.
      const orders = f.db.prepare(`SELECT kind, display_name, state FROM orders ORDER BY id`).all() as Array<{
        kind: string;
        display_name: string;
        state: string;
      }>;
      expect(orders.map((o) => o.state)).toEqual(orders.map(() => 'COMPLETED'));
      expect(orders.filter((o) => o.kind === 'import')).toHaveLength(2);
      expect(orders.filter((o) => o.kind.startsWith('text-enable'))).toHaveLength(4);
    },
  );
});

function directLoaInfo() {
  return {
    authorisedPerson: { firstName: 'Jane', lastName: 'Roe', email: 'jane.roe@acme.example' },
    address: {
      buildingNumber: '1',
      street: 'Main St',
      city: 'Springfield',
      state: 'IL',
      postalCode: '62701',
      country: 'US',
    },
    currentVoiceCarrier: 'Verizon',
  };
}

void CAMPAIGN;
void OTHER_PLAN_ID;
void PLAN_ID;
