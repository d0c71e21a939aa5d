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
      // Sinch's review is not what this test is about: decided at once (explicit review: control.test.ts)
      f = await syncFixture({
        sim: { seed: Number(process.env.SYNC_SEED ?? 5), settings: { qualificationReviewBusinessDays: 0 } },
      });
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

describe('text-enable of numbers the user marked qualified', () => {
  it('is sent at once, without reading each number first', async () => {
    f = await syncFixture();
    const phones = ['+12025550151', '+12025550152', '+12025550153'];
    await f.client.addQualifiedNumbers({ phoneNumbers: phones });
    for (const p of phones) f.sim.control.approveQualification(p);
    f.requests.length = 0;
    f.commit(phones.map((n) => row(n, { action: 'text-enable', qualified: true, loaType: 'blanket' })));
    const engine = f.newEngine();
    engine.start();
    await engine.idle();
    expect(f.requests[0]).toBe('POST /hostingOrders:textEnableNumbers');
    await f.runToEnd(engine);
    expect(Object.values(f.jobStates())).toEqual(['done']);
    expect(f.requests.filter((r) => r.startsWith('GET /qualifiedNumbers'))).toEqual([]);
  });

  it('waits for qualification when Sinch says they are not qualified yet, then sends once', async () => {
    f = await syncFixture();
    const phones = ['+12025550161', '+12025550162'];
    f.commit(phones.map((n) => row(n, { action: 'text-enable', qualified: true, loaType: 'blanket' })));
    const engine = f.newEngine();
    engine.start();
    await engine.idle();
    expect(f.jobStates()).toEqual({ 'b1-t1': 'waiting_remote' });
    expect(f.sim.control.createRequests(phones[0]).map((r) => r.httpStatus)).toEqual([404]);
    // The user qualifies them elsewhere; the gate sees it and sends exactly once more.
    await f.client.addQualifiedNumbers({ phoneNumbers: phones });
    for (const p of phones) f.sim.control.approveQualification(p);
    await f.runToEnd(engine);
    expect(f.jobStates()).toEqual({ 'b1-t1': 'done' });
    for (const p of phones) expect(f.accepted(p, 'hostingOrders:textEnableNumbers')).toBe(1);
    // The refused send was a definite "not processed": no reconciliation listing was needed.
    expect(f.requests.filter((r) => r === 'GET /hostingOrders')).toEqual([]);
  });
});

describe('remote waits end (issue 9 defect 2)', () => {
  const DAY = 24 * 60 * 60_000;

  it('a text-enable row marked qualified for a number that is not: fails after the review limit, saying what to do', async () => {
    // a day per step: the loop's idle wake-ups (30 s) would cost thousands of empty looks per day
    f = await syncFixture({ engine: { idleWakeMs: DAY } });
    const phone = '+12025550191';
    f.commit([row(phone, { action: 'text-enable', qualified: true, loaType: 'blanket' })]);
    const engine = f.newEngine();
    engine.start();
    await engine.idle();
    expect(f.jobStates()).toEqual({ 'b1-t1': 'waiting_remote' });
    // 5 business days from this Friday morning end next Friday: still waiting on Tuesday
    for (let i = 0; i < 4; i++) await f.advance(engine, DAY);
    expect(f.jobStates()).toEqual({ 'b1-t1': 'waiting_remote' });
    await f.runToEnd(engine, DAY, 10);
    expect(f.jobStates()).toEqual({ 'b1-t1': 'failed' });
    const error = JSON.parse(f.queue.get(f.jobIdOf('b1-t1'))?.last_error ?? '{}');
    expect(error.message).toMatch(/\+12025550191 is not a qualified number at Sinch\. Qualify it first/);
    expect(error.details).toMatchObject({ reason: 'qualification-timeout', absent: [phone] });
  });

  it('a qualification Sinch never decides fails after the limit and names orders@sinch.com', async () => {
    f = await syncFixture({
      sim: { settings: { qualificationReviewBusinessDays: null } },
      engine: { idleWakeMs: DAY },
    });
    const phone = '+12025550192';
    f.commit([row(phone, { action: 'text-enable', loaType: 'blanket' })]);
    const engine = f.newEngine();
    engine.start();
    await f.runToEnd(engine, DAY, 12);
    expect(f.jobStates()).toEqual({ 'b1-q1': 'done', 'b1-t1': 'failed' });
    const error = JSON.parse(f.queue.get(f.jobIdOf('b1-t1'))?.last_error ?? '{}');
    expect(error.message).toMatch(
      /not decided the qualification of \+12025550192 within 5 business days\. Write to orders@sinch\.com/,
    );
  });
});

describe('qualification gate', () => {
  it('leaves out a number found NOT_ELIGIBLE and text-enables the rest once', async () => {
    f = await syncFixture({ sim: { settings: { qualificationReviewBusinessDays: null } } });
    const good = '+12025550171';
    const bad = '+12025550172';
    f.commit(
      [good, bad].map((n) => row(n, { action: 'text-enable', loaType: 'direct', loaProfileId: 'p1' })),
    );
    const engine = f.newEngine();
    engine.start();
    await f.advance(engine, 60_000);
    expect(f.jobStates()).toEqual({ 'b1-q1': 'done', 'b1-t1': 'waiting_remote' });
    f.sim.control.approveQualification(good);
    f.sim.control.rejectQualification(bad);
    await f.runToEnd(engine);
    expect(f.jobStates()).toEqual({ 'b1-q1': 'done', 'b1-t1': 'done' });
    expect(f.accepted(good, 'hostingOrders:textEnableNumbers')).toBe(1);
    expect(f.sim.control.createRequests(bad).map((r) => r.operation)).toEqual([
      'qualifiedNumbers:addNumbers',
    ]);
    expect(numberTimeline(f.db, bad).map((s) => s.state)).toContain('not-eligible');
    // The send itself was a counted attempt in `send` mode.
    const history = f.queue.attempts(
      f.db.prepare(`SELECT id FROM jobs WHERE job_key = 'b1-t1'`).pluck().get() as number,
    );
    expect(history.some((a) => a.outcome === 'ready')).toBe(true);
    expect(history.find((a) => a.phase === 'intent')?.attempt).toBe(2);
  });
});

describe('qualification gate on many numbers', () => {
  it('lists the pending states instead of reading every number on every look', async () => {
    f = await syncFixture({ sim: { settings: { qualificationReviewBusinessDays: null } } });
    const phones = Array.from({ length: 25 }, (_, i) => `+1202555${String(1800 + i)}`);
    f.commit(phones.map((n) => row(n, { action: 'text-enable', loaType: 'blanket' })));
    const engine = f.newEngine();
    engine.start();
    for (let i = 0; i < 30; i++) await f.advance(engine, 60_000);
    expect(f.jobStates()).toEqual({ 'b1-q1': 'done', 'b1-t1': 'waiting_remote' });
    const perNumberReads = () => f.requests.filter((r) => /^GET \/qualifiedNumbers\/\+/.test(r)).length;
    expect(perNumberReads()).toBe(0);
    expect(f.requests.filter((r) => r === 'GET /qualifiedNumbers').length).toBeGreaterThan(0);

    for (const p of phones) f.sim.control.approveQualification(p);
    await f.runToEnd(engine);
    expect(f.jobStates()).toEqual({ 'b1-q1': 'done', 'b1-t1': 'done' });
    expect(perNumberReads()).toBe(phones.length);
    for (const p of phones) expect(f.accepted(p, 'hostingOrders:textEnableNumbers')).toBe(1);
  });
});
