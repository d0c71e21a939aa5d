import { decideDevOrigin } from '../../shared/security/dev-origin';
import { APP_ORIGIN } from './app-protocol';

/**
 * Pure security decisions of the Electron shell (DESIGN.md "Security rules"). ./index.ts wires each
 * one to its Electron hook in one line; these functions hold every rule so they can be unit-tested
 * without an Electron binary.
 */

/** What we know about the frame that sent an IPC message (from `event.senderFrame` / `event.sender`). */
export type IpcSender = {
  /** `event.sender.id` */
  webContentsId: number;
  /** `event.senderFrame.url`; null when the frame is already gone */
  frameUrl: string | null;
  /** `event.senderFrame.parent === null` */
  isTopFrame: boolean;
};

/**
 * An IPC call is answered only if it comes from the top frame of a window we created, showing our
 * own app:// origin. A subframe, a page that navigated elsewhere, or any other webContents
 * (devtools extensions, a stray <webview>) is refused before validation.
 */
export function isAllowedSender(sender: IpcSender, ourWebContents: ReadonlySet<number>): boolean {
  if (!ourWebContents.has(sender.webContentsId)) return false;
  if (!sender.isTopFrame || typeof sender.frameUrl !== 'string') return false;
  return originOf(sender.frameUrl) === APP_ORIGIN;
}

/**
 * Our windows never navigate: the renderer is a single page and changes views by itself. A link to
 * an allow-listed site is opened in the user's browser instead; everything else is just dropped.
 * Used for `will-navigate`, `will-redirect` and `setWindowOpenHandler` (window.open / target=_blank).
 */
export type NavigationDecision = { allowInApp: false; openExternally: boolean };
export function decideNavigation(url: string): NavigationDecision {
  return { allowInApp: false, openExternally: mayOpenExternal(url) };
}

/**
 * `shell.openExternal` hands a URL to the OS, which may run a program for it, so only these may go:
 * Sinch's documentation and dashboard over https, and e-mail to Sinch's order desk (the invoice
 * e-mail of workflow C in sinch-skill.md). No userinfo, no other port, no look-alike hosts.
 */
export const EXTERNAL_HTTPS_HOSTS: readonly string[] = [
  'developers.sinch.com',
  'dashboard.sinch.com',
  'www.sinch.com',
  'community.sinch.com',
];
export const EXTERNAL_MAIL_ADDRESSES: readonly string[] = ['orders@sinch.com'];

/** Total: anything it cannot parse or decode is a "no" (a thrown error here would be a crash in a hook). */
export function mayOpenExternal(url: string): boolean {
  try {
    return externalAllowed(new URL(url));
  } catch {
    return false;
  }
}

function externalAllowed(parsed: URL): boolean {
  if (parsed.protocol === 'https:') {
    return (
      EXTERNAL_HTTPS_HOSTS.includes(parsed.hostname) &&
      parsed.port === '' &&
      parsed.username === '' &&
      parsed.password === ''
    );
  }
  if (parsed.protocol === 'mailto:') {
    // mailto:orders@sinch.com?subject=… — exactly one recipient, and no cc/bcc smuggled in the query.
    const recipients = decodeURIComponent(parsed.pathname).split(',');
    const extra = [...parsed.searchParams.keys()].some((k) => !['subject', 'body'].includes(k.toLowerCase()));
    return (
      recipients.length === 1 &&
      EXTERNAL_MAIL_ADDRESSES.includes(recipients[0]?.toLowerCase() ?? '') &&
      !extra
    );
  }
  return false;
}

/**
 * Every permission request (camera, notifications, clipboard-read, geolocation, …) and every
 * permission check is denied: the app needs none of them, and saying no to all means a new
 * Chromium permission is denied by default too.
 */
export function decidePermission(_permission: string, _requestingUrl?: string): boolean {
  return false;
}

/** `<webview>` would embed arbitrary content with its own preferences: never attached. */
export function mayAttachWebview(): boolean {
  return false;
}

function originOf(url: string): string | null {
  // `new URL('app://desk/x').origin` is "null" for a non-special scheme, so compare scheme + host.
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(url);
  if (!match) return null;
  return `${match[1]?.toLowerCase()}://${match[2]?.toLowerCase()}`;
}

/**
 * The desktop app refuses `--dev-origin` (npm run dev is the browser shell's): its renderer always
 * runs under the production CSP from app://. Returns why, or null when the flag is absent.
 */
export function devOriginRefusal(argv: readonly string[]): string | null {
  const flag = argv.findIndex((a) => a === '--dev-origin' || a.startsWith('--dev-origin='));
  if (flag < 0) return null;
  const arg = argv[flag] ?? '';
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (argv[flag + 1] ?? '');
  const decision = decideDevOrigin({ value, shell: 'electron', production: false });
  return decision.ok ? null : decision.reason;
}

/**
 * Downloads: only the exports our own page hands over as a blob URL (`blob:app://…`, see
 * renderer/src/lib/save-file.ts), only CSV or XLSX, and always through the save dialog (the user
 * picks where it goes; nothing lands silently in a folder). Everything else is cancelled.
 */
export type DownloadDecision =
  | { allow: false }
  | {
      allow: true;
      dialog: { title: string; defaultPath: string; filters: { name: string; extensions: string[] }[] };
    };
const DOWNLOAD_KINDS: Record<string, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV (comma-separated)', extensions: ['csv'] },
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
};
export function decideDownload(url: string, filename: string): DownloadDecision {
  if (!url.startsWith(`blob:${APP_ORIGIN}/`)) return { allow: false };
  // a bare name: no directories, no dot-files, one of our two kinds
  const base = filename.replace(/^.*[\\/]/, '');
  const ext = /^[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.([a-z]+)$/.exec(base)?.[1];
  const kind = ext ? DOWNLOAD_KINDS[ext] : undefined;
  if (!kind) return { allow: false };
  return { allow: true, dialog: { title: 'Save export', defaultPath: base, filters: [kind] } };
}
