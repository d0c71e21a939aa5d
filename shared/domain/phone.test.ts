import { describe, expect, it } from 'vitest';
import { classifyPhone, createPhoneClassifier } from './phone';

describe('classifyPhone', () => {
  it.each([
    ['(202) 555-0134', '+12025550134', 'US', false],
    ['+1 604 555 0100', '+16045550100', 'CA', false],
    ['1-416-555-0123', '+14165550123', 'CA', false],
    ['8005550199', '+18005550199', 'US', true],
    ['+1 (888) 555-0100', '+18885550100', 'US', true],
  ])('accepts %s as %s', (raw, e164, region, tollFree) => {
    expect(classifyPhone(raw)).toEqual({ ok: true, e164, region, tollFree });
  });

  it('names the country of another +1 number in words, not its ISO code', () => {
    expect(classifyPhone('+1 876 781 8846')).toMatchObject({
      ok: false,
      reason: 'This +1 number belongs to Jamaica, not the US or Canada.',
    });
  });

  it('puts toll-free in the region the row asks for', () => {
    expect(classifyPhone('+18335550100', 'CA')).toMatchObject({ ok: true, region: 'CA', tollFree: true });
  });

  it.each([
    ['+11234567890', /valid North American/], // API-shaped, but no such area code (REFERENCE.md §3.1)
    ['+18095551234', /Dominican Republic/],
    ['+442071234567', /\+1/],
    ['202-555-0134 x12', /extension/],
    ['', /empty/],
    ['hello', /Not a phone/],
  ])('rejects %s', (raw, reason) => {
    const verdict = classifyPhone(raw);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });

  it('caches per NPA-NXX without mixing up verdicts', () => {
    const classify = createPhoneClassifier();
    expect(classify('+12025550100').ok).toBe(true);
    expect(classify('+12025550199').ok).toBe(true);
    expect(classify('+11235550100').ok).toBe(false);
    expect(classify('+14165550100')).toMatchObject({ region: 'CA' });
  });
});
