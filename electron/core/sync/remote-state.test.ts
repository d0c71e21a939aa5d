import { describe, expect, it } from 'vitest';
import { DEFAULT_POLL, nextInterval, type WaitCondition } from './tasks';
import { importedNumberState, orderNumberState } from './remote-state';

const wait = (seen: string, intervalMs: number): WaitCondition => ({ phase: 'follow', seen, intervalMs });

describe('adaptive poll interval', () => {
  it('is fast after a change and doubles while nothing moves, up to one call per slowMs', () => {
    expect(nextInterval(null, 'a', 1, DEFAULT_POLL)).toBe(5_000);
    expect(nextInterval(wait('a', 5_000), 'b', 1, DEFAULT_POLL)).toBe(5_000);
    const seq: number[] = [];
    let w = wait('a', 5_000);
    for (let i = 0; i < 6; i++) {
      const next = nextInterval(w, 'a', 1, DEFAULT_POLL);
      seq.push(next);
      w = wait('a', next);
    }
    expect(seq).toEqual([10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
  });

  it('a look that costs several calls waits proportionally longer when idle', () => {
    let w = wait('a', 5_000);
    for (let i = 0; i < 10; i++) w = wait('a', nextInterval(w, 'a', 3, DEFAULT_POLL));
    expect(w.intervalMs).toBe(180_000);
  });
});

describe('per-number states', () => {
  it('order numbers: the running step names the state, FAILED fails, all DONE is hosted/imported', () => {
    expect(
      orderNumberState(
        {
          osrUpdate: { state: 'DONE' },
          platformProvisioning: { state: 'IN_PROGRESS' },
          campaignProvisioning: { state: 'WAITING' },
        },
        'text-enable',
      ).state,
    ).toBe('platform-provisioning');
    expect(
      orderNumberState(
        { platformProvisioning: { state: 'DONE' }, campaignProvisioning: { state: 'FAILED' } },
        'import',
      ),
    ).toMatchObject({ state: 'failed', failed: true });
    expect(
      orderNumberState(
        { platformProvisioning: { state: 'DONE' }, campaignProvisioning: { state: 'STATE_UNSPECIFIED' } },
        'import',
      ),
    ).toMatchObject({ state: 'imported', finished: true });
    expect(orderNumberState({ osrUpdate: { state: 'WAITING' } }, 'text-enable').state).toBe('ordered');
  });

  it('imported numbers: SMS and campaign both settled is the target, either FAILED fails', () => {
    expect(
      importedNumberState(
        { smsProvisioning: { state: 'DONE' }, campaignProvisioning: { state: 'IN_PROGRESS' } },
        'imported',
      ),
    ).toMatchObject({ state: 'provisioning', finished: false });
    expect(importedNumberState({ smsProvisioning: { state: 'DONE' } }, 'linked')).toMatchObject({
      state: 'linked',
      finished: true,
    });
    expect(
      importedNumberState({ smsProvisioning: { state: 'FAILED', errorCode: 'X1' } }, 'unlinked'),
    ).toMatchObject({ state: 'failed', failed: true });
    expect(importedNumberState({ smsProvisioning: { state: 'WAITING' } }, 'unlinked').state).toBe(
      'unlinking',
    );
  });
});
