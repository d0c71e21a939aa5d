import { describe, expect, it } from 'vitest';
import { isTypingTarget, pageWindow, queuedAnswer, queuedQuestion, workspaceName } from './loa-list';

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

  it('asks about queued orders with the exact counts, singular and plural', () => {
    expect(queuedQuestion({ jobs: 1, numbers: 1 })).toEqual({
      title: '1 queued order still uses the old details — update it?',
      body: 'It carries 1 number and has not been sent yet. Orders already sent keep the details they were sent with.',
    });
    expect(queuedQuestion({ jobs: 3, numbers: 1200 }).title).toBe(
      '3 queued orders still use the old details — update them?',
    );
    expect(queuedQuestion({ jobs: 3, numbers: 1200 }).body).toMatch(/^They carry 1,200 numbers and have not/);
    expect(queuedAnswer('Acme', 3)).toBe('Saved “Acme” and updated 3 queued orders.');
    expect(queuedAnswer('Acme', 0)).toMatch(/No queued order/);
    expect(queuedAnswer('Acme', null)).toMatch(/keep the details they were queued with/);
    expect(workspaceName({ kind: 'sandbox', name: 'Sandbox' })).toBe('Sandbox');
    expect(workspaceName({ kind: 'live', name: 'Acme' })).toBe('Live: Acme');
  });
});
