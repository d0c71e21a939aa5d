import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { channelNames, eventNames } from '../../shared/contract';

/**
 * Contract acceptance (issue 2): the BUILT preload bundle, evaluated the way Electron's sandbox
 * evaluates it — one CommonJS file whose `require` knows only `electron` — exposes exactly
 * `window.desk` with exactly the contract's channels and events. The expected sets come from
 * shared/contract, so a new channel needs no change here.
 */
const root = resolve(import.meta.dirname, '../..');
const bundlePath = join(root, 'out/preload/index.cjs');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/**
 * Build the preload if it is missing or older than its sources. We build only the preload target
 * of electron.vite.config.ts (same resolved options as `npx electron-vite build`), so this test does
 * not depend on the renderer or main bundles building.
 */
async function ensureBuilt(): Promise<void> {
  const sources = ['electron/preload', 'shared', 'electron.vite.config.ts'].map((p) => join(root, p));
  if (existsSync(bundlePath) && statSync(bundlePath).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  process.env.NODE_ENV_ELECTRON_VITE = 'production'; // what `electron-vite build` sets before resolving
  const { resolveConfig } = await import('electron-vite');
  const { build } = await import('vite');
  const resolved = await resolveConfig({ root, logLevel: 'warn' }, 'build', 'production');
  if (!resolved.config?.preload) throw new Error('electron.vite.config.ts has no preload target');
  await build(resolved.config.preload);
}

type Listener = (event: unknown, ...args: unknown[]) => void;

/** Load the bundle in a fresh context with stubs for the two Electron objects a preload may use. */
function loadPreload(
  invoke: (channel: string, ...args: unknown[]) => Promise<unknown> = async () => undefined,
) {
  const exposed: Array<[string, unknown]> = [];
  const required: string[] = [];
  const invocations: unknown[][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => {
        invocations.push([channel, ...args]);
        return invoke(channel, ...args);
      },
      on: (channel: string, listener: Listener) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)?.add(listener);
      },
      removeListener: (channel: string, listener: Listener) => listeners.get(channel)?.delete(listener),
    },
  };
  const sandboxRequire = (id: string) => {
    required.push(id);
    if (id === 'electron') return electron;
    throw new Error(`module not found: ${id} (a sandboxed preload can only require 'electron')`);
  };
  const module = { exports: {} };
  const context = vm.createContext({});
  const wrapper = vm.runInContext(
    `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundlePath, 'utf8')}\n})`,
    context,
    { filename: bundlePath },
  ) as (...args: unknown[]) => void;
  wrapper(module.exports, sandboxRequire, module, bundlePath, join(root, 'out/preload'));
  const emit = (channel: string, ...args: unknown[]) => {
    for (const listener of listeners.get(channel) ?? [])
      listener({ sender: 'ipcRenderer-must-not-leak' }, ...args);
  };
  return { exposed, required, invocations, listeners, emit };
}

type Desk = {
  call(channel: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  onConnection(listener: (reason: unknown) => void): () => void;
  onOpenRoute(listener: (path: unknown) => void): () => void;
  channels: readonly string[];
  events: readonly string[];
};
const deskOf = (loaded: ReturnType<typeof loadPreload>) => loaded.exposed[0]?.[1] as Desk;
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('built preload bundle (out/preload/index.cjs)', () => {
  beforeAll(ensureBuilt, 60_000);

  it('requires nothing but electron and exposes exactly one object, window.desk', () => {
    const loaded = loadPreload();
    expect(loaded.required).toEqual(['electron']);
    expect(loaded.exposed.map(([key]) => key)).toEqual(['desk']);
    const desk = deskOf(loaded);
    expect(Object.keys(desk).sort()).toEqual([
      'call',
      'channels',
      'events',
      'on',
      'onConnection',
      'onOpenRoute',
    ]);
    expect(Object.isFrozen(desk)).toBe(true);
  });

  it('forwards the engine-restarted signal, only that value, without the IPC event object', () => {
    const loaded = loadPreload();
    const seen: unknown[][] = [];
    const off = deskOf(loaded).onConnection((...args) => seen.push(args));
    loaded.emit('desk:connection', 'engine-restarted');
    loaded.emit('desk:connection', 'something-else');
    off();
    loaded.emit('desk:connection', 'engine-restarted');
    expect(seen).toEqual([['engine-restarted']]);
  });

  it('forwards a route to open only when it is one of the app’s routes, without the IPC event object', () => {
    const loaded = loadPreload();
    const seen: unknown[][] = [];
    const off = deskOf(loaded).onOpenRoute((...args) => seen.push(args));
    loaded.emit('desk:open-route', '/orders/ord-1');
    for (const bad of ['javascript:alert(1)', '/queue?job=1', '/orders/..', { path: '/status' }])
      loaded.emit('desk:open-route', bad);
    off();
    loaded.emit('desk:open-route', '/status');
    expect(seen).toEqual([['/orders/ord-1']]);
  });

  it("lists exactly the contract's channels and events, frozen", () => {
    const desk = deskOf(loadPreload());
    expect([...desk.channels].sort()).toEqual([...channelNames].sort());
    expect([...desk.events].sort()).toEqual([...eventNames].sort());
    expect(Object.isFrozen(desk.channels)).toBe(true);
    expect(Object.isFrozen(desk.events)).toBe(true);
  });

  it('forwards every contract channel to desk:call and returns the envelope unchanged', async () => {
    const loaded = loadPreload(async (_ipc, channel) => ({
      ok: true,
      value: `answer of ${String(channel)}`,
    }));
    const desk = deskOf(loaded);
    for (const channel of channelNames) {
      expect(plain(await desk.call(channel, { some: 'input' }))).toEqual({
        ok: true,
        value: `answer of ${channel}`,
      });
    }
    expect(loaded.invocations).toEqual(channelNames.map((c) => ['desk:call', c, { some: 'input' }]));
  });

  it('refuses unknown channels locally with a VALIDATION envelope, without any IPC', async () => {
    const loaded = loadPreload();
    const desk = deskOf(loaded);
    for (const name of ['no.such.channel', '__proto__', 'constructor', '', 'desk:call']) {
      expect(plain(await desk.call(name, {}))).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(loaded.invocations).toEqual([]);
  });

  it('turns a failed IPC into an INTERNAL envelope instead of a rejection', async () => {
    const desk = deskOf(
      loadPreload(async () => {
        throw new Error('no handler registered');
      }),
    );
    const channel = channelNames[0] as string;
    expect(plain(await desk.call(channel, {}))).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('delivers only the subscribed event, only its payload, until unsubscribed', () => {
    const loaded = loadPreload();
    const desk = deskOf(loaded);
    const event = eventNames[0] as string;
    const received: unknown[][] = [];
    const off = desk.on(event, (...args) => received.push(args));
    loaded.emit('desk:event', event, { n: 1 });
    loaded.emit('desk:event', 'some.other.event', { n: 2 });
    off();
    loaded.emit('desk:event', event, { n: 3 });
    expect(received).toEqual([[{ n: 1 }]]);
    expect(loaded.listeners.get('desk:event')?.size).toBe(0);
  });

  it('refuses to subscribe to unknown events', () => {
    const desk = deskOf(loadPreload());
    expect(() => desk.on('no.such.event', () => {})).toThrow(/Unknown event/);
  });
});
