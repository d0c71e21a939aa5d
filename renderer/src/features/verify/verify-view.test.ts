import { describe, expect, it } from 'vitest';
import { NUMBER_STATES } from '../../../../shared/domain/tasks';
import {
  invoiceEmail,
  localDate,
  parseNumberList,
  qualificationView,
  reviewDeadline,
  sessionRow,
} from './verify-view';

describe('qualification words', () => {
  it('every number state has words, a tone and who holds the ball, never an enum name', () => {
    for (const state of NUMBER_STATES) {
      const v = qualificationView(state);
      if (state.includes('-')) expect(v.words.toLowerCase()).not.toContain(state);
      expect(v.words).not.toContain('_');
      expect(['Sinch', 'You', 'Nobody']).toContain(v.holder);
    }
    expect(qualificationView('qualifying').holder).toBe('Sinch');
    expect(qualificationView('eligible').holder).toBe('You');
  });

  it('the review deadline counts business days (a Friday request is due the next Friday after 5)', () => {
    const friday = '2026-12-04T10:00:00Z';
    expect(new Date(reviewDeadline(friday, 5)).toISOString()).toBe('2026-12-11T10:00:00.000Z');
  });
});

describe('a voice-session row', () => {
  it('moves from call to code to verified', () => {
    expect(sessionRow('eligible', 3, null)).toMatchObject({
      status: 'to-call',
      canCall: true,
      canVerify: false,
    });
    expect(sessionRow('verification-pending', 3, null)).toMatchObject({
      status: 'type-code',
      canVerify: true,
    });
    expect(sessionRow('verification-pending', 3, 'checking')).toMatchObject({
      status: 'busy',
      canVerify: false,
    });
    expect(sessionRow('eligible', 3, 'calling')).toMatchObject({ words: 'Calling…', canCall: false });
    expect(sessionRow('verification-failed', 2, null)).toMatchObject({ status: 'retry', canVerify: true });
    expect(sessionRow('verified', 2, null)).toMatchObject({ status: 'verified', tone: 'done' });
    expect(sessionRow('hosted', null, null).status).toBe('verified');
  });

  it('is blocked when Sinch says so, or when the estimate has no attempt left', () => {
    expect(sessionRow('verification-blocked', null, null)).toMatchObject({
      status: 'blocked',
      canCall: false,
    });
    expect(sessionRow('verification-failed', 0, null)).toMatchObject({ status: 'blocked', canVerify: false });
  });

  it('a number not yet eligible cannot be called', () => {
    expect(sessionRow('qualifying', 3, null)).toMatchObject({ status: 'not-ready', canCall: false });
  });
});

describe('number lists in the URL', () => {
  it('keeps valid US/CA numbers once, restores a + decoded as a space', () => {
    expect(parseNumberList('+12025550100, 12025550101,+12025550100,abc,+4420')).toEqual([
      '+12025550100',
      '+12025550101',
    ]);
    expect(parseNumberList(undefined)).toEqual([]);
  });
});

describe('the invoice e-mail', () => {
  it('lists every number; its mailto: has the one recipient and only subject + body (the Electron allow-list’s terms)', () => {
    const numbers = ['+12025550100', '+12025550101'];
    const mail = invoiceEmail(numbers);
    expect(mail.to).toBe('orders@sinch.com');
    expect(mail.subject).toContain('2 numbers');
    for (const n of numbers) expect(mail.body).toContain(n);
    const url = new URL(mail.mailto);
    expect(url.protocol).toBe('mailto:');
    expect(url.pathname).toBe('orders@sinch.com');
    expect([...url.searchParams.keys()]).toEqual(['subject', 'body']);
    expect(decodeURIComponent(new URL(mail.mailto).searchParams.get('body') ?? '')).toContain('+12025550101');
  });

  it('the e-mail date is the user’s own day', () => {
    expect(localDate(new Date(2026, 11, 3, 23, 30))).toBe('2026-12-03');
  });
});
