import { describe, expect, it } from 'vitest';
import { SANDBOX_FAULT_PRESETS } from '../../../../shared/contract';
import { CALLBACK_FAILURE_CODES } from '../../../../shared/sinch/enums';
import { budgetPerSecond, FAULT_WORDS, failureCodeWords, reviewDays } from './sandbox-view';

describe('sandbox view', () => {
  it('words every fault preset the simulator has', () => {
    expect(Object.keys(FAULT_WORDS).sort()).toEqual([...SANDBOX_FAULT_PRESETS].sort());
  });

  it('failure codes read as words, never as enum names', () => {
    expect(failureCodeWords('CAMPAIGN_NOT_AVAILABLE')).toBe('Campaign not available');
    expect(failureCodeWords('EXCEEDED_10DLC_LIMIT')).toBe('Exceeded 10DLC limit');
    for (const code of CALLBACK_FAILURE_CODES) expect(failureCodeWords(code)).not.toMatch(/_/);
  });

  it('review time: blank is by hand, 0–30 days, anything else refused', () => {
    expect(reviewDays('')).toBeNull();
    expect(reviewDays(' 2 ')).toBe(2);
    expect(reviewDays('31')).toBe('invalid');
    expect(reviewDays('1.5')).toBe('invalid');
  });

  it('request budget: blank is unlimited, within the contract’s range', () => {
    expect(budgetPerSecond('')).toBeNull();
    expect(budgetPerSecond('2.5')).toBe(2.5);
    expect(budgetPerSecond('0')).toBe('invalid');
    expect(budgetPerSecond('x')).toBe('invalid');
  });
});
