import { describe, expect, it } from 'vitest';
import { orderStateStep } from '../../../../shared/domain/next-steps';
import { ORDER_STATES } from '../../../../shared/contract';
import { canReissue, orderName, reportLine, signatureWait, stepView, toneOf } from './orders-view';

const NOW = Date.parse('2026-01-06T09:00:00Z');
const ago = (min: number) => new Date(NOW - min * 60_000).toISOString();

describe('orders view', () => {
  it('words every order state from the engine’s table, no enum names', () => {
    for (const s of ORDER_STATES) expect(orderStateStep(s).words).not.toMatch(/[A-Z]{2,}_/);
    expect(orderStateStep('rejected')).toMatchObject({ tone: 'failed', action: 'reissue' });
    expect(toneOf(orderStateStep('waiting-loa'))).toBe('action');
    expect(toneOf(orderStateStep('completed'))).toBe('done');
  });

  it('a failed step with a campaign failure code shows the code’s next step', () => {
    const v = stepView({
      state: 'failed',
      since: null,
      failure: { code: 'CAMPAIGN_NOT_AVAILABLE', remoteMessage: 'x', text: null },
    });
    expect(v).toEqual({
      tone: 'failed',
      words: 'The 10DLC campaign is not available',
      next: 'Check the campaign ID, or link the number to another campaign.',
    });
    expect(stepView({ state: 'done', since: null, failure: null })).toMatchObject({
      tone: 'done',
      words: 'Done',
    });
    expect(
      stepView({
        state: 'failed',
        since: null,
        failure: { code: null, remoteMessage: null, text: 'Ask Sinch.' },
      }),
    ).toMatchObject({ tone: 'failed', next: 'Ask Sinch.' });
  });

  it('names an order by its batch and place, the job key kept as a detail for support', () => {
    const base = { id: 'ord-1', displayName: 'HD march-o2' };
    expect(orderName({ ...base, batch: { id: 'march', label: 'March port', position: 2, of: 3 } })).toEqual({
      title: 'March port — order 2 of 3',
      detail: 'HD march-o2',
    });
    // the batch's only order needs no count
    expect(orderName({ ...base, batch: { id: 'b', label: 'Front desk', position: 1, of: 1 } })).toEqual({
      title: 'Front desk',
      detail: 'HD march-o2',
    });
    // adopted (no batch): Sinch's display name, then the order id
    expect(orderName({ ...base, batch: null })).toEqual({ title: 'HD march-o2', detail: null });
    expect(orderName({ id: 'ord-2', displayName: null, batch: null })).toEqual({
      title: 'ord-2',
      detail: null,
    });
  });

  it('says how long a signature has waited', () => {
    expect(signatureWait({ state: 'waiting-loa', signatureWaitingSince: ago(200) }, NOW)).toBe('3 h 20 min');
    expect(signatureWait({ state: 'waiting-loa', signatureWaitingSince: ago(3000) }, NOW)).toBe('2 days 2 h');
    expect(signatureWait({ state: 'completed', signatureWaitingSince: ago(10) }, NOW)).toBeNull();
  });

  it('offers Re-issue only for our own text-enable orders that are rejected or unsigned', () => {
    const o = { state: 'rejected' as const, type: 'text-enable' as const, jobId: 4, origin: 'app' as const };
    expect(canReissue(o)).toBe(true);
    expect(canReissue({ ...o, state: 'completed' })).toBe(false);
    expect(canReissue({ ...o, type: 'import' })).toBe(false);
    expect(canReissue({ ...o, origin: 'adopted', jobId: null })).toBe(false);
  });

  it('words Sinch’s report', () => {
    expect(reportLine({ report: null, numberCount: 3 })).toBe('3 numbers · Sinch’s report not read yet');
    expect(
      reportLine({
        numberCount: 3,
        report: {
          total: 3,
          osrUpdated: 3,
          smsProvisioned: 2,
          addedToCampaign: 1,
          ongoingManualAction: 0,
          readAt: ago(0),
        },
      }),
    ).toBe('3 numbers · 3 carrier records updated · 2 provisioned for SMS · 1 added to the campaign');
  });
});
