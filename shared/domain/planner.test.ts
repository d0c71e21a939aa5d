import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PlanRow, planBatch, summarizePlan } from './planner';
import type { CallOperation } from './tasks';

const TOLL_FREE = new Set(['800', '888']);
const npas = ['202', '212', '312', '415', '416', '604', '800', '888'] as const;
const regionOf = (npa: string) => (npa === '416' || npa === '604' ? 'CA' : 'US');

const row = (phoneNumber: string, extra: Partial<PlanRow> = {}): PlanRow => ({
  phoneNumber,
  action: 'import',
  servicePlanId: 'plan-a',
  ...extra,
});
const nums = (npa: string, count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => `+1${npa}555${String(from + i).padStart(4, '0')}`);

describe('planBatch, hand-checked examples', () => {
  it('a row next to one with other fields, region or toll-free flag starts or finds its own group', () => {
    // consecutive rows with the same fields reuse the previous row's group (a fast path): every
    // difference must still split, and A, B, A puts both A rows in one call
    const te = (phoneNumber: string, extra: Partial<PlanRow> = {}) =>
      row(phoneNumber, { action: 'text-enable', loaType: 'direct', loaProfileId: 'p1', ...extra });
    const plan = planBatch(
      [
        row('+12025550100'),
        row('+14165550100'), // CA
        row('+12025550101', { campaignId: 'C1' }),
        row('+12025550102', { servicePlanId: 'plan-b' }),
        row('+12025550103'), // back to the first group
        te('+12025550104', { qualified: true }),
        te('+18005550100', { qualified: true }), // toll-free
        te('+12025550105', { qualified: true, loaProfileId: 'p2' }),
        te('+12025550106', { qualified: true, loaType: 'reseller' }),
        te('+12025550107'), // same group as 104, needs qualifying
      ],
      { intentId: 'g' },
    );
    expect(
      plan.calls.map((c) => [c.operation, c.numbers, c.regionCode ?? null, c.servicePlanId ?? null]),
    ).toEqual([
      ['importNumbersOrder', ['+12025550100', '+12025550103'], 'US', 'plan-a'],
      ['importNumber', ['+14165550100'], 'CA', 'plan-a'],
      ['importNumber', ['+12025550101'], 'US', 'plan-a'],
      ['importNumber', ['+12025550102'], 'US', 'plan-b'],
      ['qualifyNumbers', ['+12025550107'], null, null],
      ['textEnableNumbers', ['+12025550104', '+12025550107'], 'US', 'plan-a'],
      ['textEnableTollFreeNumbers', ['+18005550100'], 'US', 'plan-a'],
      ['textEnableNumbers', ['+12025550105'], 'US', 'plan-a'],
      ['textEnableNumbers', ['+12025550106'], 'US', 'plan-a'],
    ]);
    expect(plan.calls[2]?.campaignId).toBe('C1');
    expect(plan.calls.slice(5).map((c) => [c.loaProfileId, c.loaType, c.dependsOn])).toEqual([
      ['p1', 'direct', ['g-q1']],
      ['p1', 'direct', []],
      ['p2', 'direct', []],
      ['p1', 'reseller', []],
    ]);
  });

  it('chunks imports by 5 and uses the single import for a chunk of one', () => {
    const plan = planBatch(
      nums('202', 11).map((n) => row(n)),
      { intentId: 'b1' },
    );
    expect(plan.calls.map((c) => [c.operation, c.numbers.length])).toEqual([
      ['importNumbersOrder', 5],
      ['importNumbersOrder', 5],
      ['importNumber', 1],
    ]);
    expect(plan.calls[0]?.key).toBe('b1-o1');
    expect(plan.calls[0]?.displayName).toBe('HD b1-o1');
    expect(plan.calls[2]?.displayName).toBeUndefined();
  });

  it('imports a number with a display name on its own, the name on the call (only a single import sends it)', () => {
    const [a, b, c, d] = nums('202', 4);
    const plan = planBatch(
      [
        row(a as string),
        row(b as string, { displayName: 'Front desk', campaignId: 'C1' }),
        row(c as string),
        row(d as string),
      ],
      { intentId: 'n1' },
    );
    expect(plan.calls.map((x) => [x.operation, x.numbers, x.displayName])).toEqual([
      ['importNumbersOrder', [a, c, d], 'HD n1-o1'],
      ['importNumber', [b], 'Front desk'],
    ]);
    expect(plan.calls[1]).toMatchObject({ servicePlanId: 'plan-a', campaignId: 'C1', regionCode: 'US' });
    expect(plan.acceptedRows).toBe(4);
    // a text-enable row's name is not a field of any text-enable request: ignored, not a separate call
    const te = planBatch(
      [row(a as string, { action: 'text-enable', loaType: 'blanket', displayName: 'x', qualified: true })],
      { intentId: 'n2' },
    );
    expect(te.calls.map((x) => x.operation)).toEqual(['textEnableNumbers']);
  });

  it('honours a raised import limit', () => {
    const plan = planBatch(
      nums('202', 45).map((n) => row(n)),
      { intentId: 'b1', importOrderLimit: 20 },
    );
    expect(plan.calls.map((c) => c.numbers.length)).toEqual([20, 20, 5]);
  });

  it('splits by region, service plan and campaign', () => {
    const rows = [
      ...nums('202', 3).map((n) => row(n)),
      ...nums('416', 2).map((n) => row(n)),
      ...nums('212', 2).map((n) => row(n, { servicePlanId: 'plan-b' })),
      ...nums('312', 2).map((n) => row(n, { campaignId: 'C3O8OGA' })),
    ];
    const plan = planBatch(rows, { intentId: 'b2' });
    expect(
      plan.calls.map((c) => [c.regionCode, c.servicePlanId, c.campaignId ?? '-', c.numbers.length]),
    ).toEqual([
      ['US', 'plan-a', '-', 3],
      ['CA', 'plan-a', '-', 2],
      ['US', 'plan-b', '-', 2],
      ['US', 'plan-a', 'C3O8OGA', 2],
    ]);
  });

  it('qualifies before text-enabling, 500 per call, and waits for qualification', () => {
    const rows = nums('202', 1001).map((n) =>
      row(n, { action: 'text-enable', loaType: 'reseller', loaProfileId: 'loa-1' }),
    );
    const plan = planBatch(rows, { intentId: 'b3' });
    expect(plan.calls.map((c) => [c.key, c.numbers.length, c.dependsOn.join(',')])).toEqual([
      ['b3-q1', 500, ''],
      ['b3-q2', 500, ''],
      ['b3-q3', 1, ''],
      ['b3-t1', 500, 'b3-q1'],
      ['b3-t2', 500, 'b3-q2'],
      ['b3-t3', 1, 'b3-q3'],
    ]);
    expect(plan.calls[3]?.awaits).toBe('qualification');
    expect(plan.calls[3]?.displayName).toBe('HD b3-t1');
  });

  it('skips qualification for numbers already qualified', () => {
    const rows = nums('202', 3).map((n, i) =>
      row(n, { action: 'text-enable', loaType: 'blanket', qualified: i !== 1 }),
    );
    const plan = planBatch(rows, { intentId: 'b4' });
    expect(plan.calls.map((c) => [c.operation, c.numbers])).toEqual([
      ['qualifyNumbers', ['+12025550001']],
      ['textEnableNumbers', ['+12025550000', '+12025550001', '+12025550002']],
    ]);
    // all already qualified: nothing to qualify, nothing to wait for
    const ready = planBatch(
      nums('202', 2).map((n) => row(n, { action: 'text-enable', loaType: 'blanket', qualified: true })),
      {
        intentId: 'b4b',
      },
    );
    expect(ready.calls.map((c) => [c.operation, c.dependsOn, c.awaits])).toEqual([
      ['textEnableNumbers', [], undefined],
    ]);
  });

  it('sends toll-free to the toll-free endpoint without a campaign, and refuses it for import', () => {
    const rows = [
      row('+18005550100', {
        action: 'text-enable',
        loaType: 'direct',
        loaProfileId: 'p',
        campaignId: 'C3O8OGA',
      }),
      row('+18005550101'),
    ];
    const plan = planBatch(rows, { intentId: 'b5' });
    expect(plan.calls.map((c) => c.operation)).toEqual(['qualifyNumbers', 'textEnableTollFreeNumbers']);
    expect(plan.calls[1]?.campaignId).toBeUndefined();
    expect(plan.rejected.map((r) => r.index)).toEqual([1]);
  });

  it('unlinks before relinking, as two ordered calls per number', () => {
    const plan = planBatch([row('+12025550100', { action: 'relink', campaignId: 'NEWCAMP' })], {
      intentId: 'b6',
    });
    expect(plan.calls.map((c) => [c.key, c.operation, c.dependsOn])).toEqual([
      ['b6-u1', 'unlinkNumber', []],
      ['b6-l1', 'linkNumber', ['b6-u1']],
    ]);
  });

  it('rejects invalid, duplicate and inconsistent rows with a reason', () => {
    const plan = planBatch(
      [
        row('+11234567890'),
        row('(202) 555-0100'),
        row('+12025550100'),
        row('+14165550100', { regionCode: 'US' }),
        row('+12025550101', { action: 'text-enable' }),
        row('+12025550102', { action: 'text-enable', loaType: 'direct' }),
      ],
      { intentId: 'b7' },
    );
    expect(plan.acceptedRows).toBe(1);
    expect(plan.rejected.map((r) => r.index)).toEqual([0, 2, 3, 4, 5]);
    for (const r of plan.rejected) expect(r.reason.length).toBeGreaterThan(10);
    const summary = summarizePlan(plan);
    expect(summary).toMatchObject({ acceptedRows: 1, rejectedRows: 5, totalCalls: 1 });
    expect(summary.callsByOperation.importNumber).toBe(1);
  });

  // Issue 9 defect 5: a rejection cited "REFERENCE.md §6.10" to the user.
  it('says why a toll-free row with a blanket LOA is refused, and what to do, without citing documents', () => {
    const plan = planBatch([row('+18335870229', { action: 'text-enable', loaType: 'blanket' })], {
      intentId: 'tf',
    });
    const reason = plan.rejected[0]?.reason ?? '';
    expect(reason).toMatch(/direct or reseller LOA/);
    expect(reason).not.toMatch(/REFERENCE|§|\.md\b/);
  });

  it('plans a qualify-only list as qualifyNumbers calls of 500, in input order, nothing else', () => {
    const rows = [...nums('202', 501), ...nums('416', 300), ...nums('800', 2)].map((n) =>
      row(n, { action: 'qualify', servicePlanId: undefined }),
    );
    const plan = planBatch(rows, { intentId: 'q1' });
    expect(plan.rejected).toEqual([]);
    expect(plan.acceptedRows).toBe(803);
    expect(plan.calls.map((c) => [c.key, c.operation, c.numbers.length, c.dependsOn])).toEqual([
      ['q1-q1', 'qualifyNumbers', 500, []],
      ['q1-q2', 'qualifyNumbers', 303, []],
    ]);
    expect(plan.calls.flatMap((c) => c.numbers)).toEqual(rows.map((r) => r.phoneNumber));
    // the body is the phone numbers only (REFERENCE.md §5.3 (17)): nothing else is carried
    for (const call of plan.calls) {
      expect(call.servicePlanId).toBeUndefined();
      expect(call.regionCode).toBeUndefined();
      expect(call.displayName).toBeUndefined();
      expect(call.awaits).toBeUndefined();
    }
  });

  it('qualify ignores service plan, campaign and LOA; still refuses invalid, repeated and wrong-region rows', () => {
    const plan = planBatch(
      [
        row('+12025550100', { action: 'qualify', campaignId: 'C1', loaType: 'direct' }),
        row('+12025550101', { action: 'qualify', servicePlanId: 'plan-b' }),
        row('+12025550100', { action: 'qualify' }),
        row('+11235550100', { action: 'qualify' }),
        row('+12025550102', { action: 'qualify', regionCode: 'CA' }),
      ],
      { intentId: 'q2' },
    );
    expect(plan.calls.map((c) => c.numbers)).toEqual([['+12025550100', '+12025550101']]);
    expect(plan.rejected.map((r) => r.index)).toEqual([2, 3, 4]);
  });

  it('refuses an import, text-enable or relink row without a service plan, saying so', () => {
    const plan = planBatch(
      [row('+12025550100', { servicePlanId: undefined }), row('+12025550101', { servicePlanId: '' })],
      { intentId: 'b9' },
    );
    expect(plan.calls).toEqual([]);
    expect(plan.rejected.map((r) => r.reason)).toEqual([
      'No service plan: set one for the list, or in the workspace defaults.',
      'No service plan: set one for the list, or in the workspace defaults.',
    ]);
  });

  it('plans 100,000 numbers quickly (O(n))', () => {
    const rows: PlanRow[] = [];
    for (let i = 0; i < 100_000; i++)
      rows.push(
        row(`+1${npas[i % 6]}${String(2000000 + i).slice(-7)}`, {
          action: 'text-enable',
          loaType: 'blanket',
        }),
      );
    const started = performance.now();
    const plan = planBatch(rows, { intentId: 'big' });
    const elapsed = performance.now() - started;
    expect(plan.acceptedRows + plan.rejected.length).toBe(100_000);
    expect(elapsed).toBeLessThan(1500); // the real budget (plan + insert < 1 s) is measured by the bench
  });
});

