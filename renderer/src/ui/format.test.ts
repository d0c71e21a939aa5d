import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatCount } from './format';
import { formatDate, formatTime } from './time';

afterEach(() => vi.restoreAllMocks());

/** Table cells format on every rendered frame: no formatter may be built per call (format.ts). */
describe('formatters used in table cells', () => {
  it('formatCount reads like toLocaleString and builds no formatter per call', () => {
    expect(formatCount(100_000)).toBe((100_000).toLocaleString());
    expect(formatCount(7)).toBe('7');
    const perCall = vi.spyOn(Number.prototype, 'toLocaleString');
    const built = vi.spyOn(Intl, 'NumberFormat');
    for (let i = 0; i < 1_000; i++) formatCount(i);
    expect(perCall).not.toHaveBeenCalled();
    expect(built).not.toHaveBeenCalled();
  });

  it('formatTime and formatDate read as before and build no formatter per call', () => {
    const iso = '2026-12-03T13:04:05.000Z';
    const when = new Date(iso);
    expect(formatTime(iso)).toBe(
      when.toLocaleTimeString(undefined, {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }),
    );
    expect(formatDate(iso)).toBe(
      when.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }),
    );
    const timeCalls = vi.spyOn(Date.prototype, 'toLocaleTimeString');
    const dateCalls = vi.spyOn(Date.prototype, 'toLocaleDateString');
    const built = vi.spyOn(Intl, 'DateTimeFormat');
    for (let i = 0; i < 1_000; i++) {
      formatTime(iso);
      formatDate(iso);
    }
    expect(timeCalls).not.toHaveBeenCalled();
    expect(dateCalls).not.toHaveBeenCalled();
    expect(built).not.toHaveBeenCalled();
  });
});
