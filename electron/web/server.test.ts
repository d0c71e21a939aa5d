import { readFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { createEngine, type Engine } from '../core/engine';
import { silentLogger } from '../core/log';
import { MemorySecretStore } from '../core/secrets/memory-secret-store';
import { startWebShell, type WebShell } from './server';
import { makeTempDirs, type RawResponse, send } from './test-helpers';

const TOKEN = 'fake-launch-token-0000000000000000000000000';

let dirs: ReturnType<typeof makeTempDirs>;
let engine: Engine;
let shell: WebShell;
let port: number;
let origin: string;

beforeEach(async () => {
  dirs = makeTempDirs();
  engine = await createEngine({
    dataDir: dirs.dataDir,
    secretStore: new MemorySecretStore(),
    shell: 'test',
    logger: silentLogger,
  });
  shell = await startWebShell({
    engine,
    rendererDir: dirs.rendererDir,
    dataDir: dirs.dataDir,
    token: TOKEN,
    maxBodyBytes: 2048,
  });
  port = shell.port;
  origin = `http://127.0.0.1:${port}`;
});

afterEach(async () => {
  await shell.close();
  await engine.close();
  dirs.cleanup();
});

const host = () => `127.0.0.1:${port}`;
const cookieOf = (res: RawResponse): string => {
  const set = res.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  if (!first) throw new Error('no Set-Cookie');
  return first;
};

async function login(): Promise<string> {
  const res = await send(port, {
    method: 'POST',
    path: '/session',
    headers: { Host: host(), Origin: origin, Authorization: `Bearer ${TOKEN}` },
  });
  expect(res.status).toBe(204);
  return cookieOf(res).split(';')[0] ?? '';
}

function rpc(channel: string, body: string, headers: Record<string, string> = {}) {
  return send(port, {
    method: 'POST',
    path: `/rpc/${channel}`,
    headers: { Host: host(), Origin: origin, 'Content-Type': 'application/json', ...headers },
    body,
  });
}

describe('browser shell: who may call', () => {
  it('binds loopback only and prints the token in the URL fragment', () => {
    expect(shell.url).toBe(`http://127.0.0.1:${port}/#token=${TOKEN}`);
  });

  it('generates a fresh 256-bit token per launch when none is given', async () => {
    const a = await startWebShell({ engine, rendererDir: dirs.rendererDir, dataDir: dirs.dataDir });
    const b = await startWebShell({ engine, rendererDir: dirs.rendererDir, dataDir: dirs.dataDir });
    try {
      expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
      expect(a.token).not.toBe(b.token);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('serves the renderer without a session, with the shared CSP', async () => {
    const res = await send(port, { path: '/', headers: { Host: host() } });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<title>Hosting Desk</title>');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const asset = await send(port, { path: '/assets/app.js', headers: { Host: host() } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('never serves files outside the renderer or dot-files', async () => {
    for (const path of [
      '/../data/logs/web-requests.log',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/.secret',
      '/assets/%00',
    ]) {
      const res = await send(port, { path, headers: { Host: host() } });
      expect(res.status, path).toBe(404);
    }
  });

  it('refuses a session without the token, or with a wrong one (401)', async () => {
    const none = await send(port, {
      method: 'POST',
      path: '/session',
      headers: { Host: host(), Origin: origin },
    });
    expect(none.status).toBe(401);
    expect(none.headers['set-cookie']).toBeUndefined();
    const wrong = await send(port, {
      method: 'POST',
      path: '/session',
      headers: { Host: host(), Origin: origin, Authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
    });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.text)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('issues an HttpOnly SameSite=Strict session cookie, named per port', async () => {
    const res = await send(port, {
      method: 'POST',
      path: '/session',
      headers: { Host: host(), Origin: origin, Authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(204);
    const cookie = cookieOf(res);
    const [pair, ...attributes] = cookie.split(';').map((s) => s.trim());
    expect(pair).toMatch(new RegExp(`^hosting_desk_session_${port}=[A-Za-z0-9_-]{43}$`));
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    expect(pair).not.toContain(TOKEN);
  });

  it('refuses RPC and events without a valid session cookie (401)', async () => {
    expect((await rpc('app.status', '{}')).status).toBe(401);
    const forged = await rpc('app.status', '{}', { Cookie: `hosting_desk_session_${port}=${TOKEN}` });
    expect(forged.status).toBe(401);
    const events = await send(port, { path: '/events', headers: { Host: host() } });
    expect(events.status).toBe(401);
    // The token itself is not a credential for RPC: only the cookie it was exchanged for is.
    const bearer = await rpc('app.status', '{}', { Authorization: `Bearer ${TOKEN}` });
    expect(bearer.status).toBe(401);
  });

  it('answers RPC with the engine result once the session exists', async () => {
    const cookie = await login();
    const res = await rpc('app.status', '{}', { Cookie: cookie });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text);
    expect(body.ok).toBe(true);
    expect(body.value.workspace).toEqual({ id: 'sandbox', name: 'Sandbox', kind: 'sandbox' });
    expect(body.value.dataDir).toBe(dirs.dataDir);
  });

  it('refuses a foreign Host (DNS rebinding) with 403, even with a valid session', async () => {
    const cookie = await login();
    for (const h of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1']) {
      const page = await send(port, { path: '/', headers: { Host: h } });
      expect(page.status, h).toBe(403);
      const call = await rpc('app.status', '{}', { Host: h, Cookie: cookie });
      expect(call.status, h).toBe(403);
    }
    const localhost = await rpc('app.status', '{}', {
      Host: `localhost:${port}`,
      Origin: `http://localhost:${port}`,
      Cookie: cookie,
    });
    expect(localhost.status).toBe(200);
  });

  it('refuses a foreign or cross-site Origin with 403, even with the right token', async () => {
    const cookie = await login();
    for (const o of [
      'http://evil.example',
      `http://127.0.0.1:${port + 1}`,
      `https://127.0.0.1:${port}`,
      'null',
    ]) {
      const session = await send(port, {
        method: 'POST',
        path: '/session',
        headers: { Host: host(), Origin: o, Authorization: `Bearer ${TOKEN}` },
      });
      expect(session.status, o).toBe(403);
      expect(session.headers['set-cookie']).toBeUndefined();
      expect((await rpc('app.status', '{}', { Origin: o, Cookie: cookie })).status, o).toBe(403);
    }
    const crossSite = await rpc('app.status', '{}', { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const noOrigin = await send(port, {
      method: 'POST',
      path: '/rpc/app.status',
      headers: { Host: host(), Cookie: cookie, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(noOrigin.status).toBe(403);
  });

  it('refuses a body larger than the limit (413) without calling the handler', async () => {
    const cookie = await login();
    const spy = vi.spyOn(engine.handlers, 'app.status');
    const big = JSON.stringify({ padding: 'x'.repeat(4096) });
    const res = await rpc('app.status', big, { Cookie: cookie });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(spy).not.toHaveBeenCalled();
  });

  it('answers an unknown channel with VALIDATION', async () => {
    const cookie = await login();
    const res = await rpc('no.such.channel', '{}', { Cookie: cookie });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const proto = await rpc('__proto__', '{}', { Cookie: cookie });
    expect(JSON.parse(proto.text)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses RPC bodies that are not application/json (no simple-request CSRF)', async () => {
    const cookie = await login();
    const res = await rpc('app.status', '{}', { Cookie: cookie, 'Content-Type': 'text/plain' });
    expect(res.status).toBe(415);
  });
});

describe('browser shell: events', () => {
  it('streams engine events to a session as server-sent events', async () => {
    const cookie = await login();
    const stream = await new Promise<IncomingMessage>((resolve, reject) => {
      get(
        { host: '127.0.0.1', port, path: '/events', headers: { Host: host(), Cookie: cookie } },
        resolve,
      ).on('error', reject);
    });
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    let received = '';
    const gotEvent = new Promise<void>((resolve) => {
      stream.on('data', (chunk: Buffer) => {
        received += chunk.toString('utf8');
        if (received.includes('event: app.statusChanged')) resolve();
      });
    });
    await new Promise<void>((resolve) => stream.once('data', () => resolve())); // the ": connected" preamble
    await rpc('keychain.probe', '{}', { Cookie: cookie });
    await gotEvent;
    expect(received).toContain('event: app.statusChanged\ndata: {"reason":"keychain"}\n\n');
    const ended = new Promise<void>((resolve) => stream.on('end', () => resolve()));
    await shell.close(); // closing the shell ends open streams instead of hanging on them
    await ended;
  });

  it('dropEventStreams ends every open stream (the pages reconnect) and leaves the server serving', async () => {
    const cookie = await login();
    const stream = await new Promise<IncomingMessage>((resolve, reject) => {
      get(
        { host: '127.0.0.1', port, path: '/events', headers: { Host: host(), Cookie: cookie } },
        resolve,
      ).on('error', reject);
    });
    await new Promise<void>((resolve) => stream.once('data', () => resolve()));
    const ended = new Promise<void>((resolve) => stream.on('end', () => resolve()));
    stream.resume();
    expect(shell.dropEventStreams()).toBe(1);
    await ended;
    expect(shell.dropEventStreams()).toBe(0);
    expect((await rpc('app.status', '{}', { Cookie: cookie })).status).toBe(200);
  });
});

describe('browser shell: request log', () => {
  it('logs every request without the token or the session cookie', async () => {
    const cookie = await login();
    const session = cookie.split('=')[1] ?? '';
    expect(session.length).toBeGreaterThan(20);
    await rpc('app.status', '{}', { Cookie: cookie });
    await send(port, { path: `/?token=${TOKEN}`, headers: { Host: host() } });
    await send(port, { path: `/${TOKEN}`, headers: { Host: host() } }); // token pasted into the path
    await send(port, { path: `/${session}`, headers: { Host: host() } });
    await send(port, { path: '/', headers: { Host: 'evil.example' } });
    await shell.close();

    const log = readFileSync(shell.requestLog.file, 'utf8');
    const lines = log
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(6);
    expect(lines[0]).toMatchObject({ method: 'POST', path: '/session', status: 204 });
    expect(lines[1]).toMatchObject({ method: 'POST', path: '/rpc/app.status', status: 200 });
    expect(lines[2]).toMatchObject({ method: 'GET', path: '/', status: 200 });
    expect(lines[5]).toMatchObject({ method: 'GET', path: '/', status: 403 });
    for (const line of lines) expect(typeof line.ms).toBe('number');
    expect(log).not.toContain(TOKEN);
    expect(log).not.toContain(session);
  });
});

describe('--dev-origin (npm run dev)', () => {
  it('accepts exactly the dev origin through the proxy, with the development CSP; other origins stay refused', async () => {
    const dev = await startWebShell({
      engine,
      rendererDir: dirs.rendererDir,
      dataDir: dirs.dataDir,
      token: TOKEN,
      devOrigin: 'http://127.0.0.1:5173',
    });
    try {
      // What Vite's proxy sends: Host rewritten to the shell (changeOrigin), the page's Origin kept.
      const hostHeader = `127.0.0.1:${dev.port}`;
      const session = await send(dev.port, {
        method: 'POST',
        path: '/session',
        headers: { Host: hostHeader, Origin: 'http://127.0.0.1:5173', Authorization: `Bearer ${TOKEN}` },
      });
      expect(session.status).toBe(204);
      expect(String(session.headers['content-security-policy'])).toContain('ws://127.0.0.1:5173');
      const cookie = cookieOf(session).split(';')[0] ?? '';
      const rpc = await send(dev.port, {
        method: 'POST',
        path: '/rpc/app.status',
        headers: {
          Host: hostHeader,
          Origin: 'http://127.0.0.1:5173',
          Cookie: cookie,
          'Content-Type': 'application/json',
        },
        body: '{}',
      });
      expect(rpc.status).toBe(200);
      expect(JSON.parse(rpc.text)).toMatchObject({ ok: true });
      const other = await send(dev.port, {
        method: 'POST',
        path: '/rpc/app.status',
        headers: {
          Host: hostHeader,
          Origin: 'http://127.0.0.1:5174',
          Cookie: cookie,
          'Content-Type': 'application/json',
        },
        body: '{}',
      });
      expect(other.status).toBe(403);
    } finally {
      await dev.close();
    }
    // Without the option the same dev origin is refused, and the production CSP is sent.
    const refused = await send(port, {
      method: 'POST',
      path: '/session',
      headers: { Host: host(), Origin: 'http://127.0.0.1:5173', Authorization: `Bearer ${TOKEN}` },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});
