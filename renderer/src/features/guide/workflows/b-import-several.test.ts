import { describe, expect, it } from 'vitest';
import { checkImportSeveral, followOrders, MOST_TYPED, splitNote } from './b-import-several';

describe('workflow B: import several numbers', () => {
  it('keeps the rows that cannot go in the draft and says why', () => {
    const c = checkImportSeveral({
      numbers: '+12025550311\n202-555-0312\n+12025550311\nnot a number',
      servicePlanId: 'plan',
      campaignId: '',
    });
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.request.numbers).toEqual(['+12025550311', '+12025550312']);
    expect(c.request.draft.rows).toHaveLength(4);
    expect(c.request.problems).toHaveLength(2);
    expect(c.request.draft.values).toEqual({ servicePlanId: 'plan' });
  });

  it('refuses an empty list, one with nothing usable, a long one and a missing plan, naming the field', () => {
    const errors = (numbers: string, servicePlanId = 'p') => {
      const c = checkImportSeveral({ numbers, servicePlanId, campaignId: '' });
      return c.ok ? {} : c.errors;
    };
    expect(errors('').numbers).toMatch(/^Numbers: type or paste/);
    expect(errors('123').numbers).toMatch(/^Numbers: none of these can be imported/);
    expect(
      errors(Array.from({ length: MOST_TYPED + 1 }, (_, i) => `+1202555${1000 + i}`).join('\n')).numbers,
    ).toMatch(/Bring numbers/);
    expect(errors('+12025550311', '').servicePlanId).toMatch(/^Service plan/);
  });

  it('says how the numbers split into orders, as the planner does', () => {
    expect(splitNote(1, 5)).toMatch(/on its own/);
    expect(splitNote(5, 5)).toBe('5 numbers go in one hosting order (at most 5 per order).');
    expect(splitNote(6, 5)).toMatch(/1 order of 5 and 1 number imported on its own/);
    expect(splitNote(12, 5)).toMatch(/2 orders of 5 and 1 order of 2/);
    expect(splitNote(10, 5)).toMatch(/2 orders of 5\.$/);
    expect(splitNote(12, 20)).toMatch(/one hosting order/);
  });

  it('follows the orders: finished when every job is done and every order completed', () => {
    const counts = (done: number) => ({ waiting: 0, 'in-progress': 0, done, failed: 0, unspecified: 0 });
    const order = (state: 'in-progress' | 'completed', done: number) => ({
      id: 'o1',
      state,
      numberCount: 3,
      stepCounts: {
        osrUpdate: counts(0),
        platformProvisioning: counts(done),
        campaignProvisioning: counts(0),
      },
    });
    const job = (state: 'waiting_remote' | 'done') => ({
      state,
      blocked: false,
      lastError: null,
      orderIds: ['o1'],
    });
    const running = followOrders([job('waiting_remote')], [order('in-progress', 1)]);
    expect(running.finished).toBe(false);
    expect(running.orders[0]).toEqual({
      id: 'o1',
      tone: 'progress',
      words: 'In progress at Sinch; 1 of 3 numbers provisioned for SMS',
    });
    expect(followOrders([job('done')], [order('completed', 3)]).finished).toBe(true);
    expect(followOrders([job('done')], [order('in-progress', 3)]).finished).toBe(false);
  });
});
