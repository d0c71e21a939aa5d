import { describe, expect, it } from 'vitest';
import { addBusinessDays } from './business-days';

const at = (iso: string) => Date.parse(iso);

describe('addBusinessDays', () => {
  it('skips weekends', () => {
    // Thursday 2026-01-08 + 2 business days = Monday 2026-01-12
    expect(addBusinessDays(at('2026-01-08T09:00:00Z'), 2)).toBe(at('2026-01-12T09:00:00Z'));
    // Monday + 5 = next Monday
    expect(addBusinessDays(at('2026-01-05T09:00:00Z'), 5)).toBe(at('2026-01-12T09:00:00Z'));
  });
  it('counts a weekend start from Monday; zero days is the start itself on a weekday', () => {
    expect(addBusinessDays(at('2026-01-10T09:00:00Z'), 1)).toBe(at('2026-01-13T09:00:00Z'));
    expect(addBusinessDays(at('2026-01-07T09:00:00Z'), 0)).toBe(at('2026-01-07T09:00:00Z'));
  });
});
