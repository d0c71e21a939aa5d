import { describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/contract/dispatch';
import type { Engine } from './engine';
import { DIRECT_LOA } from './loa/test-fixtures';
import { encodeCursor } from './paging';
import { cleanupsAfterEach, startTestEngine } from './test-kit';

/** One behaviour for every list: a cursor that is not this list's is VALIDATION; offset windows carry total. */
const cleanups = cleanupsAfterEach();

async function engine(): Promise<Engine> {
  return (await startTestEngine(cleanups, { prefix: 'hd-paging-' })).engine;
}

const LISTS = ['workspaces.list', 'jobs.list', 'loaProfiles.list', 'audit.query'] as const;

describe('paging', () => {
  it.each(LISTS)('%s answers VALIDATION to a bad cursor and to another list’s cursor', async (list) => {
    const e = await engine();
    for (const cursor of ['garbage', encodeCursor('someOtherList', [1]), 'W10']) {
      const result = await dispatch(e.handlers, list, { cursor, limit: 5 });
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('offset windows of jobs.list and loaProfiles.list return total and the rows at that offset', async () => {
    const e = await engine();
    const rows = Array.from({ length: 12 }, (_, i) => ({
      phoneNumber: `+1202555${String(100 + i).padStart(4, '0')}`,
      action: 'import' as const,
      servicePlanId: '07d6c2621f364b68856fe4938b7bb78f',
    }));
    // one job per number: each import row of a different plan is its own call
    await dispatch(e.handlers, 'plan.commit', {
      intentId: 'paging',
      label: 'paging',
      rows,
      importOrderLimit: 1,
    });
    const all = await dispatch(e.handlers, 'jobs.list', { limit: 500 });
    const window = await dispatch(e.handlers, 'jobs.list', { offset: 5, limit: 3 });
    if (!all.ok || !window.ok) throw new Error('jobs.list failed');
    const ids = (all.value as { items: Array<{ id: number }> }).items.map((j) => j.id);
    expect(window.value).toMatchObject({ total: ids.length, nextCursor: null });
    expect((window.value as { items: Array<{ id: number }> }).items.map((j) => j.id)).toEqual(
      ids.slice(5, 8),
    );

    const info = DIRECT_LOA;
    for (const label of ['c', 'a', 'b'])
      expect(await dispatch(e.handlers, 'loaProfiles.create', { label, kind: 'direct', info })).toMatchObject(
        {
          ok: true,
        },
      );
    const profiles = await dispatch(e.handlers, 'loaProfiles.list', { offset: 1, limit: 1 });
    expect(profiles).toMatchObject({ ok: true, value: { total: 3, items: [{ label: 'b' }] } });

    expect(await dispatch(e.handlers, 'jobs.list', { offset: 1, cursor: 'x', limit: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });
});
