import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventBus } from './events';

describe('EventBus coalescing', () => {
  afterEach(() => vi.useRealTimers());

  it('delivers the first emit at once and folds a burst into one trailing delivery per window', () => {
    vi.useFakeTimers();
    const bus = new EventBus(100);
    const seen: unknown[] = [];
    bus.subscribe((event, payload) => seen.push([event, payload]));
    for (let i = 0; i < 50; i++) bus.emit('app.statusChanged', { reason: i % 2 ? 'keychain' : 'workspace' });
    expect(seen).toEqual([['app.statusChanged', { reason: 'workspace' }]]);
    vi.advanceTimersByTime(100);
    expect(seen).toHaveLength(2);
    expect(seen[1]).toEqual(['app.statusChanged', { reason: 'keychain' }]); // latest wins without a merge
    vi.advanceTimersByTime(1000);
    expect(seen).toHaveLength(2); // quiet period: nothing more
  });

  it('uses the per-event merge and survives a throwing listener', () => {
    vi.useFakeTimers();
    const merged = vi.fn((a: { reason: string }, b: { reason: string }) =>
      a.reason === 'simulator' ? a : b,
    );
    const bus = new EventBus(100, {
      'app.statusChanged': merged as never,
    });
    const seen: unknown[] = [];
    bus.subscribe(() => {
      throw new Error('closed stream');
    });
    bus.subscribe((_e, p) => seen.push(p));
    bus.emit('app.statusChanged', { reason: 'keychain' });
    bus.emit('app.statusChanged', { reason: 'simulator' });
    bus.emit('app.statusChanged', { reason: 'workspace' });
    vi.advanceTimersByTime(100);
    expect(merged).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([{ reason: 'keychain' }, { reason: 'simulator' }]);
    bus.close();
    bus.emit('app.statusChanged', { reason: 'keychain' });
    expect(seen).toHaveLength(2);
  });
});
