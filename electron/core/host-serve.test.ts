import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from './engine';
import { parseHostConfig } from './host-protocol';
import { detectTransport, serveEngine } from './host-serve';
import { silentLogger } from './log';
import { MemorySecretStore } from './secrets/memory-secret-store';

/** Stand-ins for Electron's process.parentPort and a transferred MessagePortMain. */
class FakePort extends EventEmitter {
  readonly posted: unknown[] = [];
  started = false;
  postMessage(message: unknown): void {
    this.posted.push(message);
    this.emit('posted', message);
  }
  start(): void {
    this.started = true;
  }
}

/** The message answering call `id`, as soon as the host posts it. */
function answered(port: FakePort, id: number): Promise<unknown> {
  const hit = port.posted.find((m) => (m as { id?: number }).id === id);
  if (hit) return Promise.resolve(hit);
  return new Promise((resolve) => {
    const onPosted = (m: unknown) => {
      if ((m as { id?: number }).id !== id) return;
      port.off('posted', onPosted);
      resolve(m);
    };
    port.on('posted', onPosted);
  });
}

describe('engine host over an Electron-style parentPort + MessagePort', () => {
  let dataDir = '';
  let engine: Engine | null = null;
  afterEach(async () => {
    await engine?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes the transferred port, holds calls sent before it serves, answers on the port, stops on close', async () => {
    const parentPort = new FakePort();
    const port = new FakePort();
    const transport = detectTransport({ parentPort } as unknown as NodeJS.Process);
    expect(transport).not.toBeNull();
    if (!transport) return;

    // main transfers the port, then calls right away — before the engine exists
    parentPort.emit('message', { data: { type: 'connect' }, ports: [port] });
    expect(port.started).toBe(true);
    port.emit('message', { data: { type: 'call', id: 1, channel: 'app.status', input: {} } });

    dataDir = mkdtempSync(join(tmpdir(), 'desk-host-'));
    engine = await createEngine({
      dataDir,
      shell: 'electron',
      secretStore: new MemorySecretStore(),
      logger: silentLogger,
    });
    let shutdowns = 0;
    serveEngine(engine, transport, { onShutdown: () => shutdowns++, onInternalError: () => {} });

    expect(port.posted[0]).toEqual({ type: 'ready', pid: process.pid });
    expect(await answered(port, 1)).toMatchObject({
      type: 'result',
      id: 1,
      result: { ok: true, value: { shell: 'electron', dataDir } },
    });
    port.emit('message', { data: { type: 'call', id: 2, channel: 'app.status', input: { bad: 1 } } });
    expect(await answered(port, 2)).toMatchObject({ result: { ok: false, error: { code: 'VALIDATION' } } });
    expect(parentPort.posted).toEqual([]);

    port.emit('close');
    expect(shutdowns).toBe(1);
  });

  it('answers on parentPort itself when no port was transferred, and shuts down on request', async () => {
    const parentPort = new FakePort();
    const transport = detectTransport({ parentPort } as unknown as NodeJS.Process);
    if (!transport) throw new Error('no transport');
    dataDir = mkdtempSync(join(tmpdir(), 'desk-host-'));
    engine = await createEngine({
      dataDir,
      shell: 'test',
      secretStore: new MemorySecretStore(),
      logger: silentLogger,
    });
    let shutdowns = 0;
    serveEngine(engine, transport, { onShutdown: () => shutdowns++, onInternalError: () => {} });
    parentPort.emit('message', { data: { type: 'call', id: 7, channel: 'keychain.probe', input: {} } });
    expect(await answered(parentPort, 7)).toMatchObject({
      result: { ok: true, value: { backend: 'memory' } },
    });
    parentPort.emit('message', { data: { type: 'shutdown' } });
    parentPort.emit('message', { data: { type: 'call', id: 8, channel: 'app.status', input: {} } });
    expect(shutdowns).toBe(1);
    expect(parentPort.posted.some((m) => (m as { id?: number }).id === 8)).toBe(false);
  });
});

describe('parseHostConfig', () => {
  it.each([
    [['--data-dir', '/d', '--shell', 'test'], {}, { dataDir: '/d', shell: 'test' }],
    [['--data-dir=/d'], {}, { dataDir: '/d', shell: 'electron' }],
    [[], { HOSTING_DESK_DATA_DIR: '/e', HOSTING_DESK_SHELL: 'browser' }, { dataDir: '/e', shell: 'browser' }],
    [['--data-dir', '/argv'], { HOSTING_DESK_DATA_DIR: '/env' }, { dataDir: '/argv', shell: 'electron' }],
    [
      ['--data-dir', '/d'],
      { HOSTING_DESK_SQLITE_BINDING: '/n/better_sqlite3.node' },
      { dataDir: '/d', shell: 'electron', sqliteBinding: '/n/better_sqlite3.node' },
    ],
  ])('%o + %o → %o', (argv, env, config) => {
    expect(parseHostConfig(argv, env)).toEqual({ ok: true, config });
  });

  it.each([
    [[], {}],
    [['--data-dir', '/d', '--shell', 'toaster'], {}],
    [['--data-dir'], {}],
  ])('refuses %o %o with a message naming the flag', (argv, env) => {
    const parsed = parseHostConfig(argv, env);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/--data-dir/);
  });
});
