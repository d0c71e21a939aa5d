import { describe, expect, it } from 'vitest';
import { RequestBudget } from './budget';
import { fakeClock } from './test-server';
import { TokenSource } from './token';

describe('RequestBudget', () => {
  it('lets a burst through at once, then paces at the rate', async () => {
    const clock = fakeClock();
    const budget = new RequestBudget({ ratePerSec: 4, burst: 5 }, clock);
    const start = clock.now();
    const at: number[] = [];
    await Promise.all(
      Array.from({ length: 13 }, () => budget.take().then(() => at.push(clock.now() - start))),
    );
    expect(at.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    // 8 more at 4/s: one every 250 ms
    expect(at.slice(5)).toEqual([250, 500, 750, 1000, 1250, 1500, 1750, 2000]);
  });

  it('a pause holds every taker until it ends, and is never shortened', async () => {
    const clock = fakeClock();
    const budget = new RequestBudget({ ratePerSec: 100, burst: 100 }, clock);
    budget.pauseUntil(clock.now() + 3000);
    budget.pauseUntil(clock.now() + 1000);
    const start = clock.now();
    await Promise.all([budget.take(), budget.take()]);
    expect(clock.now() - start).toBe(3000);
  });

  it('refuses nonsense options', () => {
    expect(() => new RequestBudget({ ratePerSec: 0, burst: 1 }, fakeClock())).toThrow();
  });
});

describe('TokenSource', () => {
  it('a failed fetch is not cached: the next caller tries again', async () => {
    const clock = fakeClock();
    let n = 0;
    const source = new TokenSource(async () => {
      n++;
      if (n === 1) throw new Error('down');
      return { token: `t${n}`, expiresInMs: 3_600_000 };
    }, clock.now);
    await expect(Promise.all([source.get(), source.get()])).rejects.toThrow('down');
    expect(n).toBe(1);
    expect(await source.get()).toBe('t2');
    expect(await source.get()).toBe('t2');
    expect(n).toBe(2);
  });

  it('invalidate only drops the token it names', async () => {
    const clock = fakeClock();
    let n = 0;
    const source = new TokenSource(async () => ({ token: `t${++n}`, expiresInMs: 3_600_000 }), clock.now);
    expect(await source.get()).toBe('t1');
    source.invalidate('t0');
    expect(await source.get()).toBe('t1');
    source.invalidate('t1');
    expect(await source.get()).toBe('t2');
  });

  it('short-lived tokens refresh at half their lifetime rather than on every call', async () => {
    const clock = fakeClock();
    let n = 0;
    const source = new TokenSource(
      async () => ({ token: `t${++n}`, expiresInMs: 10_000 }),
      clock.now,
      60_000,
    );
    await source.get();
    clock.advance(4000);
    await source.get();
    expect(n).toBe(1);
    clock.advance(2000);
    await source.get();
    expect(n).toBe(2);
  });
});
