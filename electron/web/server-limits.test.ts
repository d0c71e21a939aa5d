import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFileLogger } from '../core/log';
import { faultyFs, nodeLogFs } from '../core/log-file';
import type { EngineSurface } from './server';
import { checkCaller } from './guard';
import { startWebShell, type WebShell } from './server';
import { makeTempDirs, send } from './test-helpers';

/**
 * Issue 10, finding 10: slow or greedy clients cannot hold the browser shell, a browser that spells
 * Sec-Fetch-Site in another case is still refused, and a percent-encoded token never reaches the log.
 * No engine needed: a handler table with one channel stands in.
 */
const TOKEN = 'fake-launch-token-1111111111111111111111111';
const engine: EngineSurface = {
  handlers: { 'app.status': () => ({}) } as unknown as EngineSurface['handlers'],
  subscribe: () => () => {},
};

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

async function shellWith(extra: Partial<Parameters<typeof startWebShell>[0]> = {}): Promise<WebShell> {
  const dirs = makeTempDirs();
  cleanups.push(() => dirs.cleanup());
  const shell = await startWebShell({
    engine,
    rendererDir: dirs.rendererDir,
    dataDir: dirs.dataDir,
    token: TOKEN,
    ...extra,
  });
  cleanups.push(() => shell.close());
  return shell;
}

/** A raw socket; resolves `closed` when the server hangs up. */
function rawSocket(port: number): Promise<{ socket: Socket; closed: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (c) => {
      received += c.toString('latin1');
    });
    const closed = new Promise<string>((done) => socket.on('close', () => done(received)));
    socket.on('error', () => {});
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
    cleanups.push(() => socket.destroy());
  });
}

describe('browser shell limits (issue 10, finding 10)', () => {
  it('hangs up on a client that never finishes its headers (slowloris)', async () => {
    const shell = await shellWith({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });
    const { socket, closed } = await rawSocket(shell.port);
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\nX-Slow: 1`);
    const started = Date.now();
    const answer = await Promise.race([
      closed,
      new Promise<string>((r) => setTimeout(() => r('still open'), 3_000)),
    ]);
    expect(answer).not.toBe('still open');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('hangs up on a client that never finishes its body', async () => {
    const shell = await shellWith({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });
    const { socket, closed } = await rawSocket(shell.port);
    socket.write(
      `POST /rpc/app.status HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\nOrigin: http://127.0.0.1:${shell.port}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{`,
    );
    const answer = await Promise.race([
      closed,
      new Promise<string>((r) => setTimeout(() => r('still open'), 3_000)),
    ]);
    expect(answer).not.toBe('still open');
  });

  it('accepts no more than the connection cap at once', async () => {
    const shell = await shellWith({ limits: { maxConnections: 3 } });
    const held = await Promise.all([1, 2, 3].map(() => rawSocket(shell.port)));
    expect(held).toHaveLength(3);
    const extra = await rawSocket(shell.port);
    const answer = await Promise.race([
      extra.closed,
      new Promise<string>((r) => setTimeout(() => r('still open'), 2_000)),
    ]);
    expect(answer).toBe('');
    for (const h of held) h.socket.destroy();
    await Promise.all(held.map((h) => h.closed));
    // once the others are gone a new client is served again
    const res = await send(shell.port, { path: '/', headers: { Host: `127.0.0.1:${shell.port}` } });
    expect(res.status).toBe(200);
  });

  it('refuses Sec-Fetch-Site: cross-site in any letter case', () => {
    for (const fetchSite of ['cross-site', 'Cross-Site', 'CROSS-SITE', ' cross-site '])
      expect(
        checkCaller({ method: 'GET', host: '127.0.0.1:80', origin: undefined, fetchSite, port: 80 }),
      ).toMatchObject({ allowed: false, reason: 'cross-site request' });
  });

  it('never logs the token, percent-encoded or not', async () => {
    const shell = await shellWith();
    const encoded = [...TOKEN].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
    const half = `${TOKEN.slice(0, 10)}${encodeURIComponent('%')}${TOKEN.slice(10)}`; // noise, not the token
    for (const path of [
      `/${encoded}`,
      `/x/${encoded.toUpperCase()}/y`,
      `/${encodeURIComponent(encoded)}`,
      `/${half}`,
    ])
      await send(shell.port, { path, headers: { Host: `127.0.0.1:${shell.port}` } });
    await shell.close();
    const log = readFileSync(shell.requestLog.file, 'utf8');
    expect(log.trim().split('\n')).toHaveLength(4);
    let decoded = log;
    for (let i = 0; i < 3; i++)
      decoded = decoded.replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      );
    expect(decoded).not.toContain(TOKEN);
  });
});

describe('browser shell internal errors (issue 10, finding 5)', () => {
  it('logs an internal error to the engine log, channel and reason, without registered secrets', async () => {
    const dirs = makeTempDirs();
    cleanups.push(() => dirs.cleanup());
    const logger = createFileLogger(dirs.dataDir);
    logger.redact('fake-secret-5555');
    const failing: EngineSurface = {
      handlers: {
        'app.status': () => {
          throw new Error('database exploded near fake-secret-5555');
        },
      } as unknown as EngineSurface['handlers'],
      subscribe: () => () => {},
    };
    const shell = await startWebShell({
      engine: failing,
      rendererDir: dirs.rendererDir,
      dataDir: dirs.dataDir,
      token: TOKEN,
      logger,
    });
    cleanups.push(() => shell.close());
    const origin = `http://127.0.0.1:${shell.port}`;
    const headers = { Host: `127.0.0.1:${shell.port}`, Origin: origin };
    const login = await send(shell.port, {
      method: 'POST',
      path: '/session',
      headers: { ...headers, Authorization: `Bearer ${TOKEN}` },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const res = await send(shell.port, {
      method: 'POST',
      path: '/rpc/app.status',
      headers: { ...headers, Cookie: cookie, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(JSON.parse(res.text)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const log = readFileSync(join(dirs.dataDir, 'logs', 'engine.log'), 'utf8');
    const line = log
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .find((l) => l.message === 'internal error');
    expect(line).toMatchObject({ level: 'error', channel: 'app.status' });
    expect(JSON.stringify(line)).toContain('database exploded');
    expect(log).not.toContain('fake-secret-5555');
  });
});

describe('a full disk under the request log (issue 10, finding 2)', () => {
  it('ENOSPC while logging a request does not take the shell down; requests keep being answered', async () => {
    const dirs = makeTempDirs();
    cleanups.push(() => dirs.cleanup());
    const fs = faultyFs(nodeLogFs);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    cleanups.push(() => stderr.mockRestore());
    const shell = await startWebShell({
      engine,
      rendererDir: dirs.rendererDir,
      dataDir: dirs.dataDir,
      token: TOKEN,
      requestLogFs: fs,
    });
    cleanups.push(() => shell.close());
    const get = () => send(shell.port, { path: '/', headers: { Host: `127.0.0.1:${shell.port}` } });
    expect((await get()).status).toBe(200);
    fs.fail('ENOSPC');
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(200);
    await new Promise((r) => setTimeout(r, 20)); // the close handlers ran
    expect(shell.requestLog.health()).toMatchObject({ code: 'ENOSPC', buffered: 3 });
    fs.heal();
    expect((await get()).status).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    expect(shell.requestLog.health()).toBeNull();
    expect(readFileSync(shell.requestLog.file, 'utf8').trim().split('\n')).toHaveLength(6); // 5 + the gap line
  });
});
