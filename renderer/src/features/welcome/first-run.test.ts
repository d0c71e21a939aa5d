import { describe, expect, it } from 'vitest';
import { err, ok } from '../../../../shared/contract';
import type { Desk } from '../../lib/desk';
import { isFreshDesk, landing } from './first-run';

const fresh = { tourSeen: false, liveWorkspaces: 0, loaProfiles: 0, jobs: 0, drafts: 0 };

describe('the first-run landing', () => {
  it('a fresh desk gets the tour; any sign of use, or the tour once dismissed, gets Status', () => {
    expect(isFreshDesk(fresh)).toBe(true);
    for (const used of [
      { tourSeen: true },
      { liveWorkspaces: 1 },
      { loaProfiles: 1 },
      { jobs: 1 },
      { drafts: 1 },
    ])
      expect(isFreshDesk({ ...fresh, ...used }), JSON.stringify(used)).toBe(false);
  });

  const deskAnswering = (answers: Record<string, unknown>, failing?: string): Pick<Desk, 'call'> => ({
    call: (async (channel: string) =>
      channel === failing
        ? err('INTERNAL', 'boom')
        : ok(answers[channel] ?? { items: [] })) as unknown as Desk['call'],
  });

  it('reads the engine: an empty desk lands on the tour, one with a profile on Status', async () => {
    const settings = { items: [{ key: 'welcome.tourSeen', value: false }] };
    expect(await landing(deskAnswering({ 'settings.get': settings }))).toBe('/welcome');
    expect(
      await landing(
        deskAnswering({ 'settings.get': settings, 'loaProfiles.list': { items: [{ id: 'p' }] } }),
      ),
    ).toBe('/status');
    expect(
      await landing(deskAnswering({ 'settings.get': { items: [{ key: 'welcome.tourSeen', value: true }] } })),
    ).toBe('/status');
  });

  it('a failed read lands on Status (it says what is wrong)', async () => {
    expect(await landing(deskAnswering({}, 'jobs.list'))).toBe('/status');
  });
});
