import type { EventPayload } from '../../../shared/contract';
import type { HandlerTable } from '../../../shared/contract/dispatch';
import type { Db } from '../store/database';
import { createProfile, deleteProfile, listProfiles, requireProfile, updateProfile } from './profiles';

type LoaChannel =
  | 'loaProfiles.list'
  | 'loaProfiles.get'
  | 'loaProfiles.create'
  | 'loaProfiles.update'
  | 'loaProfiles.delete';

/** The `loaProfiles.*` handlers over the open workspace's database (engine.ts spreads them in). */
export function loaProfileHandlers(deps: {
  /** the open workspace's database; throws (with the reason) when none is open */
  db(): Db;
  now(): number;
  changed(payload: EventPayload<'loaProfiles.changed'>): void;
}): Pick<HandlerTable, LoaChannel> {
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
