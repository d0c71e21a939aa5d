import { describe, expect, it } from 'vitest';
import { loaProfileCreateSchema } from '../../../../shared/contract';
import { SAMPLE_NUMBERS, SAMPLE_PROFILE, sampleCsv, TOUR } from './welcome-view';

describe('first-run content', () => {
  it('the tour is the three steps of the work', () => {
    expect(TOUR.map((s) => s.title)).toEqual(['Bring numbers', 'Review the plan', 'Follow the work']);
  });

  it('the sample profile is one the engine accepts', () => {
    expect(loaProfileCreateSchema.safeParse(SAMPLE_PROFILE).success).toBe(true);
  });

  it('the sample file holds only fictional 555-01xx numbers, one per line', () => {
    const lines = sampleCsv().trim().split('\r\n');
    expect(lines).toHaveLength(1 + SAMPLE_NUMBERS.length);
    for (const n of SAMPLE_NUMBERS) expect(n).toMatch(/^\+1\d{3}55501\d{2}$/);
    expect(lines[1]).toBe('+12025550142,US,Sample Bakery (rehearsal),reseller');
  });
});