// ---- properties -------------------------------------------------------------------------------

const arbRow = fc.record({
  npa: fc.constantFrom(...npas),
  line: fc.integer({ min: 0, max: 60 }),
  action: fc.constantFrom('import', 'text-enable', 'relink', 'qualify') as fc.Arbitrary<PlanRow['action']>,
  servicePlanId: fc.constantFrom('plan-a', 'plan-b'),
  campaignId: fc.option(fc.constantFrom('CAMP1', 'CAMP2'), { nil: undefined }),
  loaProfileId: fc.option(fc.constantFrom('loa-1', 'loa-2'), { nil: undefined }),
  loaType: fc.option(fc.constantFrom('direct', 'reseller', 'blanket') as fc.Arbitrary<'direct'>, {
    nil: undefined,
  }),
  qualified: fc.boolean(),
  invalid: fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
});

type Gen = fc.Arbitrary<{ rows: PlanRow[]; limit: number }>;
const arbBatch: Gen = fc.record({
  rows: fc.array(arbRow, { maxLength: 400 }).map((items) =>
    items.map(
      (r): PlanRow => ({
        phoneNumber: r.invalid
          ? `+1123555${String(r.line).padStart(4, '0')}`
          : `+1${r.npa}555${String(r.line).padStart(4, '0')}`,
        action: r.action,
        servicePlanId: r.servicePlanId,
        qualified: r.qualified,
        ...(r.campaignId ? { campaignId: r.campaignId } : {}),
        ...(r.loaProfileId ? { loaProfileId: r.loaProfileId } : {}),
        ...(r.loaType ? { loaType: r.loaType } : {}),
      }),
    ),
  ),
  limit: fc.integer({ min: 1, max: 12 }),
});

