import { describe, expect, it } from 'vitest';
import { ORDER_STATES } from '../../../../../shared/contract';
import { checkDiscover, checkFind, orderStatus, reportLines } from './e-order-status';

describe('workflow E: check an order', () => {
  it('needs something to look for, and Sinch needs a plan and a campaign to list orders', () => {
    expect(checkFind({ text: '  01ABC ' })).toEqual({ ok: true, text: '01ABC' });
    expect(checkFind({ text: '' })).toMatchObject({
      ok: false,
      errors: { text: expect.stringMatching(/^Order ID/) },
    });
    const refused = checkDiscover({ servicePlanId: ' ', campaignId: '' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors.servicePlanId).toMatch(/^Service plan:/);
    expect(refused.errors.campaignId).toMatch(/^Campaign:/);
    expect(checkDiscover({ servicePlanId: 'p', campaignId: 'c' })).toEqual({
      ok: true,
      input: { servicePlanId: 'p', campaignId: 'c' },
    });
  });

  it('lists Sinch’s report counts, or nothing before the report was read', () => {
    expect(reportLines({ report: null, numberCount: 3 })).toBeNull();
    const lines = reportLines({
      numberCount: 3,
      report: {
        total: 3,
        osrUpdated: 0,
        smsProvisioned: 3,
        addedToCampaign: 2,
        ongoingManualAction: 0,
        readAt: '2026-01-05T09:00:00.000Z',
      },
    });
    expect(lines?.map((l) => `${l.label}: ${l.value}`)).toEqual([
      'Numbers in the order: 3',
      'Carrier records (OSR) updated: 0 of 3',
      'Provisioned for SMS: 3 of 3',
      'Added to the campaign: 2 of 3',
      'Waiting on a person at Sinch: 0',
    ]);
  });

  it('gives every order state words and a next step; failed numbers of a completed order need action', () => {
    for (const state of ORDER_STATES) {
      const s = orderStatus({ state, failedNumbers: 0, type: 'import', loa: null });
      expect(s.words.length).toBeGreaterThan(3);
      expect(s.next.length).toBeGreaterThan(10);
    }
    expect(orderStatus({ state: 'completed', failedNumbers: 2, type: 'import', loa: null })).toMatchObject({
      tone: 'failed',
      words: 'Completed; 2 numbers failed',
    });
    expect(
      orderStatus({
        state: 'waiting-loa',
        failedNumbers: 0,
        type: 'text-enable',
        loa: { kind: 'direct', recipient: 'ana@example.com', profileId: null },
      }).next,
    ).toMatch(/^ana@example\.com must sign/);
  });
});
