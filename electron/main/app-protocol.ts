import { isAbsolute, join, relative, resolve } from 'node:path';

/**
 * The renderer is served from `app://desk/…` instead of file:// so that it has a real origin
 * (CSP 'self', sender checks) and so that no page can read arbitrary files. This module decides
 * which file of the built renderer a request maps to; the protocol handler in ./index.ts only
 * fetches that file and adds the CSP header.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export type AppFileDecision =
  | { ok: true; file: string }
  | { ok: false; status: 400 | 403 | 404 | 405; reason: string };

/**
 * Map an `app://desk/<path>` request to a file under `rootDir`, or refuse it.
 * Refused: other schemes/hosts, non-GET methods, any `..` segment (raw or percent-encoded — we
 * refuse rather than normalise, a legitimate asset URL never has one), encoded slashes or
 * backslashes, NUL bytes, and anything that would still resolve outside `rootDir`.
 * The query string and fragment are ignored (Vite never needs them to pick a file).
 */
export function resolveAppFile(requestUrl: string, rootDir: string, method = 'GET'): AppFileDecision {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405, reason: 'only GET and HEAD' };
  // WHATWG URL parsing would silently collapse `..` segments, hiding a traversal attempt; look at
  // the raw path first.
  const match = /^app:\/\/([^/?#]*)([^?#]*)/i.exec(requestUrl);
  if (!match) return { ok: false, status: 400, reason: 'not an app:// URL' };
  const [, host = '', rawPath = ''] = match;
  if (host.toLowerCase() !== APP_HOST) return { ok: false, status: 403, reason: `unknown host ${host}` };
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (/[\\\0]/.test(path) || /%2f|%5c/i.test(rawPath)) {
    return { ok: false, status: 400, reason: 'encoded separator, backslash or NUL' };
  }
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) {
    return { ok: false, status: 403, reason: 'dot segment in path' };
  }
  const relativePath = segments.length === 0 ? 'index.html' : segments.join('/');
  const root = resolve(rootDir);
  const file = resolve(join(root, relativePath));
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    return { ok: false, status: 403, reason: 'outside the renderer folder' };
  }
  return { ok: true, file };
}
