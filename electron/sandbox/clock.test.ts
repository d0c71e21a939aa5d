import { describe, expect, it } from 'vitest';
import { SimClock } from './clock';
import { numericCode, Prng, ulidLike } from './prng';

describe('SimClock', () => {
  it('manual: time moves only by advance', () => {
    let real = 1_000;
    const clock = new SimClock('manual', 5_000, () => real);
    real += 60_000;
    expect(clock.now()).toBe(5_000);
    clock.advance(250);
    expect(clock.now()).toBe(5_250);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('fast: simulated time runs N× real time, and advance still jumps ahead', () => {
    let real = 1_000;
    const clock = new SimClock({ fast: 60 }, 0, () => real);
    real += 1_000; // one real second
    expect(clock.now()).toBe(60_000);
    clock.advance(5_000);
    expect(clock.now()).toBe(65_000);
  });
});

describe('Prng', () => {
  it('is reproducible from its seed and its persisted state', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    const resumed = new Prng(a.snapshot);
    expect(resumed.next()).toBe(a.next());
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('makes ULID-like ids and numeric codes', () => {
    const p = new Prng(1);
    const id = ulidLike(Date.UTC(2023, 0, 12), p);
    expect(id).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
    expect(id.slice(0, 10)).toBe('01gphmdf00'); // 2023-01-12T00:00Z in Crockford base32 ms (computed by hand in Python)
    expect(numericCode(4, p)).toMatch(/^\d{4}$/);
  });
});
