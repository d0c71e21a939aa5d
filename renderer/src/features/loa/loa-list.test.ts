import { describe, expect, it } from 'vitest';
import { isTypingTarget, pageWindow } from './loa-list';

describe('profiles list', () => {
  it('says which rows are shown and where Previous / Next go', () => {
    expect(pageWindow(0, 50, 30, 30)).toEqual({ text: '1–30 of 30', previous: null, next: null });
    expect(pageWindow(0, 50, 120, 50)).toEqual({ text: '1–50 of 120', previous: null, next: 50 });
    expect(pageWindow(100, 50, 120, 20)).toEqual({ text: '101–120 of 120', previous: 50, next: null });
    expect(pageWindow(30, 50, 120, 50)).toEqual({ text: '31–80 of 120', previous: 0, next: 80 });
  });

  it('no shortcut target outside a DOM', () => {
    expect(isTypingTarget(null)).toBe(false);
  });
});
