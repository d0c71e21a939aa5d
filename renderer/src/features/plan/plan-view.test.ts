import { parseZonedDateTime } from '@internationalized/date';
import { describe, expect, it } from 'vitest';
import {
  callsLine,
  count,
  planTotals,
  queueLabel,
  loaOfBody,
  type SignatureCall,
  scheduleView,
  signatureOrders,
  signatureEmails,
  signatureText,
  utcTimestamp,
} from './plan-view';

const now = new Date('2026-12-03T09:00:00Z');

describe('plan: scheduling', () => {
  it('sends the UTC value of the time chosen in the user’s zone', () => {
    const berlin = parseZonedDateTime('2026-12-04T14:30[Europe/Berlin]');
    expect(utcTimestamp(berlin)).toBe('2026-12-04T13:30:00Z');
    const ny = parseZonedDateTime('2026-07-04T09:00[America/New_York]');
    expect(utcTimestamp(ny)).toBe('2026-07-04T13:00:00Z'); // daylight saving time
    const view = scheduleView('scheduledOsrUpdateTime', berlin, now);
    expect(view).toMatchObject({ utc: '2026-12-04T13:30:00Z', error: null, note: null });
    expect(view.local).toContain('(Europe/Berlin)');
    expect(view.local).toContain('14:30');
  });

  it('toll-free: a late signature moves provisioning to the next day at the same time', () => {
    const at = parseZonedDateTime('2026-12-04T14:30[America/Chicago]');
    const view = scheduleView('scheduledZipwhipProvisioningTime', at, now);
    expect(view.utc).toBe('2026-12-04T20:30:00Z');
    expect(view.note).toMatch(
      /^If the LOA is signed after Fri, Dec 4, 2026, 14:30 \(America\/Chicago\), provisioning moves to the next day at the same time \(Sat, Dec 5, 2026, 14:30/,
    );
  });

  it('a time in the past is an error naming the field; empty says what happens instead', () => {
    const past = parseZonedDateTime('2026-12-03T08:00[UTC]');
    expect(scheduleView('scheduledOsrUpdateTime', past, now).error).toBe(
      'Switch texting over at is in the past: choose a later time, or clear it to start once the LOA is signed.',
    );
    expect(scheduleView('scheduledZipwhipProvisioningTime', null, now)).toEqual({
      utc: null,
      local: null,
      note: 'Left empty: provisioning starts once the LOA is signed.',
      error: null,
    });
  });
});

describe('plan: signature e-mails', () => {
  const dana = { authorisedPerson: { firstName: 'Dana', lastName: 'Example', email: 'dana@bakery.example' } };
  const lee = { authorisedPerson: { firstName: 'Lee', lastName: 'Example', email: 'lee@shop.example' } };
  it('one e-mail per text-enable order, per signer (e-mail compared without case); other calls send none', () => {
    const calls: SignatureCall[] = [
      { operation: 'textEnableNumbers', loa: dana },
      {
        operation: 'textEnableTollFreeNumbers',
        loa: { authorisedPerson: { ...dana.authorisedPerson, email: 'DANA@bakery.example' } },
      },
      { operation: 'textEnableNumbers', loa: lee },
      { operation: 'importNumbersOrder', loa: dana },
      { operation: 'textEnableNumbers', loa: null },
    ];
    const signers = signatureEmails(calls);
    expect(signers).toEqual([
      { email: 'dana@bakery.example', name: 'Dana Example', emails: 2 },
      { email: 'lee@shop.example', name: 'Lee Example', emails: 1 },
    ]);
    expect(signatureText(signers[1] as (typeof signers)[number])).toBe(
      'Lee Example (lee@shop.example) will receive 1 e-mail to sign, one per order.',
    );
  });
});

describe('plan: calls in words', () => {
  it('names each operation and counts signature e-mails', () => {
    expect(callsLine({ importNumbersOrder: 12, textEnableNumbers: 3, qualifyNumbers: 0 })).toBe(
      '12 × import order, 3 × text-enable order',
    );
    expect(signatureOrders({ textEnableNumbers: 3, textEnableTollFreeNumbers: 2, importNumber: 9 })).toBe(5);
    expect(loaOfBody({ numbers: ['+12025550134'], resellerLoaInfo: { businessName: 'B' } })).toEqual({
      key: 'resellerLoaInfo',
      value: { businessName: 'B' },
    });
    expect(loaOfBody({ numbers: [] })).toBeNull();
  });
});

describe('plan: totals in words', () => {
  it('says one call and one number in the singular', () => {
    expect(count(1, 'call')).toBe('1 call');
    expect(count(1_200, 'call')).toBe('1,200 calls');
    expect(queueLabel(1)).toBe('Queue 1 call');
    expect(queueLabel(5_000)).toBe('Queue 5,000 calls');
    expect(planTotals(1, 1)).toBe('1 number in 1 call');
    expect(planTotals(3, 1)).toBe('3 numbers in 1 call');
  });
});