/** The test's own reading of the rules, written without looking at the planner's internals. */
function expectedAcceptance(rows: PlanRow[]) {
  const seen = new Set<string>();
  const accepted: PlanRow[] = [];
  for (const r of rows) {
    const npa = r.phoneNumber.slice(2, 5);
    const valid = npa !== '123';
    const tf = TOLL_FREE.has(npa);
    if (!valid || seen.has(r.phoneNumber)) continue;
    if (tf && r.action !== 'text-enable' && r.action !== 'qualify') continue;
    if (r.action === 'text-enable') {
      if (!r.loaType) continue;
      if (r.loaType !== 'blanket' && !r.loaProfileId) continue;
      if (tf && r.loaType === 'blanket') continue;
    }
    seen.add(r.phoneNumber);
    accepted.push(r);
  }
  return accepted;
}

const PRIMARY: CallOperation[] = [
  'importNumber',
  'importNumbersOrder',
  'textEnableNumbers',
  'textEnableTollFreeNumbers',
  'linkNumber',
];

describe('planBatch properties', () => {
  it('every accepted number lands in exactly one call of its kind; rejected rows are the rest', () => {
    fc.assert(
      fc.property(arbBatch, ({ rows, limit }) => {
        const plan = planBatch(rows, { intentId: 'p', importOrderLimit: limit });
        const accepted = expectedAcceptance(rows);
        expect(plan.acceptedRows).toBe(accepted.length);
        expect(plan.rejected.length).toBe(rows.length - accepted.length);
        const primary = new Map<string, number>();
        const qualified = new Map<string, number>();
        for (const c of plan.calls)
          for (const n of c.numbers) {
            const seen = PRIMARY.includes(c.operation)
              ? primary
              : c.operation === 'qualifyNumbers'
                ? qualified
                : null;
            seen?.set(n, (seen.get(n) ?? 0) + 1);
          }
        // a qualify-only row is in exactly one qualification call and nothing else
        const [qualifyOnly, rest] = [
          accepted.filter((r) => r.action === 'qualify'),
          accepted.filter((r) => r.action !== 'qualify'),
        ];
        expect(primary.size).toBe(rest.length);
        for (const r of rest) expect(primary.get(r.phoneNumber)).toBe(1);
        for (const r of qualifyOnly) {
          expect(primary.has(r.phoneNumber)).toBe(false);
          expect(qualified.get(r.phoneNumber)).toBe(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('no call exceeds its limit and toll-free never goes to a standard endpoint', () => {
    fc.assert(
      fc.property(arbBatch, ({ rows, limit }) => {
        const plan = planBatch(rows, { intentId: 'p', importOrderLimit: limit });
        for (const c of plan.calls) {
          const max =
            {
              importNumbersOrder: limit,
              qualifyNumbers: 500,
              textEnableNumbers: 500,
              textEnableTollFreeNumbers: 500,
            }[c.operation as string] ?? 1;
          expect(c.numbers.length).toBeGreaterThan(0);
          expect(c.numbers.length).toBeLessThanOrEqual(max);
          for (const n of c.numbers) {
            const tf = TOLL_FREE.has(n.slice(2, 5));
            if (tf) expect(['textEnableTollFreeNumbers', 'qualifyNumbers']).toContain(c.operation);
            if (c.operation === 'textEnableTollFreeNumbers') expect(tf).toBe(true);
          }
          if (c.operation === 'textEnableTollFreeNumbers') expect(c.campaignId).toBeUndefined();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('calls = Σ⌈group size ÷ limit⌉ over the groups', () => {
    fc.assert(
      fc.property(arbBatch, ({ rows, limit }) => {
        const plan = planBatch(rows, { intentId: 'p', importOrderLimit: limit });
        const groups = new Map<string, number>();
        let unqualified = 0;
        let relinks = 0;
        for (const r of expectedAcceptance(rows)) {
          const npa = r.phoneNumber.slice(2, 5);
          const tf = TOLL_FREE.has(npa);
          if (r.action === 'relink') {
            relinks++;
            continue;
          }
          // qualify-only numbers share the qualification stream with text-enable's
          if (r.action === 'qualify') {
            unqualified++;
            continue;
          }
          const te = r.action === 'text-enable';
          if (te && !r.qualified) unqualified++;
          const key = [
            r.action,
            regionOf(npa),
            tf,
            r.servicePlanId,
            tf ? '' : (r.campaignId ?? ''),
            te && r.loaType !== 'blanket' ? r.loaProfileId : '',
            te ? r.loaType : '',
          ].join('|');
          groups.set(key, (groups.get(key) ?? 0) + 1);
        }
        let expected = Math.ceil(unqualified / 500) + 2 * relinks;
        for (const [key, size] of groups)
          expected += Math.ceil(size / (key.startsWith('import') ? limit : 500));
        expect(plan.calls.length).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('dependencies point backwards and cover every number that needs qualifying', () => {
    fc.assert(
      fc.property(arbBatch, ({ rows, limit }) => {
        const plan = planBatch(rows, { intentId: 'p', importOrderLimit: limit });
        const position = new Map(plan.calls.map((c, i) => [c.key, i]));
        expect(position.size).toBe(plan.calls.length);
        const needsQualifying = new Set(
          expectedAcceptance(rows)
            .filter((r) => r.action === 'text-enable' && !r.qualified)
            .map((r) => r.phoneNumber),
        );
        plan.calls.forEach((c, i) => {
          for (const d of c.dependsOn) expect(position.get(d)).toBeLessThan(i);
          if (c.displayName !== undefined) expect(c.displayName).toContain(c.key);
          if (c.operation === 'textEnableNumbers' || c.operation === 'textEnableTollFreeNumbers') {
            expect(c.dependsOn.length).toBeLessThanOrEqual(2);
            const covered = new Set(
              c.dependsOn.flatMap((d) => plan.calls[position.get(d) ?? -1]?.numbers ?? []),
            );
            for (const n of c.numbers) if (needsQualifying.has(n)) expect(covered.has(n)).toBe(true);
          }
        });
      }),
      { numRuns: 200 },
    );
  });
});
