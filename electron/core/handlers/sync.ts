import { DeskFailure, type EventPayload } from '../../../shared/contract';
import { readSyncFlag, writeSyncFlag } from '../queue/sync-flag';
import type { WorkspaceSession } from '../workspace-session';
import type { OpenWorkspace } from '../workspaces/workspaces';
import type { ConceptHandlers, EngineContext } from './context';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The sync state the renderer sees: the user's persisted switch, the live loop's status while the
 * workspace's session runs, and a 429 pause that outlives a restart.
 */
export function syncStateOf(ws: OpenWorkspace, session: WorkspaceSession | null): EventPayload<'sync.state'> {
  const flag = readSyncFlag(ws.db, ws.profile.kind);
  const live = session?.ws === ws ? session.sync.state() : null;
  const pausedUntil = ws.queue.pausedUntil(ws.queueName);
  const rateLimitedUntil =
    live?.status === 'rate-limited' && live.until !== null ? live.until : (pausedUntil ?? null);
  const detail = !flag.running
    ? flag.changedAt === null
      ? // only a Live workspace starts out paused (sync-flag.ts): say why, so it does not read as a fault
        'Not started yet: nothing is sent from this Live workspace until sync is started once. Preparation works as usual.'
      : 'Paused by you: nothing is sent until you resume sync. Preparation works as usual.'
    : live
      ? live.detail
      : rateLimitedUntil
        ? 'Sinch asked us to slow down (429): sending resumes automatically.'
        : 'Sending the queue.';
  return {
    workspaceId: ws.profile.id,
    running: flag.running,
    rateLimitedUntil: iso(rateLimitedUntil),
    detail,
    changedAt: iso(flag.changedAt),
    ...(live ? { status: live.status, until: iso(live.until) } : {}),
  };
}

/** `sync.*`: the user's "send the queue" switch, persisted per workspace. */
export function syncHandlers(ctx: EngineContext): ConceptHandlers<'sync'> {
  const setSync = (running: boolean) => {
    writeSyncFlag(ctx.active().db, running, ctx.now());
    const session = ctx.sessions.current();
    if (session) running ? session.sync.start() : session.sync.pause();
    const state = ctx.syncState();
    ctx.emit('sync.state', state);
    return state;
  };
  return {
    'sync.status': () => ctx.syncState(),
    'sync.start': async () => {
      const ws = ctx.active();
      if (ws.profile.kind === 'live' && !(await ctx.credentials.keySecret(ws.profile.id).catch(() => null)))
        throw new DeskFailure(
          'UNAUTHENTICATED',
          `Add the key secret of "${ws.profile.name}" before sending. Everything else keeps working without it.`,
        );
      return setSync(true);
    },
    'sync.pause': () => setSync(false),
  };
}
