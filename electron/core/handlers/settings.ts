import {
  DeskFailure,
  SETTING_KEYS,
  SETTINGS,
  type SettingEntry,
  type SettingKey,
} from '../../../shared/contract';
import { appSettings } from '../settings/app-settings';
import { readWorkspaceSettings, writeWorkspaceSetting } from '../store/workspace-settings';
import type { ConceptHandlers, EngineContext } from './context';

/**
 * `settings.*`: what screens remember. The key decides the scope: `app` settings live in the data
 * directory, `workspace` ones in the open workspace's database. A stored value that no longer fits
 * its schema (an older version wrote it) reads as the default instead of failing the screen.
 */
export function settingsHandlers(ctx: EngineContext): ConceptHandlers<'settings'> {
  const appFile = appSettings(ctx.dataDir, ctx.logger);
  const entry = (key: SettingKey, stored: unknown, workspaceId: string | null): SettingEntry => {
    const def = SETTINGS[key];
    const parsed = stored === undefined ? null : def.schema.safeParse(stored);
    const ok = parsed?.success === true;
    return {
      key,
      scope: def.scope,
      value: ok ? parsed.data : def.default,
      isDefault: !ok,
      workspaceId: def.scope === 'workspace' ? workspaceId : null,
    } as SettingEntry;
  };
  return {
    'settings.get': (input) => {
      const keys = input.keys ?? SETTING_KEYS;
      const app = keys.some((k) => SETTINGS[k].scope === 'app') ? appFile.read() : {};
      const needWorkspace = keys.filter((k) => SETTINGS[k].scope === 'workspace');
      const ws = needWorkspace.length ? ctx.active() : null;
      const stored = ws ? readWorkspaceSettings(ws.db, needWorkspace) : new Map<string, unknown>();
      return {
        items: keys.map((key) =>
          SETTINGS[key].scope === 'app'
            ? entry(key, app[key], null)
            : entry(key, stored.get(key), ws?.profile.id ?? null),
        ),
      };
    },
    'settings.set': (input) => {
      const { key, value } = input;
      const def = SETTINGS[key];
      // dispatch validated `value` against the key's schema already; this keeps the stored form canonical
      const parsed = def.schema.safeParse(value);
      if (!parsed.success)
        throw new DeskFailure('VALIDATION', `The value of setting ${key} is not valid.`, parsed.error.issues);
      if (def.scope === 'app') {
        appFile.write(key, parsed.data);
        ctx.emit('settings.changed', { keys: [key], workspaceId: null });
        return entry(key, parsed.data, null);
      }
      const ws = ctx.active();
      writeWorkspaceSetting(ws.db, key, parsed.data, ctx.now());
      ctx.emit('settings.changed', { keys: [key], workspaceId: ws.profile.id });
      return entry(key, parsed.data, ws.profile.id);
    },
  };
}
