import { DeskFailure } from '../../../shared/contract';
import { applyEditToQueued, queuedUsage } from '../loa/job-copies';
import {
  copyProfileTo,
  createProfile,
  deleteProfile,
  listProfiles,
  requireProfile,
  updateProfile,
} from '../loa/profiles';
import type { ConceptHandlers, EngineContext } from './context';

/** `loaProfiles.*`: saved LOA signers over the open workspace's database. */
export function loaProfilesHandlers(ctx: EngineContext): ConceptHandlers<'loaProfiles'> {
  const deps = {
    db: () => ctx.active().db,
    now: ctx.now,
    changed: (payload: { ids: string[] }) => ctx.emit('loaProfiles.changed', payload),
  };
  return {
    'loaProfiles.list': (input) =>
      listProfiles(deps.db(), { kind: input.kind, text: input.text || undefined }, input),
    'loaProfiles.get': (input) => requireProfile(deps.db(), input.id),
    'loaProfiles.create': (input) => {
      const profile = createProfile(deps.db(), input, deps.now());
      deps.changed({ ids: [profile.id] });
      return profile;
    },
    'loaProfiles.update': (input) => {
      const profile = updateProfile(deps.db(), input.id, input.patch, deps.now());
      deps.changed({ ids: [profile.id] });
      return profile;
    },
    'loaProfiles.delete': (input) => {
      const result = deleteProfile(deps.db(), input.id);
      deps.changed({ ids: [result.id] });
      return result;
    },
    'loaProfiles.copy': async ({ id, toWorkspaceId }) => {
      const source = requireProfile(deps.db(), id);
      if (toWorkspaceId === ctx.workspaces.activeId)
        throw new DeskFailure('VALIDATION', 'Choose another workspace to copy this LOA profile to.', {
          field: 'toWorkspaceId',
        });
      const target = ctx.workspaces.profile(toWorkspaceId);
      const where = target.kind === 'sandbox' ? 'The Sandbox' : `Workspace “${target.name}”`;
      // the other workspace's database is opened for this write and closed again (like intake.copy)
      const profile = await ctx.workspaces.withDatabase(toWorkspaceId, (db) =>
        copyProfileTo(db, source, deps.now(), where),
      );
      // no event: the list on screen is this workspace's, which did not change
      return { workspaceId: toWorkspaceId, profile };
    },
    'loaProfiles.queuedUsage': ({ id }) => {
      const { jobs, numbers } = queuedUsage(deps.db(), id);
      return { jobs, numbers };
    },
    'loaProfiles.applyToQueued': ({ id }) => {
      const ws = ctx.active();
      const profile = requireProfile(ws.db, id);
      const { jobs, numbers, jobIds } = applyEditToQueued(ws.db, id, deps.now());
      // a local change to what will be sent, so it is in the audit log next to the calls it alters
      ws.audit.recordAudit({
        operation: 'loaProfiles.applyToQueued',
        method: 'LOCAL',
        path: `loaProfiles/${profile.id} → ${jobs} queued order(s), ${numbers} number(s)`,
        status: 200,
        durationMs: 0,
        requestBytes: 0,
        attempt: 1,
      });
      if (jobIds.length > 0) ctx.emit('jobs.changed', { ids: jobIds, counts: ws.queue.counts() });
      return { jobs, numbers };
    },
  };
}
