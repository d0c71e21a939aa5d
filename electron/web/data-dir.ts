import { join } from 'node:path';

/**
 * Where the browser shell keeps its data when `--data-dir` is not given: the platform's per-user
 * application-data folder, the same place Electron's `app.getPath('userData')` would use for
 * "Hosting Desk", so both shells can share one data directory.
 */
export function defaultDataDir(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
  home: string,
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Hosting Desk');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Hosting Desk');
  const base =
    env.XDG_DATA_HOME && env.XDG_DATA_HOME.length > 0 ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  return join(base, 'hosting-desk');
}
