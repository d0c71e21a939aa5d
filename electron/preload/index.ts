import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { channelNames, eventNames } from '../../shared/contract';
import { err, type Result } from '../../shared/contract/envelope';
import { appRoutePath } from '../../shared/contract/open-route';
import { IPC_CALL, IPC_CONNECTION, IPC_EVENT, IPC_OPEN_ROUTE } from './ipc-names';

/**
 * The sandboxed preload: exposes exactly one object, `window.desk`, and nothing of Electron.
 *
 * The channel and event names come from the contract itself (shared/contract), so a new channel
 * needs no change here. That import bundles zod and the schemas into this one CommonJS file
 * (a sandboxed preload cannot load other files); we accept the size over a generated names-only
 * list that could drift from the contract. Input validation is NOT done here — the main process
 * validates every call (the renderer could bypass anything a preload does) — the preload only
 * refuses names that do not exist, so a typo fails fast and locally.
 */
const channels: readonly string[] = Object.freeze([...channelNames]);
const events: readonly string[] = Object.freeze([...eventNames]);
const knownChannels = new Set(channels);
const knownEvents = new Set(events);

const desk = Object.freeze({
  call(channel: string, input: unknown): Promise<Result<unknown>> {
    if (!knownChannels.has(channel)) {
      return Promise.resolve(err('VALIDATION', `Unknown channel: ${String(channel).slice(0, 80)}`));
    }
    return ipcRenderer
      .invoke(IPC_CALL, channel, input)
      .catch(() => err('INTERNAL', 'The window could not reach the app. Reload the window (Ctrl+R).'));
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!knownEvents.has(event)) throw new TypeError(`Unknown event: ${String(event).slice(0, 80)}`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    // Never hand Electron's IpcRendererEvent to the page: it carries `sender` (= ipcRenderer).
    const forward = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, forward);
    };
  },
  /** The engine restarted under this window: what the page shows may be stale (renderer's connection signal). */
  onConnection(listener: (reason: string) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const forward = (_e: IpcRendererEvent, reason: unknown) => {
      if (reason === 'engine-restarted') listener(reason);
    };
    ipcRenderer.on(IPC_CONNECTION, forward);
    return () => {
      ipcRenderer.removeListener(IPC_CONNECTION, forward);
    };
  },
  /** Main asks the page to open one of the app's routes (a notification was clicked); nothing else passes. */
  onOpenRoute(listener: (path: string) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const forward = (_e: IpcRendererEvent, path: unknown) => {
      const route = appRoutePath(path);
      if (route !== null) listener(route);
    };
    ipcRenderer.on(IPC_OPEN_ROUTE, forward);
    return () => {
      ipcRenderer.removeListener(IPC_OPEN_ROUTE, forward);
    };
  },
  channels,
  events,
});

contextBridge.exposeInMainWorld('desk', desk);
