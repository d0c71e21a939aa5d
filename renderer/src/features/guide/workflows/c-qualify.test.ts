import { describe, expect, it } from 'vitest';
import { QUALIFICATION_STATES } from '../../../../../shared/contract';
import { checkQualify, invoiceHref, qualifyLine, qualifySummary, today, voiceHref } from './c-qualify';

describe('workflow C: qualify numbers', () => {
  it('takes typed numbers and names the field when none can go', () => {
    expect(checkQualify({ numbers: '+12025550321\n(202) 555-0322' })).toMatchObject({
      ok: true,
      numbers: ['+12025550321', '+12025550322'],
    });
    expect(checkQualify({ numbers: ' ' })).toMatchObject({
      ok: false,
      errors: { numbers: expect.stringMatching(/^Numbers:/) },
    });
    expect(checkQualify({ numbers: '1' })).toMatchObject({
      ok: false,
      errors: { numbers: expect.stringMatching(/none of these/) },
    });
  });

  it('has words and a next step for every qualification state, never the enum name', () => {
    for (const state of QUALIFICATION_STATES) {
      const line = qualifyLine('+12025550321', { qualificationState: state, failure: null });
      expect(line.words).not.toMatch(/[A-Z_]{6,}/);
      if (state.includes('-')) expect(line.words).not.toContain(state);
      if (line.tone === 'failed' || line.tone === 'action') expect(line.nextWords).toBeTruthy();
    }
  });

  it('sends a pending review to the invoice route and a pending verification to the voice challenge', () => {
    expect(qualifyLine('+1', { qualificationState: 'eligible-check-pending', failure: null }).next).toBe(
      'invoice',
    );
    expect(qualifyLine('+1', { qualificationState: 'verification-pending', failure: null }).next).toBe(
      'voice',
    );
    expect(qualifyLine('+1', { qualificationState: 'eligible', failure: null })).toMatchObject({
      tone: 'done',
      next: 'none',
    });
    expect(
      qualifyLine('+1', {
        qualificationState: 'not-eligible',
        failure: { code: null, remoteMessage: 'Invoice does not show the number', text: null },
      }).words,
    ).toBe('Not eligible: Sinch says “Invoice does not show the number”');
    expect(qualifyLine('+1', undefined)).toMatchObject({ next: 'wait', tone: 'waiting' });
  });

  it('links to the Verification screen with the numbers', () => {
    expect(voiceHref(['+12025550321', '+12025550322'])).toBe(
      '#/verify?numbers=%2B12025550321%2C%2B12025550322',
    );
    expect(invoiceHref(['+12025550321'])).toBe('#/verify?invoice=%2B12025550321');
  });

  it('sums the results up and is finished once Sinch has decided every number', () => {
    const lines = [
      qualifyLine('+1', { qualificationState: 'eligible', failure: null }),
      qualifyLine('+2', { qualificationState: 'eligible', failure: null }),
      qualifyLine('+3', { qualificationState: 'eligible-check-pending', failure: null }),
    ];
    expect(qualifySummary(lines)).toEqual({
      words: '2 eligible, 1 waiting for Sinch’s review',
      finished: false,
    });
    expect(qualifySummary(lines.slice(0, 2)).finished).toBe(true);
  });

  it('writes the local day as the invoice route records it', () => {
    expect(today(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});
