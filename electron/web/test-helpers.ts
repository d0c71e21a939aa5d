import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Test-only helpers for the browser shell's tests (raw HTTP where Host/Origin must be exact). */

export type RawResponse = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
};

/** One HTTP request with exactly the headers given (fetch would add or forbid some, e.g. Host). */
export function send(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers ?? {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A throwaway data dir plus a minimal built renderer (index.html + one asset). */
export function makeTempDirs(): { dataDir: string; rendererDir: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'hd-web-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Hosting Desk</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
  writeFileSync(join(rendererDir, '.secret'), 'not for the web');
  return {
    dataDir: join(root, 'data'),
    rendererDir,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * A `fetch` that behaves like a same-origin page: it sends our Origin on every request and keeps
 * the session cookie the server sets (Node's fetch has no cookie jar).
 */
export function browserLikeFetch(origin: string): typeof fetch {
  let cookie: string | undefined;
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('Origin', origin);
    if (cookie) headers.set('Cookie', cookie);
    const response = await fetch(input, { ...init, headers });
    const set = response.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    return response;
  };
}
