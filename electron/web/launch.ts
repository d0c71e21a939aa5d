import { chmodSync, renameSync, writeFileSync } from 'node:fs';

/**
 * Opening the browser without putting the launch link on a command line (issue 10, finding 3): a
 * command line is readable by every local user in /proc/<pid>/cmdline. Like Jupyter, we write a
 * small page that redirects to the link into a 0600 file under the data directory and open the
 * browser with that file's path; only the user can read it.
 */
export const LAUNCH_FILE_NAME = 'open-hosting-desk.html';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A page that goes straight to `url` (meta refresh, so it works with JavaScript off too). */
export function launchFileHtml(url: string): string {
  const href = escapeHtml(url);
  return `<!doctype html>
<html><head><meta charset="utf-8">
<meta http-equiv="refresh" content="0;url=${href}">
<title>Opening Hosting Desk…</title></head>
<body><p>Opening Hosting Desk… If nothing happens, <a href="${href}">open it here</a>.</p>
<p>This link works once; opening this file again gives a fresh one while Hosting Desk runs.</p></body></html>
`;
}

/** Replace the file atomically, readable by its owner only whatever the umask. */
export function writeLaunchFile(file: string, url: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, launchFileHtml(url), { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

/** The command that opens `file` in the default browser: the path only, never the link itself. */
export function browserCommand(platform: NodeJS.Platform, file: string): [string, string[]] {
  if (platform === 'darwin') return ['open', [file]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', `"${file}"`]];
  return ['xdg-open', [file]];
}
