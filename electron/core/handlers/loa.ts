import { createProfile, deleteProfile, listProfiles, requireProfile, updateProfile } from '../loa/profiles';
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
  };
}
