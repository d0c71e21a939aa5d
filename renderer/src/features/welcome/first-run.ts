import type { Desk } from '../../lib/desk';

/** What decides the landing; each count is "is there at least one". */
export type DeskFacts = {
  tourSeen: boolean;
  liveWorkspaces: number;
  loaProfiles: number;
  jobs: number;
  drafts: number;
};

/**
 * A fresh desk — only the Sandbox, no LOA profile, no job, no draft, and the tour never skipped or
 * finished — lands on the tour; any other opens Status as before. Pure (first-run.test.ts).
 */
export const isFreshDesk = (f: DeskFacts): boolean =>
  !f.tourSeen && f.liveWorkspaces === 0 && f.loaProfiles === 0 && f.jobs === 0 && f.drafts === 0;

/**
 * Reads the facts through the engine (five cheap reads, one item each). When any read fails the
 * answer is "not fresh": Status is the safe landing, it says what is wrong.
 */
export async function readDeskFacts(desk: Pick<Desk, 'call'>): Promise<DeskFacts | null> {
  const [settings, live, profiles, jobs, drafts] = await Promise.all([
    desk.call('settings.get', { keys: ['welcome.tourSeen'] }),
    desk.call('workspaces.list', { kind: 'live', limit: 1 }),
    desk.call('loaProfiles.list', { limit: 1 }),
    desk.call('jobs.list', { limit: 1 }),
    desk.call('intake.list', { limit: 1 }),
  ]);
  if (!settings.ok || !live.ok || !profiles.ok || !jobs.ok || !drafts.ok) return null;
  const seen = settings.value.items.find((i) => i.key === 'welcome.tourSeen');
  return {
    tourSeen: seen?.value === true,
    liveWorkspaces: live.value.items.length,
    loaProfiles: profiles.value.items.length,
    jobs: jobs.value.items.length,
    drafts: drafts.value.items.length,
  };
}

/** Where `/` goes. */
export async function landing(desk: Pick<Desk, 'call'>): Promise<'/welcome' | '/status'> {
  const facts = await readDeskFacts(desk).catch(() => null);
  return facts && isFreshDesk(facts) ? '/welcome' : '/status';
}
