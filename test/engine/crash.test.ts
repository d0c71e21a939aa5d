import { describe, expect, it } from 'vitest';
import { OsSecretStore } from '../../electron/core/secrets/os-secret-store';
import { planKills, runCrashScenario } from './crash-run';

/**
 * Issue 4 acceptance, crash test (the `npm run bench` version runs 2,000 numbers and 20 kills).
 * Needs the real keychain: `npm test` runs inside a private D-Bus session with gnome-keyring; run
 * bare, it skips and says why (under the test session, a missing keychain is a failure).
 */
const keychain = await new OsSecretStore(`hosting-desk-crash-probe`).probe();
const underTestSession = process.env.HOSTING_DESK_TEST_SESSION === '1';

describe('crash harness', () => {
  it('plans at least a quarter of the kills between "intent recorded" and "response stored"', () => {
    for (const seed of [1, 2, 3, 4, 5, 42]) {
      for (const count of [4, 8, 20]) {
        const plan = planKills(count, seed);
        expect(plan).toHaveLength(count);
        expect(plan.filter((k) => k.kind !== 'random').length).toBeGreaterThanOrEqual(count / 4);
      }
    }
  });

  it('has a keychain under the test session', () => {
    if (!underTestSession) return;
    expect(keychain.available, keychain.detail).toBe(true);
  });

  it.skipIf(!keychain.available)(
    '300 numbers, 8 SIGKILLs of the engine process: no job lost, every number sent once',
    async () => {
      const result = await runCrashScenario({ numbers: 300, kills: 8, seed: 8 });
      expect(result.totalKills).toBe(8);
      expect(result.starts).toBe(9);
      expect(result.kills.intent + result.kills.response).toBeGreaterThanOrEqual(8 / 4);
      // No job lost: every job done, every number in its final state (the simulator agrees below).
      expect(result.verdict.notDoneJobs).toEqual([]);
      expect(result.verdict.unfinishedNumbers).toEqual([]);
      expect(result.verdict.lost).toBe(0);
      // Sent once, or again only after a reconciliation read found it missing — from the simulator's report.
      expect(result.verdict.neverSent).toEqual([]);
      expect(result.verdict.duplicates).toEqual([]);
      expect(result.verdict.duplicateCreates).toBe(0);
      // Without injected faults no request is refused, so "once" is exact for every number.
      expect(result.verdict.sentOnce).toBe(300);
    },
    240_000,
  );
});
