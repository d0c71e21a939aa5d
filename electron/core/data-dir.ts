import { isAbsolute, join, win32 } from 'node:path';

/**
 * The one per-user data directory both shells use by default, so the user sees the same workspaces
 * in the Electron app and in the browser shell (one engine at a time: the data-dir lock refuses a
 * second). `HOSTING_DESK_DATA_DIR` (absolute) overrides it for either shell.
 *
 * - Linux and other Unixes: `$XDG_DATA_HOME/hosting-desk`, else `~/.local/share/hosting-desk`
 *   (databases are data, not configuration: XDG Base Directory spec).
 * - macOS: `~/Library/Application Support/Hosting Desk`.
 * - Windows: `%LOCALAPPDATA%\Hosting Desk` — local, not Roaming: a roaming profile must not copy a
 *   live SQLite database between machines.
 */
export function defaultDataDir(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  home: string,
): string {
  const override = env.HOSTING_DESK_DATA_DIR;
  if (override && (isAbsolute(override) || win32.isAbsolute(override))) return override;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Hosting Desk');
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA && win32.isAbsolute(env.LOCALAPPDATA) ? env.LOCALAPPDATA : null;
    return win32.join(local ?? win32.join(home, 'AppData', 'Local'), 'Hosting Desk');
  }
  const xdg = env.XDG_DATA_HOME;
  // XDG: a relative value is invalid and must be ignored.
  const base = xdg && isAbsolute(xdg) ? xdg : join(home, '.local', 'share');
  return join(base, 'hosting-desk');
}
