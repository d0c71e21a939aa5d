import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../core/log';
import { browserCommand, launchFileHtml } from './launch';
import { type EngineSurface, startWebShell, type WebShell } from './server';
import { makeTempDirs, send } from './test-helpers';

/**
 * Issue 10, finding 3: the launch token is nobody else's and does not live for ever. The browser is
 * opened with a 0600 file (no token on any command line), every link mints one session only, and
 * at the session cap the least recently used idle session makes room — or the login is refused.
 */
const engine: EngineSurface = {
  handlers: { 'app.status': () => ({}) } as unknown as EngineSurface['handlers'],
  subscribe: () => () => {},
};

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

type Logged = { level: string; message: string; fields?: Record<string, unknown> };

async function shellWith(extra: Partial<Parameters<typeof startWebShell>[0]> = {}) {
  const dirs = makeTempDirs();
  cleanups.push(() => dirs.cleanup());
  const logged: Logged[] = [];
  const logger: Logger = {
    log: (level, message, fields) => logged.push({ level, message, ...(fields ? { fields } : {}) }),
    redact: () => {},
  };
  const shell: WebShell = await startWebShell({
    engine,
    rendererDir: dirs.rendererDir,
    dataDir: dirs.dataDir,
    logger,
    ...extra,
  });
  cleanups.push(() => shell.close());
  const headers = { Host: `127.0.0.1:${shell.port}`, Origin: `http://127.0.0.1:${shell.port}` };
  const tokenOf = (url: string) => new URL(url).hash.replace('#token=', '');
  const login = async (url: string) => {
    const res = await send(shell.port, {
      method: 'POST',
      path: '/session',
      headers: { ...headers, Authorization: `Bearer ${tokenOf(url)}` },
    });
    const cookie = res.status === 204 ? (String(res.headers['set-cookie']).split(';')[0] ?? '') : '';
    return { status: res.status, cookie, text: res.text };
  };
  const rpc = (cookie: string) =>
    send(shell.port, {
      method: 'POST',
      path: '/rpc/app.status',
      headers: { ...headers, Cookie: cookie, 'Content-Type': 'application/json' },
      body: '{}',
    });
  return { shell, dirs, logged, login, rpc, tokenOf };
}

describe('launch links are single-use (issue 10, finding 3)', () => {
  it('a link mints one session; a second use is refused; a fresh link works once', async () => {
    const h = await shellWith();
    const first = await h.login(h.shell.url);
    expect(first.status).toBe(204);
    expect((await h.rpc(first.cookie)).status).toBe(200);
    expect((await h.login(h.shell.url)).status).toBe(401);
    const fresh = h.shell.freshLoginUrl();
    expect(h.tokenOf(fresh)).not.toBe(h.tokenOf(h.shell.url));
    expect(Buffer.from(h.tokenOf(fresh), 'base64url')).toHaveLength(32);
    expect((await h.login(fresh)).status).toBe(204);
    expect((await h.login(fresh)).status).toBe(401);
  });

  it('opens the browser through a 0600 file that always holds an unused link', async () => {
    const old = process.umask(0o022);
    try {
      const h = await shellWith();
      const file = join(h.dirs.dataDir, 'open-hosting-desk.html');
      expect(h.shell.launchFile).toBe(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const linkIn = () => /href="([^"]+)"/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
      const inFile = linkIn();
      expect(inFile).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
      expect((await h.login(inFile)).status).toBe(204);
      // used: the file now holds a new link, which works (once)
      const next = linkIn();
      expect(next).not.toBe(inFile);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect((await h.login(next)).status).toBe(204);
    } finally {
      process.umask(old);
    }
  });

  it('the browser is started with the file path: no token on any command line', () => {
    const file = '/home/u/.local/share/hosting-desk/open-hosting-desk.html';
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const [command, args] = browserCommand(platform, file);
      expect(command.length).toBeGreaterThan(0);
      expect(args.join(' ')).toContain(file);
      expect(args.join(' ')).not.toMatch(/token|http/);
    }
    const html = launchFileHtml('http://127.0.0.1:5/#token=abc_-DEF');
    expect(html).toContain('http-equiv="refresh"');
    expect(html).toContain('href="http://127.0.0.1:5/#token=abc_-DEF"');
    expect(launchFileHtml('http://127.0.0.1:5/#"><script>')).not.toContain('<script>');
  });
});

describe('the session cap (issue 10, finding 3)', () => {
  it('drops the least recently used session idle for over 10 minutes, and logs it', async () => {
    let now = 1_000_000;
    const h = await shellWith({ maxSessions: 3, now: () => now });
    const a = await h.login(h.shell.freshLoginUrl());
    now += 1_000;
    const b = await h.login(h.shell.freshLoginUrl());
    const c = await h.login(h.shell.freshLoginUrl());
    now += 11 * 60_000;
    await h.rpc(b.cookie); // b and c were used recently; a has been idle for 11 minutes
    await h.rpc(c.cookie);
    const d = await h.login(h.shell.freshLoginUrl());
    expect(d.status).toBe(204);
    expect((await h.rpc(a.cookie)).status).toBe(401);
    for (const s of [b, c, d]) expect((await h.rpc(s.cookie)).status).toBe(200);
    expect(h.logged).toContainEqual(
      expect.objectContaining({ level: 'info', message: expect.stringMatching(/session.*dropped/i) }),
    );
  });

  it('refuses a new session with a message when every session was used in the last 10 minutes', async () => {
    let now = 1_000_000;
    const h = await shellWith({ maxSessions: 2, now: () => now });
    const a = await h.login(h.shell.freshLoginUrl());
    const b = await h.login(h.shell.freshLoginUrl());
    now += 5 * 60_000;
    const link = h.shell.freshLoginUrl();
    const refused = await h.login(link);
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.text).error.message).toMatch(/2 browser sessions.*close/i);
    for (const s of [a, b]) expect((await h.rpc(s.cookie)).status).toBe(200);
    // the refused link was not spent: once a session is idle long enough, it works
    now += 11 * 60_000;
    expect((await h.login(link)).status).toBe(204);
  });
});
