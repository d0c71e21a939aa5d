import { describe, expect, it } from 'vitest';
import { type RestartPolicy, restartDecision } from './restart-policy';

const policy: RestartPolicy = { maxCrashes: 3, windowMs: 10_000, baseDelayMs: 100, maxDelayMs: 250 };
const now = 1_000_000;

describe('restartDecision', () => {
  it.each([
    // [crash times relative to now, expected]
    [[0], { action: 'restart', delayMs: 100, recentCrashes: 1 }],
    [[-1_000, 0], { action: 'restart', delayMs: 200, recentCrashes: 2 }],
    // old crashes outside the window do not count
    [[-60_000, -30_000, -10_000, 0], { action: 'restart', delayMs: 100, recentCrashes: 1 }],
    [[-20_000, -9_999, 0], { action: 'restart', delayMs: 200, recentCrashes: 2 }],
  ])('crashes at %o → %o', (offsets, expected) => {
    expect(
      restartDecision(
        offsets.map((o) => now + o),
        now,
        policy,
      ),
    ).toEqual(expected);
  });

  it('caps the delay', () => {
    const wide = { ...policy, maxCrashes: 10 };
    expect(restartDecision([now - 3, now - 2, now - 1, now], now, wide)).toMatchObject({ delayMs: 250 });
  });

  it('gives up after maxCrashes inside the window, and says so', () => {
    const decision = restartDecision([now - 2_000, now - 1_000, now], now, policy);
    expect(decision.action).toBe('give-up');
    if (decision.action === 'give-up') {
      expect(decision.recentCrashes).toBe(3);
      expect(decision.message).toMatch(/3 times within 10 s/);
    }
  });

  it('uses the documented defaults when no policy is given', () => {
    expect(restartDecision([now], now)).toEqual({ action: 'restart', delayMs: 200, recentCrashes: 1 });
    expect(
      restartDecision(
        [1, 2, 3, 4, 5].map((s) => now - s * 1000),
        now,
      ).action,
    ).toBe('give-up');
  });
});
