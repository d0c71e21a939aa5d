import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

export type StaticFile = { body: Buffer; contentType: string; immutable: boolean };

/**
 * Resolve a URL path to a file of the built renderer, or null. Never leaves `root`: the decoded path
 * is normalised and must stay below it, and dot-files are never served. `/` is index.html.
 * Hashed files under assets/ can be cached for good; index.html must not be (it names the hashes).
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = normalize(join(root, relative));
  if (!full.startsWith(normalize(root) + sep)) return null;
  if (relative.split('/').some((part) => part.startsWith('.'))) return null;
  try {
    if (!(await stat(full)).isFile()) return null;
    const body = await readFile(full);
    return {
      body,
      contentType: contentTypes[extname(full).toLowerCase()] ?? 'application/octet-stream',
      immutable: relative.startsWith('assets/'),
    };
  } catch {
    return null;
  }
}
