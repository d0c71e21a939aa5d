import { describe, expect, it } from 'vitest';
import type { Desk } from '../../../lib/desk';
import { DeskError } from '../../../lib/query';
import {
  createGuidedDraft,
  jobsProgress,
  listNumbers,
  newIntentId,
  splitTyped,
  typedRows,
} from './typed-numbers';

describe('typed numbers', () => {
  it('splits on lines, commas and semicolons and drops blanks', () => {
    expect(splitTyped(' +12025550101\n\n(202) 555-0102, 202.555.0103 ;\r\n')).toEqual([
      '+12025550101',
      '(202) 555-0102',
      '202.555.0103',
    ]);
  });

  it('reads each cell as the intake pipeline does: valid, fixed, duplicate of its first line, error', () => {
    const typed = typedRows(['+12025550101', '(202) 555-0102', '202 555 0101', '12345'], 'import');
    expect(typed.rows.map((r) => [r.row, r.e164, r.status])).toEqual([
      [1, '+12025550101', 'valid'],
      [2, '+12025550102', 'fixed'],
      [3, '+12025550101', 'duplicate'],
      [4, null, 'error'],
    ]);
    expect(typed.numbers).toEqual(['+12025550101', '+12025550102']);
    expect(typed.problems).toHaveLength(2);
    expect(typed.problems[0]).toMatch(/^202 555 0101: The same number as row 1/);
    expect(typed.problems[1]).toMatch(/^12345: .*10 digits/);
  });

  it('makes a draft in one append and cancels it when the append is refused', async () => {
    const calls: string[] = [];
    const draft = { id: 'd1' };
    const desk = (refuse: boolean): Pick<Desk, 'call'> => ({
      call: (async (channel: string) => {
        calls.push(channel);
        if (channel === 'intake.append' && refuse)
          return { ok: false, error: { code: 'VALIDATION', message: 'Row 1: bad.' } };
        return { ok: true, value: channel === 'intake.cancel' ? { deleted: true } : draft };
      }) as Desk['call'],
    });
    const input = {
      name: 'n',
      action: 'import' as const,
      values: {},
      rows: typedRows(['+12025550101'], 'import').rows,
    };
    await expect(createGuidedDraft(desk(false), input)).resolves.toBe(draft);
    expect(calls).toEqual(['intake.create', 'intake.append']);
    calls.length = 0;
    await expect(createGuidedDraft(desk(true), input)).rejects.toBeInstanceOf(DeskError);
    expect(calls).toEqual(['intake.create', 'intake.append', 'intake.cancel']);
  });

  it('makes intent ids the engine accepts, different per intent', () => {
    const a = newIntentId('a', 1_700_000_000_000, 0.5);
    expect(a).toMatch(/^ga-[a-z0-9]+-[a-z0-9]+$/);
    expect(a.length).toBeLessThanOrEqual(40);
    expect(newIntentId('a', 1_700_000_000_000, 0.25)).not.toBe(a);
  });

  it('words the jobs: failed first, then moving, then done', () => {
    const job = (state: string, extra = {}) =>
      ({ state, blocked: false, lastError: null, ...extra }) as never;
    expect(jobsProgress([])).toMatchObject({ tone: 'waiting', settled: false });
    expect(jobsProgress([job('pending')])).toMatchObject({ tone: 'waiting', words: 'Waiting to send' });
    expect(jobsProgress([job('done'), job('waiting_remote')])).toMatchObject({
      tone: 'progress',
      words: 'Sent, Sinch working (1 of 2)',
    });
    expect(jobsProgress([job('pending', { lastError: { message: 'x' } })]).tone).toBe('action');
    expect(jobsProgress([job('done'), job('failed')])).toMatchObject({ tone: 'failed', settled: true });
    expect(jobsProgress([job('done'), job('done')])).toEqual({ tone: 'done', words: 'Done', settled: true });
    expect(jobsProgress([job('cancelled')])).toMatchObject({ words: 'Cancelled', settled: true });
  });

  it('lists a few numbers and counts the rest', () => {
    expect(listNumbers(['+1', '+2'])).toBe('+1 and +2');
    expect(listNumbers(['+1', '+2', '+3', '+4', '+5'])).toBe('+1, +2, +3 and 2 more');
  });
});
